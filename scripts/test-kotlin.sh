#!/usr/bin/env bash
# Kotlin bindings: builds the native library (debug: target/debug/libbackspace_uniffi.so), generates
# the Kotlin with the workspace's uniffi-bindgen, then `mvn package` in bindings/kotlin: compiles it,
# runs the JUnit 5 suite on the JVM (JNA finds the library as a classpath resource) and builds
# bindings/kotlin/target/backspace-kotlin-VERSION.jar (VERSION = the Cargo workspace version) with the
# library inside (linux-x86-64/libbackspace_uniffi.so). Then bindings/kotlin/consumer, a tiny app with
# only that jar, kotlin-stdlib and JNA on its classpath, must run and print the expected invoice.
# Last, checks that the checked-in Swift bindings are up to date and parse (scripts/check-swift.sh).
#
# Needs: cargo, a JDK ≥ 17, Maven (it downloads Kotlin, JNA and JUnit from Maven Central), and
# python3 with venv for the Swift syntax check. Set SKIP_SWIFT_CHECK=1 to skip that last step.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
case "$(uname -s)" in
  Darwin) LIB=libbackspace_uniffi.dylib; OS=darwin ;;
  *) LIB=libbackspace_uniffi.so; OS=linux ;;
esac
# JNA's resource prefix (Platform.RESOURCE_PREFIX): where the jar carries the library.
case "$(uname -m)" in
  x86_64 | amd64) PLATFORM=$OS-x86-64 ;;
  arm64 | aarch64) PLATFORM=$OS-aarch64 ;;
  *) PLATFORM=$OS-$(uname -m) ;;
esac
# The jar's version is the Cargo workspace version (bindings/kotlin/pom.xml checks it equals its own).
VERSION=$(cargo pkgid -p backspace-uniffi | sed 's/.*[@#]//')
JAR=$ROOT/bindings/kotlin/target/backspace-kotlin-$VERSION.jar
start=$SECONDS

echo "== Kotlin: cargo build -p backspace-uniffi (debug)"
cargo build --quiet -p backspace-uniffi

echo "== Kotlin: generate bindings (uniffi-bindgen, library mode)"
GEN=bindings/kotlin/target/generated-sources/uniffi
rm -rf "$GEN"
cargo run --quiet -p uniffi-bindgen -- generate --no-format \
  --library "$TARGET_DIR/debug/$LIB" --language kotlin --out-dir "$GEN" >/dev/null
test -s "$GEN/backspace/backspace.kt"

echo "== Kotlin: mvn package (JUnit 5, then the jar)"
REPORTS=bindings/kotlin/target/surefire-reports
# Compiled classes are rebuilt every run: kotlinc leaves the classes of deleted sources behind.
rm -rf "$REPORTS" bindings/kotlin/target/classes bindings/kotlin/target/test-classes bindings/kotlin/target/backspace-kotlin-*.jar
status=0
(cd bindings/kotlin && mvn -q -B -ntp -Dstyle.color=never package -Dbackspace.skipNative=true -Dnative.dir="$TARGET_DIR/debug") || status=$?

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

fail() { echo "$*" >&2; echo "== Kotlin: FAILED" >&2; exit 1; }

echo "== Kotlin: jar"
test -s "$JAR" || fail "no $JAR"
ENTRIES=$(jar tf "$JAR")
for entry in "$PLATFORM/$LIB" backspace/Backspace.class; do
  grep -qxF "$entry" <<<"$ENTRIES" || fail "$JAR lacks $entry"
done
echo "  ${JAR#"$ROOT"/}: $(wc -l <<<"$ENTRIES") entries, $(du -k "$JAR" | cut -f1) KiB, $PLATFORM/$LIB inside"

echo "== Kotlin: consumer app (classpath: the jar + kotlin-stdlib + JNA; no jna.library.path)"
OUT=bindings/kotlin/target/consumer.out
ERR=bindings/kotlin/target/consumer.err
rm -rf bindings/kotlin/target/consumer
# No LD_LIBRARY_PATH and no cargo target directory anywhere: the library can only come from the jar.
if ! (cd bindings/kotlin/consumer &&
      env -u LD_LIBRARY_PATH -u JAVA_TOOL_OPTIONS mvn -q -B -ntp -Dstyle.color=never verify -Dbackspace.jar="$JAR") \
      >"$OUT" 2>"$ERR"; then
  cat "$OUT" >&2; grep -v '^INFO: \|^[A-Z][a-z][a-z] [0-9]' "$ERR" >&2 || true
  fail "consumer app failed"
fi
# Maven leaves colour resets on its output even with -B; the app's lines are compared without them.
sed 's/\x1b\[[0-9;]*m//g' "$OUT" | grep -v '^$' >"$OUT.plain" || true
expected="backspace-kotlin $VERSION
customer C-001 منى عادل
invoice INV-0001 total 37.50"
if [ "$(cat "$OUT.plain")" != "$expected" ]; then
  diff <(echo "$expected") "$OUT.plain" >&2 || true
  fail "consumer app printed something else (above: < expected, > printed)"
fi
sed 's/^/  /' "$OUT.plain"
# jna.debug_load=true: JNA says where it found the library.
grep -qF "Found library resource at jar:file:$JAR!/$PLATFORM/$LIB" "$ERR" ||
  fail "JNA did not load $PLATFORM/$LIB from $JAR (see $ERR)"
echo "  JNA loaded $PLATFORM/$LIB from the jar"

echo "== Kotlin: passed in $((SECONDS - start)) s"

if [ "${SKIP_SWIFT_CHECK:-0}" != 1 ]; then
  scripts/check-swift.sh
fi
