#!/usr/bin/env bash
# Builds the `backspace` wheel (bindings/python) with maturin, installs it into a venv, and runs
# the pytest suite, `mypy --strict` on the example and the tests, stubtest on the stubs, and the
# example itself. Exits non-zero on the first failure.
#
# Usage: scripts/test-python.sh            (debug build: faster to compile, fine for tests)
#        BACKSPACE_PY_RELEASE=1 scripts/test-python.sh   (optimized build, as shipped)
# Needs python3 (≥ 3.9, with venv) and cargo; everything else is installed into target/py-venv.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV="$ROOT/target/py-venv"
PY="$VENV/bin/python"
WHEELS="$ROOT/target/wheels"

if [ ! -x "$PY" ]; then
    echo "== creating venv $VENV"
    python3 -m venv "$VENV"
fi
echo "== installing maturin, pytest, mypy"
# phonenumbers is pinned to the libphonenumber metadata that crates/backspace-core/src/phone_metadata.rs
# is generated from (scripts/gen-phone-patterns.py); the phone tests compare against it.
"$PY" -m pip install --quiet --disable-pip-version-check "maturin>=1.16,<2" pytest mypy \
    "phonenumbers==9.0.33"

PROFILE_ARGS=()
if [ "${BACKSPACE_PY_RELEASE:-0}" = "1" ]; then
    PROFILE_ARGS=(--release)
fi

echo "== building the wheel (${PROFILE_ARGS[*]:-debug})"
mkdir -p "$WHEELS"
rm -f "$WHEELS"/backspace-*.whl
"$VENV/bin/maturin" build ${PROFILE_ARGS[@]+"${PROFILE_ARGS[@]}"} \
    -m bindings/python/Cargo.toml -o "$WHEELS" --interpreter "$PY"
WHEEL="$(ls -t "$WHEELS"/backspace-*.whl | head -n 1)"

echo "== installing $WHEEL"
"$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"

echo "== stubs: the generated parts of __init__.pyi are fresh"
"$PY" bindings/python/scripts/stubgen.py --check

echo "== pytest"
# pytest puts bindings/python/tests (not the source tree) on sys.path: `import backspace` is the wheel.
"$PY" -m pytest bindings/python/tests -q -p no:cacheprovider

echo "== mypy --strict (example and tests), stubtest (stubs against the built module)"
"$VENV/bin/mypy" --strict --no-incremental --cache-dir=/dev/null examples/python/front_desk.py bindings/python/tests
# From inside the venv, so its cache stays under target/ and `backspace` is the installed wheel.
(cd "$VENV" && "$PY" -m mypy.stubtest backspace --allowlist "$ROOT/bindings/python/stubtest-allowlist.txt")

echo "== example"
"$PY" examples/python/front_desk.py

echo "== python bindings: all checks passed"
