#!/usr/bin/env bash
# Runs every test of Backspace: Rust (all crates, doc tests), then the Python package
# and the Kotlin bindings where they are present. Installs what it needs itself.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Rust: cargo test --workspace"
cargo test --workspace --quiet

if [ -x scripts/test-python.sh ]; then
  echo "== Python"
  scripts/test-python.sh
fi

if [ -x scripts/test-kotlin.sh ]; then
  echo "== Kotlin"
  scripts/test-kotlin.sh
fi
echo "== all tests passed"
