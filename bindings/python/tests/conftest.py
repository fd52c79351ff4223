from __future__ import annotations

from collections.abc import Iterator

import pytest

from backspace import Backspace, Customer, InventoryItem, Resource
from helpers import customer, seat, tea


@pytest.fixture
def bs() -> Iterator[Backspace]:
    with Backspace.in_memory() as desk:
        yield desk


@pytest.fixture
def mona(bs: Backspace) -> Customer:
    return customer(bs)


@pytest.fixture
def seat1(bs: Backspace) -> Resource:
    return seat(bs)


@pytest.fixture
def tea10(bs: Backspace) -> InventoryItem:
    return tea(bs)
