#!/usr/bin/env bash
# Runs every test of Backspace: Rust (all crates, doc tests), the Python package, a smoke run
# of the benchmarks, and the Kotlin and Swift bindings. Installs what it needs itself.
set -euo pipefail
cd "$(dirname "$0")/.."

# The uniffi-bindgen command-line tool is left out: it has no tests and takes minutes to build.
# The receipts' tests print with headless Chromium and read the PDF back with pdftotext.
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  echo "== installing chromium, poppler-utils and Arabic fonts (apt-get)"
  SUDO=""
  if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils fonts-noto-core >/dev/null
fi

# The PostgreSQL tests run against BACKSPACE_PG_URL, or else a throwaway cluster under target/pg
# that is stopped when this script ends.
if [ -z "${BACKSPACE_PG_URL:-}" ]; then
  echo "== PostgreSQL: a throwaway cluster under target/pg"
  eval "$(scripts/pg-cluster.sh start)"
  scripts/pg-cluster.sh reset-db
  export BACKSPACE_PG_THROWAWAY=1
  trap 'scripts/pg-cluster.sh stop' EXIT
fi

echo "== Rust: cargo test --workspace --exclude uniffi-bindgen"
cargo test --workspace --exclude uniffi-bindgen --quiet

if [ -x scripts/test-python.sh ]; then
  echo "== Python"
  scripts/test-python.sh
fi

# Every benchmark at tiny sizes, so none of them rots (after Python: one bench drives the wheel).
if [ -x scripts/bench-smoke.sh ]; then
  echo "== Benchmarks (smoke run)"
  scripts/bench-smoke.sh
fi

if [ -x scripts/test-kotlin.sh ]; then
  echo "== Kotlin"
  scripts/test-kotlin.sh
fi
echo "== all tests passed"
