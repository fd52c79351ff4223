"""Writes the generated parts of ``backspace/__init__.pyi`` from the installed native module.

The enum aliases and the entity classes are declared once, in Rust (the core's enums and
``bindings/python/src/entities.rs``); ``backspace._native._stubs()`` renders them as stub text.
This script puts that text between the ``# BEGIN GENERATED: <part>`` and ``# END GENERATED:
<part>`` markers of ``__init__.pyi`` and leaves the hand-written rest alone.

    python bindings/python/scripts/stubgen.py           # rewrite the stubs
    python bindings/python/scripts/stubgen.py --check   # exit 1 if they are stale (the test command)
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import re
import sys
from pathlib import Path

STUBS = Path(__file__).resolve().parent.parent / "python" / "backspace" / "__init__.pyi"


def render(current: str, parts: dict[str, str]) -> str:
    """``current`` with each generated part replaced by its fresh text."""
    text = current
    for name, body in parts.items():
        pattern = re.compile(
            rf"(# BEGIN GENERATED: {name}[^\n]*\n)(.*?)(# END GENERATED: {name}\n)", re.DOTALL
        )
        if not pattern.search(text):
            raise SystemExit(f"{STUBS}: no '# BEGIN GENERATED: {name}' … '# END GENERATED: {name}' markers")
        text = pattern.sub(lambda m: m.group(1) + body.rstrip("\n") + "\n" + m.group(3), text)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the stubs are stale")
    args = parser.parse_args()

    native = importlib.import_module("backspace._native")  # the installed wheel's

    current = STUBS.read_text(encoding="utf-8")
    fresh = render(current, dict(native._stubs()))
    if fresh == current:
        print(f"{STUBS.name}: up to date")
        return 0
    if args.check:
        diff = difflib.unified_diff(
            current.splitlines(), fresh.splitlines(), "checked in", "generated", lineterm="", n=1
        )
        print("\n".join(list(diff)[:40]), file=sys.stderr)
        print(
            f"{STUBS} is stale: run `python bindings/python/scripts/stubgen.py` with the "
            "freshly built wheel installed, and commit the result.",
            file=sys.stderr,
        )
        return 1
    STUBS.write_text(fresh, encoding="utf-8")
    print(f"{STUBS.name}: rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
