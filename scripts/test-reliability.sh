#!/usr/bin/env bash
# Runs the reliability tests of RELIABILITY.md at full size and prints their figures:
# SIGKILL crash safety, four concurrent desks, the in-memory and SQLite stores side by side,
# the parsers on arbitrary input, and the Python hostile-input sweep. `scripts/test.sh` runs the
# same tests at CI size.
#
# Usage: scripts/test-reliability.sh               (full size, optimized build)
#        BACKSPACE_RELIABILITY_FULL=0 scripts/test-reliability.sh   (CI size)
#        BACKSPACE_RELIABILITY_SEED=n …             (repeat a run; each test prints its seed)
#        BACKSPACE_RELIABILITY_FUZZ_SECONDS=60 …    (also run the cargo-fuzz targets, if
#                                                   nightly and cargo-fuzz are installed)
# Sizes can be set one by one: BACKSPACE_CRASH_KILLS, BACKSPACE_DESKS_SECONDS,
# BACKSPACE_AGREE_CASES, BACKSPACE_PARSER_CASES, BACKSPACE_HOSTILE_RANDOM.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export BACKSPACE_RELIABILITY_FULL="${BACKSPACE_RELIABILITY_FULL:-1}"
LOG="$ROOT/target/reliability.log"
mkdir -p target
: > "$LOG"

echo "== Rust reliability tests (BACKSPACE_RELIABILITY_FULL=$BACKSPACE_RELIABILITY_FULL, release build)"
for t in crash_safety concurrent_desks stores_agree parsers_never_panic reliability_regressions; do
    echo "-- $t"
    start=$(date +%s)
    status=0
    cargo test --release --quiet -p backspace --test "$t" -- --nocapture > "$LOG.part" 2>&1 || status=$?
    cat "$LOG.part" >> "$LOG"
    grep -E "RELIABILITY|test result" "$LOG.part" || true
    [ "$status" -eq 0 ] || { tail -n 40 "$LOG.part"; echo "$t failed: see $LOG"; exit 1; }
    echo "   ($(( $(date +%s) - start )) s)"
done

echo "== Python hostile-input sweep"
VENV="$ROOT/target/py-venv"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.16,<2" pytest
rm -rf target/reliability-wheel
"$VENV/bin/maturin" build --release --quiet -m bindings/python/Cargo.toml -o target/reliability-wheel \
    --interpreter "$VENV/bin/python"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
    target/reliability-wheel/backspace-*.whl
status=0
"$VENV/bin/python" -m pytest bindings/python/tests/test_hostile_input.py -q -s -p no:cacheprovider \
    > "$LOG.part" 2>&1 || status=$?
cat "$LOG.part" >> "$LOG"
grep -E "RELIABILITY|passed|failed" "$LOG.part" || true
[ "$status" -eq 0 ] || { tail -n 40 "$LOG.part"; echo "hostile-input sweep failed: see $LOG"; exit 1; }

if [ -n "${BACKSPACE_RELIABILITY_FUZZ_SECONDS:-}" ]; then
    echo "== cargo fuzz (nightly)"
    if cargo +nightly fuzz --version >/dev/null 2>&1; then
        for target in phone money; do
            status=0
            (cd fuzz && cargo +nightly fuzz run "$target" -- \
                -max_total_time="$BACKSPACE_RELIABILITY_FUZZ_SECONDS") > "$LOG.part" 2>&1 || status=$?
            cat "$LOG.part" >> "$LOG"
            grep -E "^Done|stat::number_of_executed_units|panicked" "$LOG.part" | sed "s/^/  $target: /" || true
            [ "$status" -eq 0 ] || { tail -n 40 "$LOG.part"; echo "fuzz target $target failed: see $LOG"; exit 1; }
        done
    else
        echo "-- skipped: needs nightly Rust and cargo-fuzz (cargo install cargo-fuzz)"
    fi
fi

rm -f "$LOG.part"
echo "== figures (also in $LOG)"
grep -h "RELIABILITY" "$LOG" | sed 's/^.*RELIABILITY /  /'
echo "== reliability: all passed"
