#!/usr/bin/env bash
# Regenerates the Swift bindings of Backspace as a Swift package layout:
#   OUT/Sources/Backspace/Backspace.swift                 (the Swift API)
#   OUT/Sources/BackspaceFFI/include/BackspaceFFI.h       (the C declarations of the Rust library)
#   OUT/Sources/BackspaceFFI/include/module.modulemap     (module BackspaceFFI)
# OUT defaults to bindings/swift (the checked-in package). The Swift is generated from the debug
# build of backspace-uniffi with the workspace's uniffi-bindgen (library mode, bindings/uniffi/uniffi.toml);
# the output does not depend on the build profile or the machine.
#
#   scripts/gen-bindings.sh [OUT]          Swift into OUT
#   scripts/gen-bindings.sh --kotlin DIR   Kotlin into DIR (DIR/backspace/backspace.kt)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
case "$(uname -s)" in
  Darwin) LIB=libbackspace_uniffi.dylib ;;
  *) LIB=libbackspace_uniffi.so ;;
esac

LANGUAGE=swift
if [ "${1:-}" = "--kotlin" ]; then
  LANGUAGE=kotlin
  shift
  OUT=${1:?usage: scripts/gen-bindings.sh --kotlin DIR}
else
  OUT=${1:-bindings/swift}
fi

cargo build --quiet -p backspace-uniffi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cargo run --quiet -p uniffi-bindgen -- generate --no-format \
  --library "$TARGET_DIR/debug/$LIB" --language "$LANGUAGE" --out-dir "$WORK" >/dev/null

if [ "$LANGUAGE" = kotlin ]; then
  mkdir -p "$OUT"
  cp -R "$WORK"/. "$OUT"/
  exit 0
fi

for f in Backspace.swift BackspaceFFI.h BackspaceFFI.modulemap; do
  test -s "$WORK/$f" || { echo "uniffi-bindgen did not write $f" >&2; exit 1; }
done
mkdir -p "$OUT/Sources/Backspace" "$OUT/Sources/BackspaceFFI/include"
cp "$WORK/Backspace.swift" "$OUT/Sources/Backspace/Backspace.swift"
cp "$WORK/BackspaceFFI.h" "$OUT/Sources/BackspaceFFI/include/BackspaceFFI.h"
# SwiftPM reads a C target's module map from include/module.modulemap.
cp "$WORK/BackspaceFFI.modulemap" "$OUT/Sources/BackspaceFFI/include/module.modulemap"
