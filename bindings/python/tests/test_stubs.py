"""The generated parts of ``__init__.pyi`` (enum aliases, entity classes) match the built module."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

# The private native module, untyped on purpose: `_stubs()` is not part of the public stubs.
_native: Any = importlib.import_module("backspace._native")

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "stubgen.py"


def _stubgen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("stubgen", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_stubs_are_fresh() -> None:
    stubgen = _stubgen()
    current = stubgen.STUBS.read_text(encoding="utf-8")
    assert stubgen.render(current, dict(_native._stubs())) == current, (
        "run `python bindings/python/scripts/stubgen.py` and commit __init__.pyi"
    )


def test_every_entity_class_is_generated() -> None:
    import backspace

    entities = _native._stubs()["entities"]
    for name in ("Customer", "Invoice", "ShiftReport", "Reservation", "EReceipt"):
        assert f"class {name}:" in entities
        assert isinstance(getattr(backspace, name), type)
    # Each property of a class in the stub is a real attribute of the class at run time.
    for block in entities.split("@final\n")[1:]:
        name = block.split("class ", 1)[1].split(":", 1)[0]
        cls = getattr(backspace, name)
        for line in block.splitlines():
            if line.startswith("    def ") and "(self)" in line:
                attr = line.split("def ", 1)[1].split("(", 1)[0]
                assert hasattr(cls, attr), f"{name}.{attr}"


def test_enum_aliases_come_from_the_core() -> None:
    aliases = _native._stubs()["aliases"]
    assert 'PaymentMethod: TypeAlias = Literal["cash", "card", "transfer", "balance"]' in aliases
    assert 'CustomerType: TypeAlias = Literal["visitor", "weekly", "half-monthly", "monthly"]' in aliases
