"""Reservations and opening hours through the Python package (§17: R-OPEN-1, R-BOOK-1..4)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

import backspace
from backspace import Backspace, Customer, Resource
from helpers import at


def room(bs: Backspace, name: str = "Room Nile", rate: str = "150") -> Resource:
    return bs.add_resource(name, "room", Decimal(rate), at=at(-600))


def test_r_book_1_bookings_never_overlap_and_say_why(bs: Backspace, mona: Customer) -> None:
    nile = room(bs)
    ali = bs.register_customer("Ali", "01112345678", at=at(-600))
    first = bs.reserve(mona.id, nile.id, at(60), at(180), at=at(0))
    assert (first.reservation_number, first.status, first.minutes) == ("R-0001", "booked", 120)
    with pytest.raises(backspace.ConflictError, match="R-0001"):
        bs.reserve(ali.id, nile.id, at(120), at(240), at=at(1))
    with pytest.raises(backspace.ValidationError) as e:
        bs.reserve(ali.id, nile.id, at(240), at(240), at=at(1))
    assert e.value.field == "end"
    with pytest.raises(backspace.ValidationError, match="in the past"):
        bs.reserve(ali.id, nile.id, at(-60), at(-30), at=at(1))
    with pytest.raises(backspace.ValidationError):
        bs.reserve(ali.id, nile.id, datetime(2025, 1, 15, 12, 0), at(300), at=at(1))
    assert bs.reserve(ali.id, nile.id, at(180), at(240), at=at(2)).reservation_number == "R-0002"


def test_r_book_2_check_in_bills_the_reserved_minutes(bs: Backspace, mona: Customer) -> None:
    nile = room(bs)
    r = bs.reserve(mona.id, nile.id, at(60), at(180), at=at(0))
    with pytest.raises(backspace.InvalidStateError, match="too early"):
        bs.check_in(r.id, at=at(30))
    session = bs.check_in(r.id, at=at(50))
    assert session.reservation_id == r.id
    assert bs.get_reservation(r.id).status == "checked_in"
    invoice = bs.end_session(session.id, at=at(100))
    assert (invoice.line_items[0].quantity, invoice.total) == (120, Decimal("300.00"))
    ali = bs.register_customer("Ali", "01112345678", at=at(-600))
    later = bs.reserve(mona.id, nile.id, at(200), at(260), at=at(101))
    with pytest.raises(backspace.ConflictError, match=later.reservation_number):
        bs.start_session(ali.id, nile.id, at=at(210))


def test_r_book_3_fees_for_late_cancellations_and_no_shows(bs: Backspace, mona: Customer) -> None:
    nile = room(bs, rate="100")
    late = bs.reserve(mona.id, nile.id, at(60), at(180), at=at(0))
    cancelled = bs.cancel_reservation(late.id, at=at(10))
    assert cancelled.status == "cancelled" and cancelled.fee_invoice_id is not None
    fee = bs.get_invoice(cancelled.fee_invoice_id)
    assert (fee.total, fee.line_items[0].kind) == (Decimal("100.00"), "reservation_fee")
    gone = bs.reserve(mona.id, nile.id, at(200), at(260), at=at(11))
    assert bs.expire_reservations(at=at(215)) == []
    [expired] = bs.expire_reservations(at=at(216))
    assert (expired.id, expired.status) == (gone.id, "no_show")
    day = bs.revenue(date(2025, 1, 15), date(2025, 1, 15))[0]
    assert day.reservation_fees == Decimal("200.00")


def test_r_book_4_and_r_open_1_free_slots_inside_opening_hours(bs: Backspace, mona: Customer) -> None:
    nile = room(bs)
    settings = bs.update_settings(opening_hours="sun-thu 09:00-23:00; fri closed; sat 10:00-02:00", unit_minutes=60)
    assert settings.opening_hours is not None and settings.opening_hours.startswith("sun 09:00-23:00; mon")
    assert settings.booking.no_show_minutes == 15
    # Thursday 2025-01-16, from the day before: the 09:00 hour is booked.
    thursday = date(2025, 1, 16)
    start = datetime(2025, 1, 16, 7, 0, tzinfo=timezone.utc)
    bs.reserve(mona.id, nile.id, start, start + timedelta(hours=1), at=at(0))
    slots = bs.free_slots(nile.id, thursday, 60, at=at(0))
    assert [s.astimezone(timezone(timedelta(hours=2))).hour for s in slots] == list(range(10, 23))
    assert bs.free_slots(nile.id, date(2025, 1, 17), 60, at=at(0)) == []
    with pytest.raises(backspace.ValidationError, match="outside opening hours"):
        bs.reserve(mona.id, nile.id, start - timedelta(hours=1), start, at=at(0))
    assert [r.reservation_number for r in bs.reservations(thursday, thursday, resource_id=nile.id)] == ["R-0001"]
    with pytest.raises(backspace.ValidationError):
        bs.update_settings(opening_hours="sun 09:00-09:00")
    assert bs.update_settings(opening_hours=None).opening_hours is None
    row = bs.utilization(thursday, thursday)[0]
    assert row.range_minutes == row.range_minutes_24h == 1440
