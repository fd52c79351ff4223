"""Every ```python block of every README.md in the repository runs, as a newcomer would paste it,
in a fresh working directory (so a ``space.sqlite`` it creates lands there). The shell blocks
(``pip install …``, ``maturin build …``) are what ``scripts/test-python.sh`` itself runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SKIP = {"target", ".git", "node_modules", ".venv"}
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def readmes() -> list[Path]:
    found = []
    for path in sorted(ROOT.rglob("README.md")):
        if not SKIP.intersection(path.relative_to(ROOT).parts):
            found.append(path)
    return found


def blocks() -> list[tuple[str, str]]:
    out = []
    for path in readmes():
        text = path.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            line = text.count("\n", 0, m.start()) + 2
            out.append((f"{path.relative_to(ROOT)}:{line}", m.group(1)))
    return out


def test_the_readmes_have_python_snippets() -> None:
    where = {name.split(":")[0] for name, _ in blocks()}
    assert {"README.md", "bindings/python/README.md"} <= where


@pytest.mark.parametrize(("where", "code"), blocks(), ids=[name for name, _ in blocks()])
def test_readme_python_snippet_runs(
    where: str, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    exec(compile(code, where, "exec"), {"__name__": "__readme__"})
