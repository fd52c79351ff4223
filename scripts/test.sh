#!/usr/bin/env bash
# Runs every test of Backspace: Rust (all crates, doc tests), then the Python package
# and the Kotlin bindings where they are present. Installs what it needs itself.
set -euo pipefail
cd "$(dirname "$0")/.."

# The uniffi-bindgen command-line tool is left out: it has no tests and takes minutes to build.
echo "== Rust: cargo test --workspace --exclude uniffi-bindgen"
cargo test --workspace --exclude uniffi-bindgen --quiet

if [ -x scripts/test-python.sh ]; then
  echo "== Python"
  scripts/test-python.sh
fi

if [ -x scripts/test-kotlin.sh ]; then
  echo "== Kotlin"
  scripts/test-kotlin.sh
fi
echo "== all tests passed"
