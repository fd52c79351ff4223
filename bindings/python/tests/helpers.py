"""Shared instants and builders for the tests. Every test passes explicit ``at`` instants in the
past, so results never depend on the wall clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from backspace import Backspace, Customer, InventoryItem, Resource

#: 10:00 in Cairo (UTC+2 in January) on a Wednesday.
T0 = datetime(2025, 1, 15, 8, 0, tzinfo=timezone.utc)
#: The business date of T0.
DAY = date(2025, 1, 15)


def at(minutes: float = 0) -> datetime:
    """T0 plus some minutes."""
    return T0 + timedelta(minutes=minutes)


def customer(bs: Backspace, name: str = "منى عادل", phone: str = "01012345678") -> Customer:
    return bs.register_customer(name, phone, at=at(-600))


def seat(bs: Backspace, name: str = "Seat 1", rate: str = "30") -> Resource:
    return bs.add_resource(name, "seat", Decimal(rate), at=at(-600))


def tea(bs: Backspace, quantity: int = 10) -> InventoryItem:
    return bs.add_inventory_item("شاي", "beverage", Decimal("7.50"), quantity, 3, at=at(-600))
