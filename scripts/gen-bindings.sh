#!/usr/bin/env bash
# Regenerates the Swift bindings of Backspace as a Swift package layout: one Swift module,
# `Backspace`, with a Swift file and a C module per uniffi component of libbackspace_uniffi
# (uniffi's Swift expects the components that share types to be compiled as one module):
#   OUT/Sources/Backspace/Backspace.swift                     (the `Backspace` object, settings)
#   OUT/Sources/BackspaceFFI/include/BackspaceFFI.h           (its C declarations)
#   OUT/Sources/BackspaceFFI/include/module.modulemap         (module BackspaceFFI)
#   OUT/Sources/Backspace/BackspaceCore.swift                 (the entities, enums and errors)
#   OUT/Sources/BackspaceCoreFFI/include/BackspaceCoreFFI.h   (their C declarations)
#   OUT/Sources/BackspaceCoreFFI/include/module.modulemap     (module BackspaceCoreFFI)
# OUT defaults to bindings/swift (the checked-in package). The Swift is generated from the debug
# build of backspace-uniffi with the workspace's uniffi-bindgen (library mode; bindings/uniffi/uniffi.toml
# and crates/backspace-core/uniffi.toml);
# the output does not depend on the build profile or the machine.
#
#   scripts/gen-bindings.sh [OUT]          Swift into OUT
#   scripts/gen-bindings.sh --kotlin DIR   Kotlin into DIR (DIR/backspace/backspace.kt and
#                                          DIR/backspace/core/backspace_core.kt)
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

for module in Backspace BackspaceCore; do
  for f in "$module.swift" "${module}FFI.h" "${module}FFI.modulemap"; do
    test -s "$WORK/$f" || { echo "uniffi-bindgen did not write $f" >&2; exit 1; }
  done
  mkdir -p "$OUT/Sources/Backspace" "$OUT/Sources/${module}FFI/include"
  cp "$WORK/$module.swift" "$OUT/Sources/Backspace/$module.swift"
  cp "$WORK/${module}FFI.h" "$OUT/Sources/${module}FFI/include/${module}FFI.h"
  # SwiftPM reads a C target's module map from include/module.modulemap.
  cp "$WORK/${module}FFI.modulemap" "$OUT/Sources/${module}FFI/include/module.modulemap"
done
