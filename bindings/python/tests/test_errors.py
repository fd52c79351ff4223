"""R-ERR-1/2: every error kind maps to one Python exception under BackspaceError."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import backspace
from backspace import Backspace, Customer, InventoryItem, Resource
from helpers import at, customer


def test_r_err_1_hierarchy() -> None:
    for cls in (
        backspace.ValidationError,
        backspace.NotFoundError,
        backspace.ConflictError,
        backspace.InsufficientStockError,
        backspace.InvalidStateError,
        backspace.PaymentError,
        backspace.StorageError,
    ):
        assert issubclass(cls, backspace.BackspaceError)
        assert cls.__module__ == "backspace"
    assert issubclass(backspace.BackspaceError, Exception)
    assert issubclass(backspace.ValidationError, ValueError)
    assert issubclass(backspace.NotFoundError, LookupError)
    assert not issubclass(backspace.ConflictError, ValueError)


def test_r_err_1_validation_error_names_field(bs: Backspace) -> None:
    with pytest.raises(ValueError) as err:
        bs.register_customer("Ali", "0101")
    e = err.value
    assert isinstance(e, backspace.ValidationError)
    assert (e.kind, e.field) == ("validation", "phone")
    assert str(e).startswith("invalid phone: ")
    assert e.reason in str(e)


def test_r_err_1_unknown_id_is_not_found_error(bs: Backspace) -> None:
    missing = "6f1d7a52-0000-4000-8000-000000000000"
    with pytest.raises(LookupError) as err:
        bs.get_invoice(missing)
    e = err.value
    assert isinstance(e, backspace.NotFoundError)
    assert (e.kind, e.entity, e.id) == ("not_found", "invoice", missing)
    assert str(e) == f"invoice not found: {missing}"


def test_r_err_1_busy_seat_is_conflict_error(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    bs.start_session(mona.id, seat1.id, at=at())
    ali = customer(bs, "Ali", "01112345678")
    with pytest.raises(backspace.ConflictError) as err:
        bs.start_session(ali.id, seat1.id, at=at(1))
    assert err.value.kind == "conflict"
    assert "Seat 1" in str(err.value)


def test_r_err_1_insufficient_stock_error(
    bs: Backspace, mona: Customer, seat1: Resource, tea10: InventoryItem
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    with pytest.raises(backspace.InsufficientStockError) as err:
        bs.add_consumption(s.id, tea10.id, 12, at=at(1))
    e = err.value
    assert (e.kind, e.item, e.available, e.requested) == ("insufficient_stock", "شاي", 10, 12)
    assert str(e) == "insufficient stock for شاي: 10 available, 12 requested"


def test_r_err_1_session_not_active_is_invalid_state_error(
    bs: Backspace, mona: Customer, seat1: Resource, tea10: InventoryItem
) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    bs.end_session(s.id, at=at(5))
    with pytest.raises(backspace.InvalidStateError) as err:
        bs.add_consumption(s.id, tea10.id, 1, at=at(6))
    assert err.value.kind == "invalid_state"
    with pytest.raises(backspace.InvalidStateError):
        bs.quote_session(s.id, at=at(7))


def test_r_err_1_overpay_is_payment_error(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    s = bs.start_session(mona.id, seat1.id, at=at())
    invoice = bs.end_session(s.id, at=at(60))
    with pytest.raises(backspace.PaymentError) as err:
        bs.record_payment(invoice.id, Decimal("100"), "cash", at=at(61))
    e = err.value
    assert (e.kind, e.invoice, e.due, e.amount, e.available) == (
        "overpayment",
        "INV-0001",
        Decimal("30.00"),
        Decimal("100.00"),
        None,
    )
    assert str(e) == "overpayment on INV-0001: 100.00 asked but only 30.00 is due"


def test_r_err_1_storage_error_after_close() -> None:
    bs = Backspace.in_memory()
    bs.close()
    with pytest.raises(backspace.StorageError, match="closed") as err:
        bs.list_customers()
    assert err.value.kind == "storage"


def test_r_err_1_unopenable_file_is_storage_error(tmp_path: Path) -> None:
    with pytest.raises(backspace.StorageError):
        Backspace.open(tmp_path / "missing-dir" / "desk.db")


def test_r_err_2_failed_operation_writes_nothing(bs: Backspace, mona: Customer) -> None:
    with pytest.raises(backspace.ConflictError):
        bs.register_customer("Dup", mona.phone)
    assert bs.list_customers() == [mona]
    assert customer(bs, "Next", "01112345678").human_id == "C-002"


def test_r_err_2_every_kind_is_a_backspace_error(bs: Backspace, mona: Customer) -> None:
    with pytest.raises(backspace.BackspaceError):
        bs.find_customer("C-404")
    with pytest.raises(backspace.BackspaceError):
        bs.register_customer("", "")
