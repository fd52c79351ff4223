"""§7 Subscriptions through the Python API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import backspace
from backspace import Backspace, Customer, Resource
from helpers import DAY, at


def test_r_sub_1_weekly_plan_covers_seven_dates(bs: Backspace, mona: Customer) -> None:
    sub = bs.subscribe(mona.id, "weekly", price=Decimal("300"), at=at())
    assert sub.plan_type == "weekly"
    assert sub.start_date == DAY
    assert sub.end_date == date(2025, 1, 21)
    assert sub.price == Decimal("300.00")
    assert sub.is_active is True
    assert bs.get_subscription(sub.id) == sub
    assert bs.list_subscriptions(mona.id) == [sub]


def test_r_sub_2_subscription_invoice_has_one_subscription_line(bs: Backspace, mona: Customer) -> None:
    sub = bs.subscribe(mona.id, "half-monthly", start_date=date(2025, 1, 20), price=500, at=at())
    invoice = bs.get_invoice(sub.invoice_id)
    assert invoice.subscription_id == sub.id
    (line,) = invoice.line_items
    assert line.kind == "subscription"
    assert line.description == "Half-monthly plan 2025-01-20–2025-02-03"
    assert invoice.total == Decimal("500.00")


def test_r_sub_2_price_from_settings_or_validation_error(bs: Backspace, mona: Customer) -> None:
    with pytest.raises(backspace.ValidationError) as err:
        bs.subscribe(mona.id, "monthly", at=at())
    assert err.value.field == "price"
    bs.update_settings(monthly_price=Decimal("900"))
    assert bs.subscribe(mona.id, "monthly", at=at()).price == Decimal("900.00")


def test_r_cust_7_customer_type_follows_current_subscription(bs: Backspace, mona: Customer) -> None:
    sub = bs.subscribe(mona.id, "monthly", price=900, at=at())
    assert bs.get_customer(mona.id).customer_type == "monthly"
    cancelled = bs.cancel_subscription(sub.id, at=at(1))
    assert cancelled.is_active is False
    assert bs.get_customer(mona.id).customer_type == "visitor"
    with pytest.raises(backspace.InvalidStateError):
        bs.cancel_subscription(sub.id, at=at(2))


def test_r_sub_3_covered_session_is_charged_zero(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    sub = bs.subscribe(mona.id, "weekly", price=300, at=at())
    s = bs.start_session(mona.id, seat1.id, at=at(10))
    invoice = bs.end_session(s.id, at=at(130))
    assert invoice.line_items[0].kind == "session"
    assert invoice.line_items[0].amount == Decimal("0.00")
    assert bs.get_session(s.id).subscription_id == sub.id


def test_r_sub_4_expire_subscriptions(bs: Backspace, mona: Customer) -> None:
    sub = bs.subscribe(mona.id, "weekly", price=300, at=at())
    assert bs.expire_subscriptions(at=at(60 * 24 * 6)) == []
    (expired,) = bs.expire_subscriptions(at=at(60 * 24 * 7))
    assert expired.id == sub.id
    assert expired.is_active is False
    assert bs.get_customer(mona.id).customer_type == "visitor"


def test_r_sub_1_unknown_plan_is_validation_error(bs: Backspace, mona: Customer) -> None:
    with pytest.raises(backspace.ValidationError) as err:
        bs.subscribe(mona.id, "yearly", price=1, at=at())  # type: ignore[arg-type]
    assert err.value.field == "plan_type"
