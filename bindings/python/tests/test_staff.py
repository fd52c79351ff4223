"""Staff, permissions, the audit log and the cash drawer through the Python package (§16:
R-STAFF-1..4, R-SHIFT-1..3)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

import backspace
from backspace import Backspace, ForbiddenError
from helpers import DAY, at


def staffed(bs: Backspace) -> tuple[Backspace, Backspace, Backspace]:
    """An owner (Hany, 1111), a manager (Salma, 2222) and a cashier (Omar, 3333), signed in."""
    hany = bs.add_operator("Hany", "owner", "1111", at=at(-600))
    owner = bs.sign_in(hany.id, "1111")
    salma = owner.add_operator("Salma", "manager", "2222", at=at(-600))
    omar = owner.add_operator("Omar", "cashier", "3333", at=at(-600))
    return owner, bs.sign_in(salma.id, "2222"), bs.sign_in(omar.id, "3333")


def test_r_staff_1_operators_are_added_by_an_owner_and_pins_are_never_returned(bs: Backspace) -> None:
    with pytest.raises(backspace.ValidationError) as first:
        bs.add_operator("Omar", "cashier", "3333")
    assert first.value.field == "role"
    for bad in ["123", "1234567890123", "12a4", "١٢٣٤"]:
        with pytest.raises(backspace.ValidationError) as e:
            bs.add_operator("Hany", "owner", bad)
        assert e.value.field == "pin" and bad not in str(e.value)
    with pytest.raises(backspace.ValidationError):
        bs.add_operator("Hany", "chef", "1111")  # type: ignore[arg-type]
    owner, manager, cashier = staffed(bs)
    ops = owner.list_operators()
    assert [(o.name, o.role, o.is_active) for o in ops] == [
        ("Hany", "owner", True),
        ("Omar", "cashier", True),
        ("Salma", "manager", True),
    ]
    assert all("pin" not in o.to_dict() for o in ops)
    with pytest.raises(ForbiddenError) as refused:
        manager.list_operators()
    assert (refused.value.operator, refused.value.permission, refused.value.kind) == (
        "manager Salma",
        "operators",
        "forbidden",
    )
    assert isinstance(refused.value, PermissionError)
    omar = ops[1]
    changed = owner.update_operator(omar.id, name="Omar Adel", pin="5555")
    assert (changed.name, changed.role) == ("Omar Adel", "cashier")
    with pytest.raises(ForbiddenError):
        bs.sign_in(omar.id, "3333")
    bs.sign_in(omar.id, "5555")
    with pytest.raises(backspace.InvalidStateError):
        owner.deactivate_operator(ops[0].id)


def test_r_staff_1_no_pin_is_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    with Backspace.open(path) as bs:
        hany = bs.add_operator("Hany", "owner", "739150284613")
        owner = bs.sign_in(hany.id, "739150284613")
        owner.register_customer("Mona", "01012345678")
        owner.close()
        files = [p.read_bytes() for p in tmp_path.iterdir()]
    for needle in ["739150284613".encode(), "739150284613".encode("utf-16-le"), "739150284613".encode("utf-16-be")]:
        assert not any(needle in f for f in files)


def test_r_staff_2_writes_need_a_signed_in_operator_and_five_wrong_pins_lock(bs: Backspace) -> None:
    mona = bs.register_customer("Mona", "01012345678", at=at(-700))  # single-user mode
    owner, manager, cashier = staffed(bs)
    with pytest.raises(ForbiddenError) as e:
        bs.register_customer("Ali", "01112345678")
    assert e.value.operator is None and "sign in" in str(e.value)
    assert bs.get_customer(mona.id) == mona
    assert bs.operator_id is None and cashier.operator_id is not None
    omar = cashier.operator_id
    for n in range(1, 5):
        with pytest.raises(ForbiddenError, match=f"{n} of 5"):
            bs.sign_in(omar, "0000")
    with pytest.raises(ForbiddenError, match="locked until"):
        bs.sign_in(omar, "0000")
    with pytest.raises(ForbiddenError, match="is locked until"):
        bs.sign_in(omar, "3333")
    # A desk signed in before the lock keeps working: the lock is about signing in.
    cashier.register_customer("Ali", "01112345678", at=at(0))


def test_r_staff_2_deactivated_operators_stop(bs: Backspace) -> None:
    owner, manager, cashier = staffed(bs)
    assert cashier.operator_id is not None
    assert not owner.deactivate_operator(cashier.operator_id).is_active
    with pytest.raises(ForbiddenError, match="deactivated"):
        cashier.register_customer("Ali", "01112345678")


def test_r_staff_3_each_role_does_only_what_it_may(bs: Backspace) -> None:
    owner, manager, cashier = staffed(bs)
    seat = manager.add_resource("Seat 1", "seat", Decimal("30"), at=at(-500))
    mona = cashier.register_customer("Mona", "01012345678", at=at(-500))
    s = cashier.start_session(mona.id, seat.id, at=at(0))
    with pytest.raises(ForbiddenError) as e:
        cashier.end_session(s.id, at=at(60), discount=Decimal("15"))
    assert e.value.permission == "large_discount"
    inv = cashier.checkout(s.id, [(Decimal("20"), "cash")], at=at(60), discount=Decimal("10"))
    assert inv.total == Decimal("27.00")
    calls: list[tuple[Callable[[], object], str]] = [
        (lambda: cashier.void_invoice(inv.id, "oops", at=at(61)), "corrections"),
        (lambda: cashier.refund(inv.id, Decimal("5"), "cash", "x", at=at(61)), "corrections"),
        (lambda: cashier.adjust_stock(seat.id, -1, "x"), "adjust_stock"),
        (lambda: cashier.add_resource("Room", "room", Decimal("100")), "resources"),
        (lambda: cashier.revenue(DAY, DAY), "reports"),
        (lambda: cashier.close_day(DAY), "close_day"),
        (lambda: manager.update_settings(currency="LE"), "settings"),
        (lambda: manager.add_operator("Ali", "cashier", "4444"), "operators"),
    ]
    for call, permission in calls:
        before = owner.audit_log(DAY, DAY)
        with pytest.raises(ForbiddenError) as e:
            call()
        assert e.value.permission == permission, str(e.value)
        assert owner.audit_log(DAY, DAY) == before
    manager.refund(inv.id, Decimal("5"), "cash", "noise", at=at(62))
    owner.update_settings(max_cashier_discount=Decimal("50"), require_shift=False)
    assert owner.settings().max_cashier_discount == Decimal("50.00")
    with pytest.raises(backspace.ValidationError):
        owner.update_settings(max_cashier_discount=Decimal("100.5"))
    with pytest.raises(backspace.ValidationError):
        owner.update_settings(require_shift="yes")  # type: ignore[arg-type]


def test_r_staff_4_the_audit_log_says_who_voided_what(bs: Backspace) -> None:
    owner, manager, cashier = staffed(bs)
    seat = manager.add_resource("Seat 1", "seat", Decimal("30"), at=at(-500))
    mona = cashier.register_customer("Mona", "01012345678", at=at(-500))
    s = cashier.start_session(mona.id, seat.id, at=at(0))
    inv = cashier.end_session(s.id, at=at(60))
    with pytest.raises(ForbiddenError):
        cashier.void_invoice(inv.id, "oops", at=at(61))
    manager.void_invoice(inv.id, "wrong customer", at=at(62))
    log = owner.audit_log(DAY, DAY)
    assert [e.seq for e in log] == sorted(e.seq for e in log)
    voids = [e for e in log if e.operation == "void_invoice"]
    assert len(voids) == 1
    assert voids[0].operator_id == manager.operator_id and inv.id in voids[0].ids
    assert json.loads(voids[0].args) == {"reason": "wrong customer"}
    omar = owner.audit_log(DAY, DAY, operator_id=cashier.operator_id)
    assert [e.operation for e in omar] == ["register_customer", "start_session", "end_session"]
    everything = owner.audit_log(DAY - timedelta(days=1), datetime.now(timezone.utc).date())
    assert not any("1111" in e.args or "2222" in e.args or "3333" in e.args for e in everything)
    report = owner.verify_trail()
    assert report.is_intact and report.audit_entries == len(everything)


def test_r_shift_1_one_open_shift_per_drawer(bs: Backspace) -> None:
    shift = bs.open_shift(Decimal("500"), at=at(0))
    assert (shift.drawer, shift.is_open, shift.opening_float) == ("main", True, Decimal("500.00"))
    with pytest.raises(backspace.ConflictError):
        bs.open_shift(Decimal("100"), at=at(1))
    assert bs.open_shift(Decimal("50"), drawer="bar", at=at(2)).drawer == "bar"
    for bad in [Decimal("-1"), Decimal("1.005")]:
        with pytest.raises(backspace.ValidationError):
            bs.open_shift(bad, drawer="kiosk")
    assert bs.current_shift() == shift


def test_r_shift_2_cash_is_attached_and_require_shift_refuses_cash_without_one(bs: Backspace) -> None:
    mona = bs.register_customer("Mona", "01012345678", at=at(-500))
    bs.update_settings(require_shift=True)
    with pytest.raises(backspace.InvalidStateError, match="require_shift"):
        bs.deposit(mona.id, Decimal("10"), "cash", at=at(0))
    bs.deposit(mona.id, Decimal("10"), "card", at=at(0))
    shift = bs.open_shift(Decimal("100"), at=at(1))
    bs.deposit(mona.id, Decimal("40"), "cash", at=at(2))
    bs.pay_in(Decimal("20"), "change", at=at(3))
    bs.pay_out(Decimal("15"), "milk", at=at(4))
    report = bs.shift_report(shift.id)
    assert [(e.kind, e.method, e.amount) for e in report.entries] == [
        ("deposit", "cash", Decimal("40.00")),
        ("pay_in", "cash", Decimal("20.00")),
        ("pay_out", "cash", Decimal("15.00")),
    ]
    assert report.received.cash == Decimal("40.00") and report.expected_cash == Decimal("145.00")


def test_r_shift_3_close_stores_expected_and_over_short(bs: Backspace) -> None:
    owner, manager, cashier = staffed(bs)
    mona = cashier.register_customer("Mona", "01012345678", at=at(-500))
    shift = cashier.open_shift(Decimal("200"), at=at(0))
    cashier.deposit(mona.id, Decimal("150"), "cash", at=at(10))
    with pytest.raises(backspace.ValidationError):
        cashier.close_shift(Decimal("-1"), at=at(20))
    with pytest.raises(backspace.ValidationError):
        cashier.close_shift(Decimal("10.005"), at=at(20))
    closed = cashier.close_shift(Decimal("340"), at=at(20))
    assert (closed.expected_cash, closed.counted_cash, closed.over_short) == (
        Decimal("350.00"),
        Decimal("340.00"),
        Decimal("-10.00"),
    )
    assert (closed.opened_by_name, closed.closed_by_name) == ("Omar", "Omar")
    assert manager.shift_report(shift.id) == closed
    with pytest.raises(backspace.InvalidStateError):
        cashier.close_shift(Decimal("340"), at=at(21))
