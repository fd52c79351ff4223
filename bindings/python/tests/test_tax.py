"""VAT and Egyptian e-receipts through the Python package (§18: R-TAX-1..4).

Every receipt's ``uuid`` is recomputed here independently: the stored JSON is parsed with its
member order and number texts kept, serialized by the authority's published rules (property
names upper-cased and quoted, simple values quoted as written, an array's name once and again
before each element) with an empty ``uuid``, and hashed with ``hashlib``.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Union

import pytest

import backspace
from backspace import Backspace
from helpers import at

SELLER = {
    "rin": "123456789",
    "company_trade_name": "مساحة العمل",
    "branch_code": "0",
    "country": "EG",
    "governate": "Cairo",
    "region_city": "Nasr City",
    "street": "Abbas El Akkad",
    "building_number": "12",
    "device_serial_number": "POS-1",
    "activity_code": "6820",
    "item_type": "EGS",
    "session_item_code": "EG-123456789-1",
    "consumption_item_code": "EG-123456789-2",
    "subscription_item_code": "EG-123456789-3",
    "reservation_fee_item_code": "EG-123456789-4",
}


class Obj(list):  # type: ignore[type-arg]
    """A JSON object as its (name, value) pairs, in order."""


class Num(str):
    """A JSON number as written."""


Json = Union[Obj, list, str, Num]  # type: ignore[type-arg]


def parse(text: str) -> Any:
    return json.loads(text, object_pairs_hook=Obj, parse_float=Num, parse_int=Num)


def value(v: Any) -> str:
    if isinstance(v, Obj):
        return serialize(v)
    if isinstance(v, Num):
        return f'"{v}"'
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    raise TypeError(v)


def serialize(obj: Obj) -> str:
    out = []
    for name, v in obj:
        out.append(f'"{name.upper()}"')
        if isinstance(v, list) and not isinstance(v, Obj):
            for item in v:
                out.append(f'"{name.upper()}"')
                out.append(value(item))
        else:
            out.append(value(v))
    return "".join(out)


def uuid_of(document: str) -> str:
    doc = parse(document)
    header = dict(doc)["header"]
    for i, (name, _) in enumerate(header):
        if name == "uuid":
            header[i] = ("uuid", "")
    return hashlib.sha256(serialize(doc).encode("utf-8")).hexdigest()


def test_r_tax_4_the_independent_serializer_follows_the_published_rules() -> None:
    doc = parse('{"a":"x","n":0.0,"o":{"b":""},"t":[{"k":"T1"},{"k":"T2"}]}')
    assert serialize(doc) == '"A""x""N""0.0""O""B""""T""T""K""T1""T""K""T2"'


def test_r_tax_1_settings_and_a_tied_out_invoice(bs: Backspace) -> None:
    with pytest.raises(backspace.ValidationError):
        bs.update_settings(vat_percent=Decimal("14.001"))
    with pytest.raises(backspace.ValidationError):
        bs.update_settings(seller={"nonsense": "x"})
    s = bs.update_settings(vat_percent=Decimal("14"), prices_include_vat=False, seller=SELLER)
    assert (s.vat_percent, s.prices_include_vat, s.seller.rin) == (Decimal("14.00"), False, "123456789")
    mona = bs.register_customer("منى", "01012345678", at=at(-60))
    seat = bs.add_resource("Seat 1", "seat", Decimal("30"), at=at(-60))
    session = bs.start_session(mona.id, seat.id, at=at(0))
    inv = bs.end_session(session.id, at=at(60))
    assert (inv.net_amount, inv.vat_amount, inv.total) == (Decimal("30.00"), Decimal("4.20"), Decimal("34.20"))
    assert sum(line.net for line in inv.line_items) == inv.net_amount
    assert bs.revenue(date(2025, 1, 15), date(2025, 1, 15))[0].vat == Decimal("4.20")


def test_r_tax_1_each_seller_setting_is_set_by_its_field_name(bs: Backspace) -> None:
    # The names `seller=` accepts are the fields of SellerSettings, each landing in its own field.
    s = bs.update_settings(seller=SELLER)
    assert s.seller.to_dict() == SELLER
    assert bs.settings().seller == s.seller


def test_r_tax_2_missing_seller_settings_are_named(bs: Backspace) -> None:
    mona = bs.register_customer("منى", "01012345678", at=at(-60))
    seat = bs.add_resource("Seat 1", "seat", Decimal("30"), at=at(-60))
    inv = bs.end_session(bs.start_session(mona.id, seat.id, at=at(0)).id, at=at(60))
    with pytest.raises(backspace.ValidationError) as e:
        bs.e_receipt(inv.id)
    assert e.value.field.startswith("seller.")
    assert bs.pending_e_receipts() == []


def test_r_tax_3_and_r_tax_4_random_invoices_have_independently_verified_uuids(bs: Backspace) -> None:
    rng = random.Random(20261205)
    bs.update_settings(seller=SELLER)
    names = ["منى عادل", "Omar", "فاطمة الزهراء", 'Quote "Q"', "يوسف"]
    items = [
        bs.add_inventory_item(name, "beverage", Decimal(price), 10_000, 0, at=at(-600))
        for name, price in [("شاي", "7.50"), ("قهوة تركي", "25"), ("Latte", "45.25"), ("كرواسون", "35")]
    ]
    seats = [bs.add_resource(f"Seat {i}", "seat", Decimal(rate), at=at(-600)) for i, rate in enumerate(["30", "25.50", "40"])]
    people = [bs.register_customer(n, f"0101234{i:04}", at=at(-600)) for i, n in enumerate(names)]
    previous = ""
    receipts = 0
    for n in range(120):
        rate, inclusive = rng.choice([("0", True), ("14", True), ("14", False), ("5", True)])
        bs.update_settings(vat_percent=Decimal(rate), prices_include_vat=inclusive)
        start = at(n * 200)
        s = bs.start_session(rng.choice(people).id, rng.choice(seats).id, at=start)
        for _ in range(rng.randint(0, 3)):
            bs.add_consumption(s.id, rng.choice(items).id, rng.randint(1, 3), at=start + timedelta(minutes=5))
        discount = Decimal(rng.choice(["0", "5", "10", "12.5"]))
        due = bs.quote_session(s.id, at=start + timedelta(minutes=rng.randint(1, 180))).amount
        end = start + timedelta(minutes=rng.randint(1, 180))
        inv = bs.end_session(s.id, at=end, discount=discount)
        if inv.total > 0:
            cash = (inv.total / 2).quantize(Decimal("0.01"))
            bs.record_payment(inv.id, cash, "cash", at=end)
            bs.record_payment(inv.id, inv.total - cash, "card", at=end)
        r = bs.e_receipt(inv.id)
        receipts += 1
        assert uuid_of(r.document) == r.uuid
        assert dict(parse(r.document))["header"] is not None
        assert r.previous_uuid == previous
        previous = r.uuid
        doc = json.loads(r.document)
        assert Decimal(str(doc["totalAmount"])) == inv.total, r.document
        assert bs.e_receipt(inv.id) == r  # the same bytes when asked again
        if inv.total > 1 and rng.random() < 0.3:
            note = bs.refund(inv.id, (inv.total / 3).quantize(Decimal("0.01")), "cash", "noise", at=end)
            back = bs.return_receipt(note.id)
            receipts += 1
            assert uuid_of(back.document) == back.uuid
            ret = json.loads(back.document)
            assert ret["documentType"]["receiptType"] == "r"
            assert ret["header"]["referenceUUID"] == r.uuid
            assert Decimal(str(ret["totalAmount"])) == note.amount
            assert back.previous_uuid == previous
            previous = back.uuid
        del due
    pending = bs.pending_e_receipts()
    assert len(pending) == receipts
    marked = bs.mark_e_receipt_submitted(pending[0].uuid, "SUB-1")
    assert marked.submission_id == "SUB-1"
    with pytest.raises(backspace.InvalidStateError):
        bs.mark_e_receipt_submitted(pending[0].uuid, "SUB-2")
    assert len(bs.pending_e_receipts()) == receipts - 1


def test_printable_receipt_shows_the_arabic_name_totals_and_the_e_receipt_qr(bs: Backspace) -> None:
    bs.update_settings(vat_percent=Decimal("14"), seller=SELLER)
    mona = bs.register_customer("منى عادل", "01012345678", at=at(-60))
    seat = bs.add_resource("Seat 1", "seat", Decimal("30"), at=at(-60))
    inv = bs.end_session(bs.start_session(mona.id, seat.id, at=at(0)).id, at=at(60))
    before = bs.receipt_html(inv.id, paper="a4")
    assert "منى عادل" in before and "INV-0001" in before and "30.00" in before and "<svg" not in before
    r = bs.e_receipt(inv.id)
    after = bs.receipt_html(inv.id)
    assert "<svg" in after and r.uuid in after and 'dir="rtl"' in after
    with pytest.raises(backspace.ValidationError):
        bs.receipt_html(inv.id, paper="letter")  # type: ignore[arg-type]
