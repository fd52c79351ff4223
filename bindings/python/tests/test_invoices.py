"""§9 Invoices and payments, §10 balance through the Python API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import backspace
from backspace import Backspace, Customer, Invoice, Resource
from helpers import DAY, at


def sixty_minutes(bs: Backspace, mona: Customer, seat1: Resource) -> Invoice:
    s = bs.start_session(mona.id, seat1.id, at=at())
    return bs.end_session(s.id, at=at(60))


def test_r_invc_1_invoice_numbers_and_lookup(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    assert invoice.invoice_number == "INV-0001"
    assert bs.find_invoice("inv-0001") == invoice
    assert bs.get_invoice(invoice.id) == invoice
    with pytest.raises(backspace.NotFoundError):
        bs.find_invoice("INV-0404")


def test_r_invc_6_due_date(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    assert invoice.issue_date == DAY
    assert invoice.due_date == date(2025, 1, 22)
    assert invoice.issued_at == at(60)


def test_r_invc_3_set_discount_before_payment(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    discounted = bs.set_discount(invoice.id, Decimal("12.5"), at=at(61))
    assert discounted.discount == Decimal("12.50")
    assert discounted.discount_amount == Decimal("3.75")
    assert discounted.total == Decimal("26.25")
    assert bs.get_customer(mona.id).balance == Decimal("-26.25")


def test_r_invc_3_discount_after_payment_is_invalid_state(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    bs.record_payment(invoice.id, Decimal("10"), "cash", at=at(61))
    with pytest.raises(backspace.InvalidStateError):
        bs.set_discount(invoice.id, 5, at=at(62))


def test_r_invc_3_discount_above_100_is_validation_error(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    with pytest.raises(backspace.ValidationError):
        bs.set_discount(invoice.id, 101)


def test_r_invc_5_partial_then_full_payment(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    part = bs.record_payment(invoice.id, Decimal("10.50"), "cash", at=at(61), note="receipt 7")
    assert part.status == "pending"
    assert part.paid_amount == Decimal("10.50")
    assert part.due == Decimal("19.50")
    (payment,) = part.payments
    assert (payment.amount, payment.method, payment.paid_at, payment.note) == (
        Decimal("10.50"),
        "cash",
        at(61),
        "receipt 7",
    )
    paid = bs.record_payment(invoice.id, Decimal("19.50"), "card", at=at(62))
    assert paid.status == "paid"
    assert paid.paid_date == DAY
    assert bs.get_customer(mona.id).balance == Decimal("0.00")
    assert bs.list_invoices(status="paid") == [paid]


def test_r_invc_4_overpay_is_payment_error(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    with pytest.raises(backspace.PaymentError) as err:
        bs.record_payment(invoice.id, Decimal("30.01"), "cash", at=at(61))
    assert err.value.kind == "overpayment"
    assert err.value.due == Decimal("30.00")
    assert err.value.amount == Decimal("30.01")
    assert bs.get_invoice(invoice.id).paid_amount == Decimal("0.00")


def test_r_invc_4_paying_a_paid_invoice_is_invalid_state(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    bs.record_payment(invoice.id, 30, "transfer", at=at(61))
    with pytest.raises(backspace.InvalidStateError):
        bs.record_payment(invoice.id, 1, "cash", at=at(62))


def test_r_invc_7_payment_before_issue_is_validation_error(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    with pytest.raises(backspace.ValidationError):
        bs.record_payment(invoice.id, 1, "cash", at=at(59))


def test_r_money_2_zero_payment_and_three_decimals_are_validation_errors(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    with pytest.raises(backspace.ValidationError):
        bs.record_payment(invoice.id, Decimal("0"), "cash", at=at(61))
    with pytest.raises(backspace.ValidationError):
        bs.record_payment(invoice.id, Decimal("10.005"), "cash", at=at(61))
    paid = bs.record_payment(invoice.id, Decimal("10.100"), "cash", at=at(61))
    assert str(paid.paid_amount) == "10.10"


def test_r_bal_2_deposit_then_pay_from_balance(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    entry = bs.deposit(mona.id, Decimal("100"), "cash", at=at(-5))
    assert (entry.kind, entry.amount, entry.reference, entry.at) == ("deposit", Decimal("100.00"), "cash", at(-5))
    assert bs.get_customer(mona.id).credit == Decimal("100.00")
    invoice = sixty_minutes(bs, mona, seat1)
    paid = bs.record_payment(invoice.id, invoice.total, "balance", at=at(61))
    assert paid.status == "paid"
    after = bs.get_customer(mona.id)
    assert after.credit == Decimal("70.00")
    assert after.balance == Decimal("70.00")


def test_r_bal_2_balance_payment_without_credit_is_payment_error(
    bs: Backspace, mona: Customer, seat1: Resource
) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    with pytest.raises(backspace.PaymentError) as err:
        bs.record_payment(invoice.id, 10, "balance", at=at(61))
    assert err.value.kind == "insufficient_credit"
    assert err.value.available == Decimal("0.00")


def test_r_bal_2_deposit_by_balance_is_validation_error(bs: Backspace, mona: Customer) -> None:
    with pytest.raises(backspace.ValidationError):
        bs.deposit(mona.id, 10, "balance")


def test_r_bal_3_statement_running_balance(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    bs.record_payment(invoice.id, 20, "cash", at=at(61))
    bs.deposit(mona.id, 50, "card", at=at(62))
    lines = bs.statement(mona.id)
    assert [(l.entry.kind, l.entry.amount, l.balance) for l in lines] == [
        ("invoice", Decimal("-30.00"), Decimal("-30.00")),
        ("payment", Decimal("20.00"), Decimal("-10.00")),
        ("deposit", Decimal("50.00"), Decimal("40.00")),
    ]
    assert lines[0].entry.reference == "INV-0001"
    assert bs.get_customer(mona.id).balance == Decimal("40.00")


def test_list_invoices_filters(bs: Backspace, mona: Customer, seat1: Resource) -> None:
    invoice = sixty_minutes(bs, mona, seat1)
    assert bs.list_invoices() == [invoice]
    assert bs.list_invoices(customer_id=mona.id, status="unpaid", from_=DAY, to=DAY) == [invoice]
    assert bs.list_invoices(from_=date(2025, 1, 16)) == []
    assert bs.list_invoices(status="paid") == []
