#!/usr/bin/env bash
# Checks the checked-in Swift bindings (bindings/swift):
#  1. up to date: regenerates them into a temp dir (scripts/gen-bindings.sh) and fails on any
#     difference from the checked-in Backspace.swift, BackspaceFFI.h and module.modulemap;
#  2. syntax: parses the Swift (the bindings and Package.swift) with tree-sitter's Swift grammar
#     (PyPI wheels `tree-sitter` + `tree-sitter-swift`, in a venv under target/) and fails on any
#     ERROR or MISSING node;
#  3. negative control: the same check run on deliberately broken copies must fail, else this
#     script fails (a checker that passes everything proves nothing).
# Needs cargo and python3 (with venv); pip downloads the two wheels once.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
PKG=bindings/swift
TREE_SITTER=tree-sitter==0.26.1
TREE_SITTER_SWIFT=tree-sitter-swift==0.7.4

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "== Swift: regenerate and compare with $PKG"
scripts/gen-bindings.sh "$TMP/gen"
stale=0
for f in Sources/Backspace/Backspace.swift \
         Sources/BackspaceFFI/include/BackspaceFFI.h \
         Sources/BackspaceFFI/include/module.modulemap \
         Sources/Backspace/BackspaceCore.swift \
         Sources/BackspaceCoreFFI/include/BackspaceCoreFFI.h \
         Sources/BackspaceCoreFFI/include/module.modulemap; do
  if [ ! -f "$PKG/$f" ]; then
    echo "missing: $PKG/$f" >&2
    stale=1
  elif ! diff -u "$PKG/$f" "$TMP/gen/$f" >"$TMP/diff.txt"; then
    echo "out of date: $PKG/$f (first lines of the difference):" >&2
    head -40 "$TMP/diff.txt" >&2
    stale=1
  fi
done
if [ "$stale" -ne 0 ]; then
  echo "The Swift bindings are not up to date: run scripts/gen-bindings.sh and commit the result." >&2
  exit 1
fi
echo "   up to date"

echo "== Swift: syntax check with tree-sitter-swift"
VENV=$TARGET_DIR/swift-syntax-venv
STAMP="$VENV/.installed-$TREE_SITTER-$TREE_SITTER_SWIFT"
if [ ! -f "$STAMP" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$TREE_SITTER" "$TREE_SITTER_SWIFT"
  touch "$STAMP"
fi

cat >"$TMP/swift_syntax.py" <<'PY'
"""Parses Swift files with tree-sitter-swift; exits 1 if any has an ERROR or MISSING node.

tree-sitter-swift cannot parse a lone attribute inside `#if … #endif`, which is valid Swift and
which uniffi emits around every `@_documentation(visibility: private)`:
    #if swift(>=5.8)
    @_documentation(visibility: private)
    #endif
For exactly that three-line pattern the `#if`/`#endif` lines are blanked (line numbers are kept and
the attribute still has to attach to the declaration below it); everything else is parsed as it is.
"""
import sys

import tree_sitter_swift
from tree_sitter import Language, Parser


def unwrap_documentation_attributes(source: bytes) -> bytes:
    lines = source.split(b"\n")
    for i in range(len(lines) - 2):
        if (
            lines[i].strip() == b"#if swift(>=5.8)"
            and lines[i + 1].strip().startswith(b"@_documentation(")
            and lines[i + 2].strip() == b"#endif"
        ):
            lines[i] = lines[i + 2] = b""
    return b"\n".join(lines)


parser = Parser(Language(tree_sitter_swift.language()))
failed = False
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        source = unwrap_documentation_attributes(f.read())
    tree = parser.parse(source)
    bad = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            bad.append(node)
        if node.has_error:
            stack.extend(node.children)
    if bad or tree.root_node.has_error:
        failed = True
        print(f"{path}: {len(bad)} syntax error(s)")
        for node in sorted(bad, key=lambda n: n.start_point)[:20]:
            kind = "MISSING " + node.type if node.is_missing else "ERROR"
            row, col = node.start_point
            text = source[node.start_byte:node.end_byte][:60].decode("utf-8", "replace")
            print(f"  {path}:{row + 1}:{col + 1}: {kind} {text!r}")
    else:
        lines = source.count(b"\n")
        print(f"  {path}: ok ({lines} lines, {tree.root_node.descendant_count} nodes)")
sys.exit(1 if failed else 0)
PY
CHECK=("$VENV/bin/python" "$TMP/swift_syntax.py")

"${CHECK[@]}" "$PKG/Sources/Backspace/Backspace.swift" "$PKG/Sources/Backspace/BackspaceCore.swift" \
  "$PKG/Package.swift"

# The README's ```swift blocks cannot run here (no Swift toolchain): each is parsed as a file.
python3 - "$PKG/README.md" "$TMP" <<'PY'
import re, sys
from pathlib import Path
text = Path(sys.argv[1]).read_text(encoding="utf-8")
for i, m in enumerate(re.finditer(r"^```swift\n(.*?)^```", text, re.DOTALL | re.MULTILINE), 1):
    Path(sys.argv[2], f"readme-{i}.swift").write_text(m.group(1), encoding="utf-8")
PY
if compgen -G "$TMP/readme-*.swift" >/dev/null; then
  "${CHECK[@]}" "$TMP"/readme-*.swift
fi

echo "== Swift: negative control (broken copies must fail the check)"
SWIFT=$PKG/Sources/Backspace/Backspace.swift
# (a) a closing brace removed: the last `}` line of the file.
last=$(grep -n '^}' "$SWIFT" | tail -1 | cut -d: -f1)
sed "${last}d" "$SWIFT" >"$TMP/missing-brace.swift"
# (b) a garbled declaration in the middle of the file.
middle=$(( $(wc -l <"$SWIFT") / 2 ))
sed "${middle}a\\
public func broken(label: ) -> { return }" "$SWIFT" >"$TMP/garbled.swift"
for broken in "$TMP/missing-brace.swift" "$TMP/garbled.swift"; do
  if "${CHECK[@]}" "$broken" >"$TMP/control.txt" 2>&1; then
    echo "negative control passed the syntax check: $(basename "$broken"); the check is broken" >&2
    cat "$TMP/control.txt" >&2
    exit 1
  fi
  echo "   $(basename "$broken"): rejected as expected ($(head -1 "$TMP/control.txt" | sed 's/.*: //'))"
done
echo "== Swift: bindings up to date, syntax ok, negative control ok"
