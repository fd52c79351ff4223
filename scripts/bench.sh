#!/usr/bin/env bash
# Runs Backspace's benchmarks (release builds, crates/backspace-bench) and prints a summary of
# every figure with its ratio and target. Not part of the test command (see bench-smoke.sh).
#
# Usage: scripts/bench.sh                       every bench, in order
#        scripts/bench.sh cycle reports ...     some of: cycle reports open python memory growth
#
# The first run generates the 10k/100k/1M-session histories into target/bench-data/ (cached;
# the 1M one takes a few minutes). `python` builds the release wheel into target/py-venv first.
# Figures are kept in target/bench-results/<bench>.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ALL=(cycle reports open python memory growth)
BENCHES=("$@")
if [ ${#BENCHES[@]} -eq 0 ]; then
    BENCHES=("${ALL[@]}")
fi
for b in "${BENCHES[@]}"; do
    case " ${ALL[*]} " in
        *" $b "*) ;;
        *) echo "unknown bench '$b' (one of: ${ALL[*]})" >&2; exit 2 ;;
    esac
done

python_wheel() {
    local venv="$ROOT/target/py-venv" wheels="$ROOT/target/wheels-bench"
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv"
    fi
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.16,<2"
    rm -rf "$wheels"
    "$venv/bin/maturin" build --release -m bindings/python/Cargo.toml -o "$wheels" \
        --interpreter "$venv/bin/python"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
        --no-deps "$wheels"/backspace-*.whl
}

mkdir -p target/bench-results
for b in "${BENCHES[@]}"; do
    rm -f "target/bench-results/$b.tsv"
    if [ "$b" = python ]; then
        echo "== building the release wheel"
        python_wheel
    fi
    echo "== cargo bench -p backspace-bench --bench $b"
    cargo bench -p backspace-bench --bench "$b"
done

echo
echo "== summary ($(date -u +%Y-%m-%dT%H:%MZ))"
for b in "${BENCHES[@]}"; do
    f="target/bench-results/$b.tsv"
    if [ -f "$f" ]; then
        echo
        column -t -s $'\t' "$f"
    fi
done
