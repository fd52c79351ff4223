"""R-MONEY-1/2, R-TIME-1/3: native Python types at the boundary, and the entity classes."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

import backspace
from backspace import Backspace, Customer, Resource
from helpers import T0, at


def test_r_money_1_float_money_is_type_error(bs: Backspace) -> None:
    with pytest.raises(TypeError, match="float"):
        bs.add_resource("Seat", "seat", 30.5)  # type: ignore[arg-type]
    assert bs.list_resources() == []


@pytest.mark.parametrize("bad", [1.5, True, "30", None])
def test_r_money_1_non_decimal_money_is_type_error(bs: Backspace, bad: object) -> None:
    with pytest.raises(TypeError):
        bs.add_resource("Seat", "seat", bad)  # type: ignore[arg-type]


def test_r_money_1_int_money_is_accepted_and_returned_with_scale_2(bs: Backspace) -> None:
    rate = bs.add_resource("Seat", "seat", 30).rate_per_hour
    assert isinstance(rate, Decimal)
    assert str(rate) == "30.00"


@pytest.mark.parametrize("bad", ["NaN", "sNaN", "Infinity", "-Infinity"])
def test_r_money_2_nan_and_infinity_are_validation_errors(bs: Backspace, bad: str) -> None:
    with pytest.raises(backspace.ValidationError) as err:
        bs.add_resource("Seat", "seat", Decimal(bad))
    assert err.value.field == "rate_per_hour"


@pytest.mark.parametrize("bad", ["-1", "10.005", "1000000000", "1E+30"])
def test_r_money_2_out_of_rule_amounts_are_validation_errors(bs: Backspace, bad: str) -> None:
    with pytest.raises(backspace.ValidationError):
        bs.add_resource("Seat", "seat", Decimal(bad))


def test_r_money_2_huge_int_is_validation_error(bs: Backspace) -> None:
    with pytest.raises(backspace.ValidationError):
        bs.add_resource("Seat", "seat", 10**30)


def test_r_money_2_exponent_form_by_value(bs: Backspace) -> None:
    assert str(bs.add_resource("Seat", "seat", Decimal("1.2E+1")).rate_per_hour) == "12.00"


def test_r_time_3_naive_datetime_is_validation_error(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    with pytest.raises(backspace.ValidationError) as err:
        bs.start_session(mona.id, seat1.id, at=datetime(2025, 1, 15, 10, 0))
    assert err.value.field == "at"
    assert "naive" in str(err.value)
    assert bs.active_sessions() == []


def test_r_time_1_any_time_zone_is_converted_to_utc(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    cairo_winter = timezone(timedelta(hours=2))
    s = bs.start_session(mona.id, seat1.id, at=datetime(2025, 1, 15, 10, 0, tzinfo=cairo_winter))
    assert s.started_at == T0
    assert s.started_at.tzinfo is not None
    assert s.started_at.utcoffset() == timedelta(0)


def test_r_time_1_zoneinfo_instants_are_accepted(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        cairo = zoneinfo.ZoneInfo("Africa/Cairo")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no IANA time zone data on this machine")
    s = bs.start_session(mona.id, seat1.id, at=datetime(2025, 1, 15, 10, 0, tzinfo=cairo))
    assert s.started_at == T0


def test_r_time_1_microseconds_survive(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    instant = T0.replace(microsecond=123456)
    assert bs.start_session(mona.id, seat1.id, at=instant).started_at == instant


def test_r_time_3_future_beyond_five_minutes_is_validation_error(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    with pytest.raises(backspace.ValidationError) as err:
        bs.start_session(mona.id, seat1.id, at=datetime.now(timezone.utc) + timedelta(minutes=10))
    assert err.value.field == "at"


def test_r_time_3_at_defaults_to_now(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    before = datetime.now(timezone.utc)
    s = bs.start_session(mona.id, seat1.id)
    assert before - timedelta(seconds=1) <= s.started_at <= datetime.now(timezone.utc)


def test_r_time_3_at_must_be_a_datetime(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    with pytest.raises(TypeError):
        bs.start_session(mona.id, seat1.id, at="2025-01-15T08:00:00Z")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bs.start_session(mona.id, seat1.id, at=date(2025, 1, 15))  # type: ignore[arg-type]


def test_r_time_2_business_dates_must_be_dates(bs: Backspace) -> None:
    with pytest.raises(TypeError):
        bs.revenue(T0, T0)  # a datetime is not a business date
    with pytest.raises(TypeError):
        bs.revenue("2025-01-15", "2025-01-15")  # type: ignore[arg-type]


def test_ids_accept_uuid_or_text(bs: Backspace, mona: Customer) -> None:
    assert bs.get_customer(mona.id) == mona
    assert bs.get_customer(str(mona.id).upper()) == mona
    with pytest.raises(backspace.ValidationError) as err:
        bs.get_customer("not-a-uuid")
    assert err.value.field == "id"
    with pytest.raises(TypeError):
        bs.get_customer(42)  # type: ignore[arg-type]


def test_enums_accept_lower_case_names(bs: Backspace) -> None:
    assert bs.add_resource("Room", "room", 100).resource_type == "room"
    assert bs.add_inventory_item("Chips", "snack", 10).category == "snack"


def test_entities_are_frozen(mona: Customer) -> None:
    with pytest.raises(AttributeError):
        mona.name = "x"  # type: ignore[misc]


def test_entities_compare_by_value_and_hash(bs: Backspace, mona: Customer) -> None:
    again = bs.get_customer(mona.id)
    assert again == mona
    assert again is not mona
    assert hash(again) == hash(mona)
    assert {mona, again} == {mona}
    assert mona != bs.update_customer(mona.id, notes="changed")
    assert mona != "C-001"


def test_entities_repr_is_readable(mona: Customer) -> None:
    text = repr(mona)
    assert text.startswith("Customer(")
    assert "human_id='C-001'" in text
    assert "balance=Decimal('0.00')" in text


def test_to_dict_uses_native_types_and_nests(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    d = mona.to_dict()
    assert d["id"] == mona.id
    assert d["phone"] == "+201012345678"
    assert d["balance"] == Decimal("0.00")
    assert set(d) == {
        "id", "human_id", "name", "phone", "email", "customer_type",
        "balance", "credit", "notes", "created_at",
    }
    s = bs.start_session(mona.id, seat1.id, at=at())
    invoice = bs.end_session(s.id, at=at(60)).to_dict()
    assert invoice["line_items"] == [
        {"kind": "session", "description": "Seat 1", "quantity": 60,
         "unit_price": Decimal("30.00"), "amount": Decimal("30.00"),
         "net": Decimal("30.00"), "vat": Decimal("0.00")}
    ]
    assert invoice["payments"] == []
    assert isinstance(invoice["issue_date"], date)
    assert isinstance(invoice["customer_id"], uuid.UUID)
    assert bs.settings().to_dict()["pricing"]["unit_minutes"] == 1
