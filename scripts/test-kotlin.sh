#!/usr/bin/env bash
# Kotlin bindings: builds the native library (debug: target/debug/libbackspace_uniffi.so), generates
# the Kotlin with the workspace's uniffi-bindgen, compiles it and runs the JUnit 5 suite on the JVM
# (bindings/kotlin, Maven; JNA loads the library through jna.library.path). Then checks that the
# checked-in Swift bindings are up to date and parse (scripts/check-swift.sh).
#
# Needs: cargo, a JDK ≥ 17, Maven (it downloads Kotlin, JNA and JUnit from Maven Central), and
# python3 with venv for the Swift syntax check. Set SKIP_SWIFT_CHECK=1 to skip that last step.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
case "$(uname -s)" in
  Darwin) LIB=libbackspace_uniffi.dylib ;;
  *) LIB=libbackspace_uniffi.so ;;
esac
start=$SECONDS

echo "== Kotlin: cargo build -p backspace-uniffi (debug)"
cargo build --quiet -p backspace-uniffi

echo "== Kotlin: generate bindings (uniffi-bindgen, library mode)"
GEN=bindings/kotlin/target/generated-sources/uniffi
rm -rf "$GEN"
cargo run --quiet -p uniffi-bindgen -- generate --no-format \
  --library "$TARGET_DIR/debug/$LIB" --language kotlin --out-dir "$GEN" >/dev/null
test -s "$GEN/backspace/backspace.kt"

echo "== Kotlin: mvn test (JUnit 5)"
REPORTS=bindings/kotlin/target/surefire-reports
# Compiled classes are rebuilt every run: kotlinc leaves the classes of deleted sources behind.
rm -rf "$REPORTS" bindings/kotlin/target/classes bindings/kotlin/target/test-classes
status=0
(cd bindings/kotlin && mvn -q -B -ntp -Dstyle.color=never test -Dbackspace.skipNative=true -Dnative.dir="$TARGET_DIR/debug") || status=$?

# Surefire's summary, from its per-class reports (mvn -q hides it).
if compgen -G "$REPORTS/*.txt" >/dev/null; then
  grep -h '^Tests run:' "$REPORTS"/*.txt | sed 's/^/  /'
  grep -h '^Tests run:' "$REPORTS"/*.txt | awk -F'[:,]' '
    { run += $2; fail += $4; err += $6; skip += $8 }
    END {
      printf "Tests run: %d, Failures: %d, Errors: %d, Skipped: %d\n", run, fail, err, skip
      printf "%d passed, %d failed\n", run - fail - err - skip, fail + err
      if (run == 0) exit 1
    }' || status=1
else
  echo "no surefire reports in $REPORTS" >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "== Kotlin: FAILED" >&2
  exit "$status"
fi
echo "== Kotlin: passed in $((SECONDS - start)) s"

if [ "${SKIP_SWIFT_CHECK:-0}" != 1 ]; then
  scripts/check-swift.sh
fi
