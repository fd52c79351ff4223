"""§3 Customers through the Python API."""

from __future__ import annotations

import uuid

import pytest

import backspace
from backspace import Backspace, Customer
from helpers import at, customer


def test_r_cust_1_register_returns_customer_with_native_types(bs: Backspace) -> None:
    c = bs.register_customer(
        "  منى عادل ", "+20 10 1234 5678", email=" Mona@Example.COM ", notes="VIP", at=at()
    )
    assert isinstance(c, Customer)
    assert isinstance(c.id, uuid.UUID)
    assert c.id.version == 7
    assert c.name == "منى عادل"
    assert c.phone == "+201012345678"
    assert c.email == "Mona@example.com"
    assert c.notes == "VIP"
    assert c.customer_type == "visitor"
    assert str(c.balance) == "0.00"
    assert str(c.credit) == "0.00"
    assert c.created_at == at()


def test_r_cust_2_human_ids_are_sequential(bs: Backspace) -> None:
    ids = [customer(bs, f"Customer {n}", f"0101234567{n}").human_id for n in range(3)]
    assert ids == ["C-001", "C-002", "C-003"]


def test_r_cust_3_blank_name_is_validation_error(bs: Backspace) -> None:
    with pytest.raises(backspace.ValidationError) as err:
        bs.register_customer("   ", "01012345678")
    assert err.value.field == "name"


@pytest.mark.parametrize(
    "phone",
    ["01012345678", "+20 10 1234 5678", "0020 10 1234 5678", "201012345678", "(010) 1234-5678", "٠١٠١٢٣٤٥٦٧٨"],
)
def test_r_cust_4_accepted_phone_forms_are_stored_as_e164(bs: Backspace, phone: str) -> None:
    assert bs.register_customer("Ali", phone).phone == "+201012345678"


@pytest.mark.parametrize("phone", ["123", "01312345678", "0101234567", "01012345678x9", "phone"])
def test_r_cust_4_bad_phone_is_validation_error(bs: Backspace, phone: str) -> None:
    with pytest.raises(backspace.ValidationError) as err:
        bs.register_customer("Ali", phone)
    assert err.value.field == "phone"
    assert isinstance(err.value, ValueError)
    assert bs.list_customers() == []


def test_r_cust_5_duplicate_phone_is_conflict_naming_the_customer(bs: Backspace, mona: Customer) -> None:
    with pytest.raises(backspace.ConflictError, match="C-001"):
        bs.register_customer("Someone else", "+20 101 234 5678")


def test_r_cust_6_bad_email_is_validation_error(bs: Backspace) -> None:
    with pytest.raises(backspace.ValidationError) as err:
        bs.register_customer("Ali", "01012345678", email="ali@localhost")
    assert err.value.field == "email"


def test_r_cust_6_empty_email_means_none(bs: Backspace) -> None:
    assert bs.register_customer("Ali", "01012345678", email="").email is None


def test_r_cust_8_search_folds_arabic_letter_variants(bs: Backspace) -> None:
    ahmed = customer(bs, "أحمد سامي", "01112345678")
    customer(bs, "Sara", "01212345678")
    assert bs.search_customers("احمد") == [ahmed]
    assert bs.search_customers("01112345678") == [ahmed]
    assert bs.search_customers("C-001") == [ahmed]
    assert len(bs.search_customers("")) == 2


def test_r_cust_8_find_customer_by_human_id_or_phone(bs: Backspace, mona: Customer) -> None:
    assert bs.find_customer("C-001") == mona
    assert bs.find_customer("+20 10 1234 5678") == mona
    assert bs.get_customer(mona.id) == mona
    assert bs.get_customer(str(mona.id)) == mona
    with pytest.raises(backspace.NotFoundError):
        bs.find_customer("C-999")


def test_list_customers_in_human_id_order(bs: Backspace) -> None:
    a = customer(bs, "A", "01012345671")
    b = customer(bs, "B", "01012345672")
    assert bs.list_customers() == [a, b]


def test_update_customer_changes_only_given_fields(bs: Backspace, mona: Customer) -> None:
    updated = bs.update_customer(mona.id, phone="0111 234 5678", notes="regular")
    assert updated.name == mona.name
    assert updated.phone == "+201112345678"
    assert updated.notes == "regular"
    cleared = bs.update_customer(mona.id, notes="")
    assert cleared.notes is None
    assert bs.get_customer(mona.id) == cleared


def test_r_cust_5_update_to_taken_phone_is_conflict(bs: Backspace, mona: Customer) -> None:
    other = customer(bs, "Ali", "01112345678")
    with pytest.raises(backspace.ConflictError):
        bs.update_customer(other.id, phone=mona.phone)
