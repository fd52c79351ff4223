"""§8 Inventory through the Python API."""

from __future__ import annotations

from decimal import Decimal

import pytest

import backspace
from backspace import Backspace, InventoryItem
from helpers import at


def test_r_inv_1_add_inventory_item(bs: Backspace) -> None:
    item = bs.add_inventory_item("قهوة", "beverage", Decimal("15"), quantity=20, min_stock=5, at=at())
    assert (item.name, item.category, item.quantity, item.min_stock) == ("قهوة", "beverage", 20, 5)
    assert str(item.price) == "15.00"
    assert bs.get_inventory_item(item.id) == item
    assert bs.list_inventory_items() == [item]


def test_r_inv_1_negative_min_stock_is_validation_error(bs: Backspace) -> None:
    with pytest.raises(backspace.ValidationError):
        bs.add_inventory_item("Chips", "snack", 10, 5, -1)


def test_update_inventory_item_keeps_quantity(bs: Backspace, tea10: InventoryItem) -> None:
    updated = bs.update_inventory_item(tea10.id, name="Tea", category="beverage", price=8, min_stock=2)
    assert (updated.name, updated.price, updated.min_stock, updated.quantity) == (
        "Tea",
        Decimal("8.00"),
        2,
        10,
    )


def test_r_inv_6_restock_and_adjust_keep_movements(bs: Backspace, tea10: InventoryItem) -> None:
    assert bs.restock(tea10.id, 5, at=at(1)).quantity == 15
    assert bs.adjust_stock(tea10.id, -2, "broken cups", at=at(2)).quantity == 13
    moves = bs.stock_movements(tea10.id)
    assert [(m.kind, m.delta, m.quantity_after) for m in moves] == [
        ("initial", 10, 10),
        ("restock", 5, 15),
        ("adjustment", -2, 13),
    ]
    assert moves[2].reason == "broken cups"
    assert moves[2].at == at(2)


def test_r_inv_6_restock_zero_is_validation_error(bs: Backspace, tea10: InventoryItem) -> None:
    with pytest.raises(backspace.ValidationError):
        bs.restock(tea10.id, 0)


def test_r_inv_6_adjust_needs_reason(bs: Backspace, tea10: InventoryItem) -> None:
    with pytest.raises(backspace.ValidationError) as err:
        bs.adjust_stock(tea10.id, 1, "  ")
    assert err.value.field == "reason"


def test_r_inv_6_adjust_below_zero_is_insufficient_stock(bs: Backspace, tea10: InventoryItem) -> None:
    with pytest.raises(backspace.InsufficientStockError) as err:
        bs.adjust_stock(tea10.id, -11, "count")
    assert err.value.available == 10
    assert err.value.item == "شاي"


def test_r_inv_7_low_stock_includes_equal_and_out(bs: Backspace, tea10: InventoryItem) -> None:
    assert bs.low_stock() == []
    low = bs.adjust_stock(tea10.id, -7, "count")
    assert bs.low_stock() == [low]
