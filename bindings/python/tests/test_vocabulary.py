"""SPEC §14: one vocabulary in every language — every operation is a method of Backspace."""

from __future__ import annotations

import inspect

import pytest

import backspace
from backspace import Backspace

OPERATIONS = """
register_customer get_customer find_customer search_customers list_customers update_customer
add_resource get_resource update_resource set_resource_available delete_resource list_resources
start_session get_session quote_session add_consumption remove_consumption session_consumptions
end_session active_sessions subscribe get_subscription list_subscriptions cancel_subscription
expire_subscriptions add_inventory_item get_inventory_item list_inventory_items
update_inventory_item restock adjust_stock low_stock stock_movements get_invoice find_invoice
list_invoices set_discount record_payment deposit statement revenue utilization
outstanding_invoices top_customers settings update_settings close checkout void_invoice refund
write_off get_credit_note find_credit_note close_day z_report verify_trail session_overlaps
""".split()


@pytest.mark.parametrize("name", OPERATIONS)
def test_spec_14_operation_is_a_method(name: str) -> None:
    assert callable(getattr(Backspace, name))


def test_spec_14_open_and_in_memory_are_class_methods() -> None:
    assert isinstance(Backspace.in_memory(), Backspace)
    assert callable(Backspace.open)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("register_customer", ["name", "phone", "email", "notes", "at"]),
        ("start_session", ["customer_id", "resource_id", "at"]),
        ("quote_session", ["session_id", "at"]),
        ("add_consumption", ["session_id", "item_id", "quantity", "at"]),
        ("end_session", ["session_id", "at", "discount"]),
        ("subscribe", ["customer_id", "plan_type", "start_date", "price", "at"]),
        ("record_payment", ["invoice_id", "amount", "method", "at", "note"]),
        ("deposit", ["customer_id", "amount", "method", "at"]),
        ("set_discount", ["invoice_id", "percent", "at"]),
        ("active_sessions", ["at"]),
        ("outstanding_invoices", ["at"]),
        ("expire_subscriptions", ["at"]),
        ("checkout", ["session_id", "payments", "discount", "at"]),
        ("void_invoice", ["invoice_id", "reason", "at"]),
        ("refund", ["invoice_id", "amount", "method", "reason", "at"]),
        ("write_off", ["invoice_id", "reason", "at"]),
        ("close_day", ["date", "at"]),
    ],
)
def test_spec_14_keyword_arguments_with_at_none(name: str, params: list[str]) -> None:
    signature = inspect.signature(getattr(Backspace, name))
    assert list(signature.parameters)[1:] == params
    if "at" in params:
        assert signature.parameters["at"].default is None


def test_package_exports() -> None:
    for name in backspace.__all__:
        assert hasattr(backspace, name), name
    assert backspace.__version__


def test_package_docstring_example_runs() -> None:
    import doctest

    result = doctest.testmod(backspace)
    assert result.attempted > 0
    assert result.failed == 0
