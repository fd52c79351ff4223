"""SPEC §15 from Python: voids, refunds as credit notes, write-offs, closed days, the trail."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

import backspace
from backspace import Backspace, Customer, Resource
from helpers import DAY, at


def hour_visit(bs: Backspace, who: Customer, where: Resource, start: float) -> backspace.Invoice:
    """A 60-minute session from ``at(start)``: 30.00 at the test rate."""
    s = bs.start_session(who.id, where.id, at=at(start))
    return bs.end_session(s.id, at=at(start + 60))


def test_r_corr_1_void_gives_the_balance_back_and_keeps_the_number(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    inv = hour_visit(bs, mona, seat1, 0)
    with pytest.raises(backspace.ValidationError) as err:
        bs.void_invoice(inv.id, "", at=at(70))
    assert err.value.field == "reason"
    void = bs.void_invoice(inv.id, "wrong customer", at=at(70))
    assert (void.status, void.due, void.invoice_number) == ("void", Decimal("0.00"), "INV-0001")
    assert void.correction is not None
    assert (void.correction.reason, void.correction.date) == ("wrong customer", DAY)
    assert len(void.correction.footprint) == 64
    assert bs.get_customer(mona.id).balance == Decimal("0.00")
    assert [line.entry.kind for line in bs.statement(mona.id)] == ["invoice", "void"]
    with pytest.raises(backspace.InvalidStateError):
        bs.void_invoice(inv.id, "again", at=at(80))
    with pytest.raises(backspace.InvalidStateError):
        bs.record_payment(inv.id, Decimal("1"), "cash", at=at(80))
    assert hour_visit(bs, mona, seat1, 100).invoice_number == "INV-0002"


def test_r_corr_2_refund_above_paid_is_refused_and_credit_notes_are_numbered(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    inv = hour_visit(bs, mona, seat1, 0)
    bs.record_payment(inv.id, Decimal("30"), "card", at=at(61))
    before = bs.get_invoice(inv.id)
    with pytest.raises(backspace.PaymentError) as err:
        bs.refund(inv.id, Decimal("30.01"), "cash", "chair broke", at=at(62))
    assert err.value.kind == "overpayment"
    assert err.value.due == Decimal("30.00")
    assert "refundable" in str(err.value)
    assert bs.get_invoice(inv.id) == before
    with pytest.raises(TypeError):
        bs.refund(inv.id, 5.0, "cash", "float money", at=at(62))  # type: ignore[arg-type]
    cn1 = bs.refund(inv.id, Decimal("10"), "cash", "chair broke", at=at(62))
    cn2 = bs.refund(inv.id, Decimal("5"), "balance", "goodwill", at=at(63))
    assert (cn1.credit_note_number, cn2.credit_note_number) == ("CN-0001", "CN-0002")
    assert (cn1.invoice_number, cn1.amount, cn1.method) == ("INV-0001", Decimal("10.00"), "cash")
    inv = bs.get_invoice(inv.id)
    assert (inv.refunded_amount, inv.due, inv.status) == (Decimal("15.00"), Decimal("0.00"), "paid")
    assert inv.credit_notes == [cn1, cn2]
    assert bs.find_credit_note("cn-0002") == cn2
    assert bs.get_credit_note(cn1.id) == cn1
    customer = bs.get_customer(mona.id)
    assert (customer.credit, customer.balance) == (Decimal("5.00"), Decimal("5.00"))
    with pytest.raises(backspace.NotFoundError):
        bs.find_credit_note("CN-0003")


def test_r_corr_3_write_off_gives_up_what_is_due(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    inv = hour_visit(bs, mona, seat1, 0)
    bs.record_payment(inv.id, Decimal("10"), "cash", at=at(61))
    off = bs.write_off(inv.id, "left the country", at=at(90))
    assert (off.status, off.written_off_amount, off.due) == (
        "written_off",
        Decimal("20.00"),
        Decimal("0.00"),
    )
    assert bs.get_customer(mona.id).balance == Decimal("0.00")
    assert bs.outstanding_invoices(at=at(100)) == []
    with pytest.raises(backspace.InvalidStateError):
        bs.write_off(inv.id, "again", at=at(100))


def test_r_corr_4_closed_days_refuse_instants_and_keep_their_z_report(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    inv = hour_visit(bs, mona, seat1, 0)
    bs.record_payment(inv.id, Decimal("30"), "cash", at=at(61))
    unpaid = hour_visit(bs, mona, seat1, 60)
    with pytest.raises(backspace.ValidationError):
        bs.close_day(date.today() + timedelta(days=1))
    z = bs.close_day(DAY)
    assert (z.date, z.revenue.sessions, z.revenue.cash) == (DAY, Decimal("60.00"), Decimal("30.00"))
    with pytest.raises(backspace.ValidationError) as err:
        bs.deposit(mona.id, Decimal("5"), "cash", at=at(120))
    assert str(DAY) in str(err.value)
    with pytest.raises(backspace.ValidationError):
        bs.close_day(DAY)
    with pytest.raises(backspace.InvalidStateError) as state:
        bs.set_discount(unpaid.id, Decimal("10"))
    assert "closed" in str(state.value)
    # A refund today of the closed day's invoice is allowed and reported today.
    bs.refund(inv.id, Decimal("5"), "cash", "after closing")
    assert bs.z_report(DAY) == z
    assert bs.revenue(DAY, DAY)[0] == z.revenue
    with pytest.raises(backspace.NotFoundError):
        bs.z_report(DAY + timedelta(days=1))


def test_r_corr_5_a_raw_sql_edit_is_named_by_verify_trail(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    with Backspace.open(path) as bs:
        mona = bs.register_customer("منى", "01012345678", at=at(-60))
        seat = bs.add_resource("Seat 1", "seat", Decimal("30"), at=at(-60))
        for start in (0, 60, 120):
            hour_visit(bs, mona, seat, start)
        report = bs.verify_trail()
        assert (report.entries, report.is_intact, report.first_broken) == (3, True, None)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE invoices SET total_piastres = 1 WHERE invoice_number = 'INV-0002'")
    with Backspace.open(path) as bs:
        report = bs.verify_trail()
        assert not report.is_intact
        assert report.first_broken is not None
        assert (report.first_broken.kind, report.first_broken.number) == ("invoice", "INV-0002")


def test_r_corr_6_net_revenue_counts_corrections_on_their_own_dates(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    first = hour_visit(bs, mona, seat1, 0)
    second = hour_visit(bs, mona, seat1, 60)
    bs.record_payment(second.id, Decimal("30"), "cash", at=at(121))
    next_day = at(24 * 60)
    bs.void_invoice(first.id, "duplicate", at=next_day)
    bs.refund(second.id, Decimal("10"), "card", "noise", at=next_day)
    day1, day2 = bs.revenue(DAY, DAY + timedelta(days=1))
    assert (day1.net, day1.voids) == (Decimal("60.00"), Decimal("0.00"))
    assert (day2.voids, day2.refunds_card, day2.net) == (
        Decimal("30.00"),
        Decimal("10.00"),
        Decimal("-40.00"),
    )
    assert day1.net + day2.net == first.total + second.total - Decimal("30") - Decimal("10")


def test_r_sess_7_back_dated_sessions_never_overlap(bs: Backspace) -> None:
    """The issue's snippet: ConflictError at ``s2`` and at ``s3``; utilization counts 4 hours."""

    def T(d: int, h: int) -> datetime:
        return datetime(2026, 4, d, h, tzinfo=timezone.utc)

    c1 = bs.register_customer("Aya", "01000000001", at=T(9, 8))
    c2 = bs.register_customer("Omar", "01000000002", at=T(9, 8))
    seat = bs.add_resource("Seat 1", "seat", Decimal("30"), at=T(9, 8))
    s = bs.start_session(c1.id, seat.id, at=T(10, 10))
    bs.end_session(s.id, at=T(10, 14))
    with pytest.raises(backspace.ConflictError) as err:
        bs.start_session(c2.id, seat.id, at=T(10, 12))
    assert str(s.id) in str(err.value)
    with pytest.raises(backspace.ConflictError):
        bs.start_session(c1.id, seat.id, at=T(10, 11))
    (row,) = bs.utilization(date(2026, 4, 10), date(2026, 4, 10))
    assert row.occupied_minutes == 240
    assert bs.session_overlaps() == []


def test_checkout_splits_cash_and_card_in_one_transaction(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at(0))
    inv = bs.checkout(
        s.id, [(Decimal("10"), "cash"), (Decimal("20"), "card", "slip 7")], at=at(60)
    )
    assert (inv.total, inv.status, inv.paid_amount) == (Decimal("30.00"), "paid", Decimal("30.00"))
    assert [(p.method, p.note) for p in inv.payments] == [("cash", None), ("card", "slip 7")]


def test_checkout_is_all_or_nothing(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at(0))
    with pytest.raises(backspace.PaymentError):
        bs.checkout(s.id, [(Decimal("20"), "cash"), (Decimal("10.01"), "card")], at=at(60))
    with pytest.raises(backspace.ValidationError) as err:
        bs.checkout(s.id, [(Decimal("20"), "cash"), ("x",)], at=at(60))  # type: ignore[list-item]
    assert err.value.field == "payments[1]"
    with pytest.raises(TypeError):
        bs.checkout(s.id, [(20.0, "cash")], at=at(60))  # type: ignore[list-item]
    assert [a.session.id for a in bs.active_sessions(at=at(61))] == [s.id]
    with pytest.raises(backspace.NotFoundError):
        bs.find_invoice("INV-0001")
    partial = bs.checkout(s.id, [(Decimal("10"), "cash")], discount=Decimal("10"), at=at(60))
    assert (partial.invoice_number, partial.status, partial.due) == (
        "INV-0001",
        "pending",
        Decimal("17.00"),
    )


def test_r_rep_3_active_sessions_as_of_an_instant(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at(60))
    assert bs.active_sessions(at=at(30)) == []
    bs.end_session(s.id, at=at(120))
    (then,) = bs.active_sessions(at=at(90))
    assert (then.session.id, then.session.is_active, then.elapsed_minutes) == (s.id, True, 30)
    assert bs.active_sessions(at=at(120)) == []


def test_r_inv_6_stock_card_chains_in_listed_order(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    tea = bs.add_inventory_item("Tea", "beverage", Decimal("5"), 5, 0, at=at(-60))
    bs.restock(tea.id, 10, at=at(120))
    s = bs.start_session(mona.id, seat1.id, at=at(0))
    bs.add_consumption(s.id, tea.id, 3, at=at(30))
    card = bs.stock_movements(tea.id)
    assert [(m.kind, m.quantity_after) for m in card] == [
        ("initial", 5),
        ("consumption", 2),
        ("restock", 12),
    ]
    assert card[-1].quantity_after == bs.get_inventory_item(tea.id).quantity


def test_r_cust_1_new_ids_are_time_ordered_uuid_v7(bs: Backspace) -> None:
    a = bs.register_customer("A", "01000000001")
    b = bs.register_customer("B", "01000000002")
    assert (a.id.version, b.id.version) == (7, 7)
    assert a.id < b.id


def test_renamed_fields_follow_the_data_model(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    inv = hour_visit(bs, mona, seat1, 0)
    sub = bs.subscribe(mona.id, plan_type="weekly", price=Decimal("100"), at=at(200))
    assert (inv.discount, len(inv.line_items), sub.plan_type) == (Decimal("0.00"), 1, "weekly")
    for gone in ("discount_percent", "lines"):
        assert not hasattr(inv, gone)
    assert not hasattr(sub, "plan")
