"""§11 Reports through the Python API."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

import backspace
from backspace import Backspace, Customer, InventoryItem, Resource
from helpers import DAY, at, customer


def test_r_rep_1_revenue_rows_for_every_date(
    bs: Backspace, mona: Customer, seat1: Resource, tea10: InventoryItem
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    bs.add_consumption(s.id, tea10.id, 2, at=at(1))
    invoice = bs.end_session(s.id, at=at(60), discount=10)
    bs.record_payment(invoice.id, Decimal("20"), "cash", at=at(61))
    bs.deposit(mona.id, Decimal("50"), "transfer", at=at(62))
    bs.subscribe(mona.id, "weekly", price=300, at=at(63))
    rows = bs.revenue(DAY - timedelta(days=1), DAY + timedelta(days=1))
    assert [r.date for r in rows] == [DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)]
    day = rows[1]
    assert day.sessions == Decimal("30.00")
    assert day.consumptions == Decimal("15.00")
    assert day.subscriptions == Decimal("300.00")
    assert day.discounts == Decimal("4.50")
    assert day.net == Decimal("340.50")
    assert (day.cash, day.card, day.transfer, day.received) == (
        Decimal("20.00"),
        Decimal("0.00"),
        Decimal("50.00"),
        Decimal("70.00"),
    )
    assert day.credit_applied == Decimal("0.00")
    assert rows[0].net == Decimal("0.00")
    assert str(rows[0].net) == "0.00"


def test_r_rep_1_reversed_range_is_validation_error(bs: Backspace) -> None:
    with pytest.raises(backspace.ValidationError):
        bs.revenue(DAY, DAY - timedelta(days=1))


def test_r_rep_2_utilization(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    bs.end_session(s.id, at=at(144))
    (u,) = bs.utilization(DAY, DAY)
    assert u.resource_id == seat1.id
    assert u.resource_name == "Seat 1"
    assert u.occupied_minutes == 144
    assert u.range_minutes == 1440
    assert u.utilization == Decimal("0.1")


def test_r_rep_3_outstanding_and_overdue(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    invoice = bs.end_session(s.id, at=at(60))
    (row,) = bs.outstanding_invoices(at=at(61))
    assert row.invoice == invoice
    assert (row.customer_human_id, row.customer_name, row.due, row.is_overdue) == (
        "C-001",
        "منى عادل",
        Decimal("30.00"),
        False,
    )
    (late,) = bs.outstanding_invoices(at=at(60 * 24 * 8))
    assert late.is_overdue is True


def test_r_rep_3_top_customers(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    ali = customer(bs, "علي", "01112345678")
    bs.subscribe(mona.id, "weekly", price=100, at=at())
    bs.subscribe(ali.id, "weekly", price=200, at=at())
    top = bs.top_customers(DAY, DAY, 1)
    assert [(t.human_id, t.name, t.invoiced, t.invoice_count) for t in top] == [
        ("C-002", "علي", Decimal("200.00"), 1)
    ]
    assert [t.customer_id for t in bs.top_customers(DAY, DAY)] == [ali.id, mona.id]
    assert bs.top_customers(date(2024, 1, 1), date(2024, 1, 2)) == []
