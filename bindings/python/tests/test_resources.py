"""§4 Resources through the Python API."""

from __future__ import annotations

from decimal import Decimal

import pytest

import backspace
from backspace import Backspace, Customer, Resource
from helpers import at


def test_r_res_1_add_resource_fields(bs: Backspace) -> None:
    room = bs.add_resource("Room A", "room", Decimal("120.5"), at=at())
    assert room.resource_type == "room"
    assert room.rate_per_hour == Decimal("120.50")
    assert str(room.rate_per_hour) == "120.50"
    assert room.is_available is True
    assert room.out_of_service is False
    assert bs.get_resource(room.id) == room


def test_r_res_1_unknown_resource_type_is_validation_error(bs: Backspace) -> None:
    with pytest.raises(backspace.ValidationError) as err:
        bs.add_resource("Sofa", "sofa", Decimal(10))  # type: ignore[arg-type]
    assert err.value.field == "resource_type"


def test_r_res_1_int_rate_is_accepted(bs: Backspace) -> None:
    assert str(bs.add_resource("Desk 1", "desk", 45).rate_per_hour) == "45.00"


def test_r_res_2_out_of_service_and_back(bs: Backspace, seat1: Resource) -> None:
    off = bs.set_resource_available(seat1.id, False)
    assert off.is_available is False
    assert off.out_of_service is True
    assert bs.set_resource_available(seat1.id, True).is_available is True


def test_r_res_2_available_while_session_active_is_conflict(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    bs.start_session(mona.id, seat1.id, at=at())
    assert bs.get_resource(seat1.id).is_available is False
    with pytest.raises(backspace.ConflictError):
        bs.set_resource_available(seat1.id, True)


def test_r_res_3_rate_change_applies_to_later_sessions(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    running = bs.start_session(mona.id, seat1.id, at=at())
    updated = bs.update_resource(seat1.id, rate_per_hour=Decimal("40"))
    assert updated.rate_per_hour == Decimal("40.00")
    assert updated.name == "Seat 1"
    assert bs.get_session(running.id).rate_per_hour == Decimal("30.00")
    renamed = bs.update_resource(seat1.id, name="Window seat", resource_type="desk")
    assert (renamed.name, renamed.resource_type) == ("Window seat", "desk")


def test_r_res_4_delete_without_history(bs: Backspace, seat1: Resource) -> None:
    bs.delete_resource(seat1.id)
    assert bs.list_resources() == []
    with pytest.raises(backspace.NotFoundError):
        bs.get_resource(seat1.id)


def test_r_res_4_delete_with_history_is_conflict(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    bs.end_session(s.id, at=at(30))
    with pytest.raises(backspace.ConflictError):
        bs.delete_resource(seat1.id)


def test_list_resources_by_name(bs: Backspace) -> None:
    b = bs.add_resource("B", "seat", 10)
    a = bs.add_resource("A", "seat", 10)
    assert bs.list_resources() == [a, b]
