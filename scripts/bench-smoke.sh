#!/usr/bin/env bash
# A smoke run of every benchmark at tiny sizes, so none of them can rot: each bench binary of
# crates/backspace-bench runs once under `cargo test` (criterion's test mode; our own passes
# use a few-hundred-session history), plus the crate's own tests (the generator's invariants,
# the floor's equivalence with Backspace). Debug build; well under a minute once compiled.
# The Python bench runs when target/py-venv has the `backspace` package
# (scripts/test-python.sh installs it), and says it skipped otherwise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export BACKSPACE_BENCH_SMOKE=1
cargo test -p backspace-bench --all-targets --quiet
