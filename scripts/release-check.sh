#!/usr/bin/env bash
# The release check (CI runs it after the tests): every Rust crate packages and builds from its
# package in dependency order, the docs build without a warning, and the wheel is abi3 with
# its metadata. The Kotlin jar and its consumer project are checked by scripts/test-kotlin.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo doc --no-deps (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet -p backspace-core -p backspace-sqlite -p backspace-postgres -p backspace

echo "== cargo package: backspace-core, backspace-sqlite, backspace-postgres, backspace (verified in order)"
# Cargo takes a package of an unchanged version number as unchanged: it reuses the unpacked
# source and the build of its temporary local registry. Start those clean, and verify in a
# target directory of its own so the workspace build is never mistaken for a registry one.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
rm -rf target/release-check/package "$cargo_home"/registry/src/-*/backspace-* "$cargo_home"/registry/cache/-*/backspace-*
rm -rf target/release-check/debug/.fingerprint/backspace-* target/release-check/debug/deps/libbackspace_*
CARGO_TARGET_DIR=target/release-check \
  cargo package --quiet --allow-dirty -p backspace-core -p backspace-sqlite -p backspace-postgres -p backspace

echo "== wheel metadata"
wheel=$(ls -t target/wheels/backspace-*.whl 2>/dev/null | head -n 1 || true)
if [ -z "$wheel" ]; then
  scripts/test-python.sh
  wheel=$(ls -t target/wheels/backspace-*.whl | head -n 1)
fi
case "$wheel" in
  *-cp39-abi3-*) echo "   $wheel is abi3 for CPython >= 3.9" ;;
  *) echo "   $wheel is not an abi3 (cp39) wheel" >&2; exit 1 ;;
esac
version=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "backspace"))')
python3 - "$wheel" "$version" <<'PY'
import sys, zipfile
wheel, version = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
    text = z.read(meta).decode()
fields = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line and not line.startswith(" "))
need = {"Name": "backspace", "Version": version, "Requires-Python": ">=3.9"}
for key, want in need.items():
    if fields.get(key) != want:
        sys.exit(f"wheel metadata {key} is {fields.get(key)!r}, want {want!r}")
if "License :: OSI Approved :: MIT License" not in text:
    sys.exit("wheel metadata lacks the license classifier")
print(f"   name, version {version} (from Cargo), Requires-Python and classifiers present")
PY
echo "== release check passed"
