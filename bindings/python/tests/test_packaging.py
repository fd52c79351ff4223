"""The wheel as a user installs it: version from Cargo, documented API, typed package."""

from __future__ import annotations

import inspect
import pathlib
import pydoc
import re

import backspace

ROOT = pathlib.Path(__file__).resolve().parents[3]


def test_version_comes_from_the_workspace_cargo_toml() -> None:
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    block = cargo.split("[workspace.package]", 1)[1]
    match = re.search(r'^version = "([^"]+)"', block, re.MULTILINE)
    assert match is not None
    assert backspace.__version__ == match.group(1)


def test_every_operation_has_a_docstring_in_help() -> None:
    methods = [
        name
        for name, member in inspect.getmembers(backspace.Backspace)
        if not name.startswith("_") and callable(member)
    ]
    assert len(methods) >= 45
    missing = [name for name in methods if not (getattr(backspace.Backspace, name).__doc__ or "").strip()]
    assert missing == []
    text = pydoc.plain(pydoc.render_doc(backspace.Backspace))
    assert "record_payment" in text and "front desk" in text


def test_package_ships_type_stubs_and_py_typed() -> None:
    package = pathlib.Path(backspace.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "__init__.pyi").exists()
