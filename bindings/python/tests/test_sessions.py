"""§5 Sessions, §6 pricing and §8 consumptions through the Python API."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

import backspace
from backspace import Backspace, Customer, InventoryItem, Resource
from helpers import at, customer, seat


def test_r_sess_1_start_session(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    assert s.is_active is True
    assert s.started_at == at()
    assert s.ended_at is None
    assert s.customer_id == mona.id
    assert s.resource_id == seat1.id
    assert s.amount is None
    assert bs.get_session(s.id) == s


def test_r_sess_1_busy_seat_is_conflict(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    bs.start_session(mona.id, seat1.id, at=at())
    ali = customer(bs, "علي", "01112345678")
    with pytest.raises(backspace.ConflictError):
        bs.start_session(ali.id, seat1.id, at=at(1))


def test_r_sess_1_customer_with_active_session_is_conflict(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    bs.start_session(mona.id, seat1.id, at=at())
    seat2 = seat(bs, "Seat 2")
    with pytest.raises(backspace.ConflictError):
        bs.start_session(mona.id, seat2.id, at=at(1))


def test_r_sess_1_out_of_service_seat_is_conflict(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    bs.set_resource_available(seat1.id, False)
    with pytest.raises(backspace.ConflictError):
        bs.start_session(mona.id, seat1.id, at=at())


def test_r_sess_1_unknown_ids_are_not_found(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    with pytest.raises(backspace.NotFoundError) as err:
        bs.start_session(mona.id, "00000000-0000-4000-8000-000000000000", at=at())
    assert err.value.entity == "resource"
    assert isinstance(err.value, LookupError)


def test_r_sess_2_end_session_issues_invoice_and_frees_seat(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    invoice = bs.end_session(s.id, at=at(90))
    assert invoice.invoice_number == "INV-0001"
    assert invoice.session_id == s.id
    assert invoice.total == Decimal("45.00")
    ended = bs.get_session(s.id)
    assert ended.is_active is False
    assert ended.ended_at == at(90)
    assert ended.duration_minutes == 90
    assert ended.amount == Decimal("45.00")
    assert ended.invoice_id == invoice.id
    assert bs.get_resource(seat1.id).is_available is True
    assert bs.get_customer(mona.id).balance == Decimal("-45.00")


def test_r_sess_2_ending_twice_is_invalid_state(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    bs.end_session(s.id, at=at(10))
    with pytest.raises(backspace.InvalidStateError):
        bs.end_session(s.id, at=at(20))


def test_r_sess_2_end_before_start_is_validation_error(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    with pytest.raises(backspace.ValidationError):
        bs.end_session(s.id, at=at(-1))


def test_r_sess_4_duration_is_whole_minutes(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    bs.end_session(s.id, at=at() + timedelta(minutes=59, seconds=59))
    assert bs.get_session(s.id).duration_minutes == 59


def test_r_price_example_61_minutes_unit_15_is_37_50(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    bs.update_settings(unit_minutes=15, rounding="up")
    s = bs.start_session(mona.id, seat1.id, at=at())
    invoice = bs.end_session(s.id, at=at(61))
    assert invoice.line_items[0].quantity == 75
    assert invoice.amount == Decimal("37.50")
    assert str(invoice.amount) == "37.50"


def test_r_price_3_grace_period_is_free(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    bs.update_settings(grace_minutes=10)
    s = bs.start_session(mona.id, seat1.id, at=at())
    assert bs.end_session(s.id, at=at(10)).total == Decimal("0.00")


def test_r_sess_6_quote_session_writes_nothing(
    bs: Backspace, mona: Customer, seat1: Resource, tea10: InventoryItem
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    bs.add_consumption(s.id, tea10.id, 2, at=at(5))
    q = bs.quote_session(s.id, at=at(60))
    assert q.session_id == s.id
    assert q.at == at(60)
    assert q.billed_minutes == 60
    assert q.charge == Decimal("30.00")
    assert [line.kind for line in q.lines] == ["session", "consumption"]
    assert q.amount == Decimal("45.00")
    assert bs.get_session(s.id).is_active is True
    assert bs.list_invoices() == []


def test_r_inv_2_consumption_decrements_stock(
    bs: Backspace, mona: Customer, seat1: Resource, tea10: InventoryItem
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    c = bs.add_consumption(s.id, tea10.id, quantity=3, at=at(1))
    assert c.item_name == "شاي"
    assert c.quantity == 3
    assert c.price_at_consumption == Decimal("7.50")
    assert c.consumed_at == at(1)
    assert bs.get_inventory_item(tea10.id).quantity == 7
    assert bs.session_consumptions(s.id) == [c]


def test_r_inv_2_insufficient_stock_says_what_is_available(
    bs: Backspace, mona: Customer, seat1: Resource, tea10: InventoryItem
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    with pytest.raises(backspace.InsufficientStockError) as err:
        bs.add_consumption(s.id, tea10.id, 11, at=at(1))
    assert err.value.available == 10
    assert err.value.requested == 11
    assert "10 available" in str(err.value)
    assert bs.get_inventory_item(tea10.id).quantity == 10


def test_r_inv_2_zero_quantity_is_validation_error(
    bs: Backspace, mona: Customer, seat1: Resource, tea10: InventoryItem
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    with pytest.raises(backspace.ValidationError) as err:
        bs.add_consumption(s.id, tea10.id, 0, at=at(1))
    assert err.value.field == "quantity"


def test_r_inv_3_price_is_captured_at_consumption(
    bs: Backspace, mona: Customer, seat1: Resource, tea10: InventoryItem
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    bs.add_consumption(s.id, tea10.id, 1, at=at(1))
    bs.update_inventory_item(tea10.id, price=Decimal("10"))
    invoice = bs.end_session(s.id, at=at(60))
    assert invoice.line_items[1].unit_price == Decimal("7.50")


def test_r_inv_5_remove_consumption_returns_stock(
    bs: Backspace, mona: Customer, seat1: Resource, tea10: InventoryItem
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    c = bs.add_consumption(s.id, tea10.id, 4, at=at(1))
    removed = bs.remove_consumption(c.id, at=at(2))
    assert removed.id == c.id
    assert bs.get_inventory_item(tea10.id).quantity == 10
    assert bs.session_consumptions(s.id) == []


def test_r_invc_2_invoice_lines_session_and_consumptions(
    bs: Backspace, mona: Customer, seat1: Resource, tea10: InventoryItem
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    bs.add_consumption(s.id, tea10.id, 2, at=at(10))
    invoice = bs.end_session(s.id, at=at(120), discount=Decimal("10"))
    session_line, tea_line = invoice.line_items
    assert (session_line.kind, session_line.description, session_line.quantity) == ("session", "Seat 1", 120)
    assert session_line.unit_price == Decimal("30.00")
    assert session_line.amount == Decimal("60.00")
    assert (tea_line.kind, tea_line.description, tea_line.quantity) == ("consumption", "شاي", 2)
    assert tea_line.amount == Decimal("15.00")
    assert invoice.amount == Decimal("75.00")
    assert invoice.discount == Decimal("10.00")
    assert invoice.discount_amount == Decimal("7.50")
    assert invoice.total == Decimal("67.50")
    assert invoice.status == "unpaid"


def test_r_rep_3_active_sessions_with_running_charge(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    (active,) = bs.active_sessions(at=at(30))
    assert active.session == s
    assert active.customer_name == "منى عادل"
    assert active.resource_name == "Seat 1"
    assert active.elapsed_minutes == 30
    assert active.running_charge == Decimal("15.00")
