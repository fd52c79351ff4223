"""R-ERR-1, R-ERR-2, R-MONEY-1/2, R-TIME-3: a generated sweep of hostile input through every
operation of the package.

Every parameter of every operation gets every hostile value (wrong types, ``None``, NaN and
infinite ``Decimal``s, huge and negative numbers, 3-decimal money, naive and out-of-range
datetimes, unknown ids, empty and 10,000-character strings, control characters, right-to-left
text, SQL fragments), the other arguments staying valid. Each call must either succeed or raise a
typed exception (a ``BackspaceError`` or a ``TypeError``); nothing may panic; a failed call must
leave the database exactly as it was; text that is accepted is stored verbatim (trimmed), never
executed.

Size: one value per parameter per call. ``BACKSPACE_RELIABILITY_FULL=1`` adds random calls that
poison several parameters at once (``BACKSPACE_HOSTILE_RANDOM=n`` per operation, default 300).
"""

from __future__ import annotations

import os
import random
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import backspace
from backspace import Backspace
from helpers import DAY, at

FULL = os.environ.get("BACKSPACE_RELIABILITY_FULL", "") not in ("", "0")
RANDOM_CALLS = int(os.environ.get("BACKSPACE_HOSTILE_RANDOM", "300")) if FULL else 0

UNKNOWN = uuid.UUID("6f1d7a52-0000-4000-8000-000000000000")
SQL = [
    "'; DROP TABLE customers; --",
    "Robert'); DELETE FROM invoices WHERE 1=1; --",
    '" OR 1=1 --',
    "1; UPDATE inventory_items SET quantity = 0",
    "%_\\'",
]

#: (label, value): every one of these goes into every parameter of every operation.
HOSTILE: list[tuple[str, object]] = [
    ("None", None),
    ("object", object()),
    ("list", ["01012345678"]),
    ("dict", {"amount": 1}),
    ("bytes", b"01012345678"),
    ("float", 1.5),
    ("float-nan", float("nan")),
    ("float-inf", float("inf")),
    ("bool", True),
    ("complex", 1j),
    ("Decimal-NaN", Decimal("NaN")),
    ("Decimal-sNaN", Decimal("sNaN")),
    ("Decimal-inf", Decimal("Infinity")),
    ("Decimal--inf", Decimal("-Infinity")),
    ("Decimal-3-decimals", Decimal("10.005")),
    ("Decimal-0.001", Decimal("0.001")),
    ("Decimal-trailing-zeros", Decimal("10.100")),
    ("Decimal-negative", Decimal("-0.01")),
    ("Decimal-minus-zero", Decimal("-0")),
    ("Decimal-billion", Decimal("1000000000")),
    ("Decimal-just-below-billion", Decimal("999999999.99")),
    ("Decimal-1e30", Decimal("1E+30")),
    ("Decimal-1e1000", Decimal("1E+1000")),
    ("Decimal-1e-1000", Decimal("1E-1000")),
    ("int-zero", 0),
    ("int-negative", -1),
    ("int-billion-plus-one", 10**9 + 1),
    ("int-i64-max", 2**63 - 1),
    ("int-i64-min", -(2**63)),
    ("int-2^63", 2**63),
    ("int-below-i64", -(2**63) - 1),
    ("int-10^30", 10**30),
    ("datetime-naive", datetime(2025, 1, 15, 10, 0)),
    ("datetime-future", datetime.now(timezone.utc) + timedelta(days=1)),
    ("datetime-year-1", datetime(1, 1, 1, tzinfo=timezone.utc)),
    ("datetime-max-west", datetime.max.replace(tzinfo=timezone(timedelta(hours=-12)))),
    ("datetime-min-east", datetime.min.replace(tzinfo=timezone(timedelta(hours=14)))),
    ("date", DAY),
    ("date-min", date.min),
    ("date-max", date.max),
    ("uuid-unknown", UNKNOWN),
    ("uuid-nil", uuid.UUID(int=0)),
    ("str-uuid-unknown", str(UNKNOWN)),
    ("str-not-uuid", "not-a-uuid"),
    ("str-empty", ""),
    ("str-blank", "   "),
    ("str-10k", "x" * 10_000),
    ("str-10k-arabic", "ن" * 10_000),
    ("str-101", "y" * 101),
    ("str-nul", "a\x00b"),
    ("str-control", "\x07\x1b[31mred\x1b[0m"),
    ("str-newline-tab", "line 1\n\tline 2"),
    ("str-rtl-override", "\u202eevil\u202c"),
    ("str-rtl-arabic", "\u200fمنى عادل\u200f"),
    ("str-surrogate", "\ud800"),
    ("str-emoji", "☕ 🍰"),
    ("str-C-id-sql", "C-001' OR '1'='1"),
    ("str-INV-sql", "INV-0001; DROP TABLE invoices"),
    ("str-enum-upper", "SEAT"),
    ("str-enum-lower", "seat"),
    ("str-time-zone", "Mars/Olympus"),
    ("str-phone", "+20 10 9999 8888"),
    ("str-phone-sql", "01012345678' OR 1=1 --"),
] + [(f"str-sql-{i}", s) for i, s in enumerate(SQL)]


@dataclass
class Desk:
    """A small, fully seeded front desk: two customers (one with credit, one subscribed), an
    active session with a consumption, an unpaid invoice, an idle seat and a seat with no history."""

    bs: Backspace
    #: Whether operators exist and `bs` is the owner's signed-in desk.
    staffed: bool = False
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    #: The snapshot of the seeded state (a failed call must leave exactly this).
    baseline: tuple[object, ...] = ()


def seeded(staffed: bool = False) -> Desk:
    ids: dict[str, uuid.UUID] = {}
    if staffed:
        # Every call runs as the signed-in owner (R-STAFF-2). PIN hashing is slow on purpose, so
        # only the staff operations get this desk.
        unsigned = Backspace.in_memory()
        hany = unsigned.add_operator("Hany", "owner", "2468", at=at(-700))
        bs = unsigned.sign_in(hany.id, "2468")
        ids["omar"] = bs.add_operator("Omar", "cashier", "1357", at=at(-700)).id
    else:
        bs = Backspace.in_memory()
    shift = bs.open_shift(Decimal("100"), at=at(-650))
    bs.update_settings(weekly_price=Decimal("250"), unit_minutes=15)
    mona = bs.register_customer("منى عادل", "01012345678", email="mona@example.com", notes="VIP", at=at(-600))
    ali = bs.register_customer("Ali", "01112345678", at=at(-600))
    seat1 = bs.add_resource("Seat 1", "seat", Decimal("30"), at=at(-600))
    seat2 = bs.add_resource("Room A", "room", Decimal("120.50"), at=at(-600))
    spare = bs.add_resource("Desk 9", "desk", Decimal("15"), at=at(-600))
    tea = bs.add_inventory_item("شاي", "beverage", Decimal("7.50"), 50, 5, at=at(-600))
    done = bs.start_session(ali.id, seat2.id, at=at(-300))
    invoice = bs.end_session(done.id, at=at(-240))
    session = bs.start_session(mona.id, seat1.id, at=at(-60))
    consumption = bs.add_consumption(session.id, tea.id, 2, at=at(-50))
    bs.deposit(mona.id, Decimal("100"), "cash", at=at(-40))
    sub = bs.subscribe(ali.id, "weekly", at=at(-30))
    booking = bs.reserve(ali.id, seat2.id, at(120), at(180), at=at(-20))
    return Desk(
        bs,
        staffed=staffed,
        baseline=snapshot(bs),
        ids=ids
        | {
            "mona": mona.id,
            "ali": ali.id,
            "seat1": seat1.id,
            "seat2": seat2.id,
            "spare": spare.id,
            "tea": tea.id,
            "session": session.id,
            "consumption": consumption.id,
            "invoice": invoice.id,
            "sub": sub.id,
            "shift": shift.id,
            "booking": booking.id,
        },
    )


Args = dict[str, object]


@dataclass
class Op:
    name: str
    #: Valid keyword arguments for the seeded desk.
    args: Callable[[dict[str, uuid.UUID]], Args]
    #: For accepted text: parameter → how to read the stored value back (given the result).
    stored: dict[str, Callable[[Backspace, Any], object]] = field(default_factory=dict)
    #: Run on a desk with staff, as its owner.
    staffed: bool = False


AT = at(60)

OPS: list[Op] = [
    Op(
        "update_settings",
        lambda i: {
            "time_zone": None,
            "unit_minutes": None,
            "rounding": None,
            "grace_minutes": None,
            "minimum_minutes": None,
            "daily_cap": None,
            "weekly_price": None,
            "half_monthly_price": None,
            "monthly_price": None,
            "invoice_due_days": None,
            "currency": None,
        },
        {"currency": lambda bs, r: bs.settings().currency},
    ),
    Op(
        "register_customer",
        lambda i: {"name": "Nadia", "phone": "01155555555", "email": None, "notes": None, "at": AT},
        {
            "name": lambda bs, r: bs.get_customer(r.id).name,
            "notes": lambda bs, r: bs.get_customer(r.id).notes,
        },
    ),
    Op("get_customer", lambda i: {"id": i["mona"]}),
    Op("find_customer", lambda i: {"key": "C-001"}),
    Op("search_customers", lambda i: {"text": "منى"}),
    Op(
        "update_customer",
        lambda i: {"id": i["mona"], "name": None, "phone": None, "email": None, "notes": None},
        {
            "name": lambda bs, r: bs.get_customer(r.id).name,
            "notes": lambda bs, r: bs.get_customer(r.id).notes,
        },
    ),
    Op(
        "add_resource",
        lambda i: {"name": "Seat 7", "resource_type": "seat", "rate_per_hour": Decimal("30"), "at": AT},
        {"name": lambda bs, r: bs.get_resource(r.id).name},
    ),
    Op("get_resource", lambda i: {"id": i["seat2"]}),
    Op(
        "update_resource",
        lambda i: {"id": i["seat2"], "name": None, "resource_type": None, "rate_per_hour": None},
        {"name": lambda bs, r: bs.get_resource(r.id).name},
    ),
    Op("set_resource_available", lambda i: {"id": i["seat2"], "available": False}),
    Op("delete_resource", lambda i: {"id": i["spare"]}),
    Op("start_session", lambda i: {"customer_id": i["ali"], "resource_id": i["seat2"], "at": AT}),
    Op("get_session", lambda i: {"id": i["session"]}),
    Op("quote_session", lambda i: {"session_id": i["session"], "at": AT}),
    Op("add_consumption", lambda i: {"session_id": i["session"], "item_id": i["tea"], "quantity": 1, "at": AT}),
    Op("remove_consumption", lambda i: {"consumption_id": i["consumption"], "at": AT}),
    Op("session_consumptions", lambda i: {"session_id": i["session"]}),
    Op("end_session", lambda i: {"session_id": i["session"], "at": AT, "discount": None}),
    Op("active_sessions", lambda i: {"at": AT}),
    Op(
        "subscribe",
        lambda i: {"customer_id": i["mona"], "plan_type": "weekly", "start_date": None, "price": None, "at": AT},
    ),
    Op("get_subscription", lambda i: {"id": i["sub"]}),
    Op("list_subscriptions", lambda i: {"customer_id": i["ali"]}),
    Op("cancel_subscription", lambda i: {"id": i["sub"], "at": AT}),
    Op("expire_subscriptions", lambda i: {"at": AT}),
    Op(
        "add_inventory_item",
        lambda i: {
            "name": "Cake",
            "category": "snack",
            "price": Decimal("20"),
            "quantity": 5,
            "min_stock": 1,
            "at": AT,
        },
        {"name": lambda bs, r: bs.get_inventory_item(r.id).name},
    ),
    Op("get_inventory_item", lambda i: {"id": i["tea"]}),
    Op(
        "update_inventory_item",
        lambda i: {"id": i["tea"], "name": None, "category": None, "price": None, "min_stock": None},
        {"name": lambda bs, r: bs.get_inventory_item(r.id).name},
    ),
    Op("restock", lambda i: {"id": i["tea"], "n": 5, "at": AT}),
    Op(
        "adjust_stock",
        lambda i: {"id": i["tea"], "delta": -1, "reason": "count", "at": AT},
        {"reason": lambda bs, r: bs.stock_movements(r.id)[-1].reason},
    ),
    Op("stock_movements", lambda i: {"id": i["tea"]}),
    Op("get_invoice", lambda i: {"id": i["invoice"]}),
    Op("find_invoice", lambda i: {"number": "INV-0001"}),
    Op("list_invoices", lambda i: {"customer_id": None, "status": None, "from_": None, "to": None}),
    Op("set_discount", lambda i: {"invoice_id": i["invoice"], "percent": Decimal("10"), "at": AT}),
    Op(
        "record_payment",
        lambda i: {"invoice_id": i["invoice"], "amount": Decimal("5"), "method": "cash", "at": AT, "note": None},
        {"note": lambda bs, r: bs.get_invoice(r.id).payments[-1].note},
    ),
    Op("deposit", lambda i: {"customer_id": i["mona"], "amount": Decimal("50"), "method": "cash", "at": AT}),
    Op("statement", lambda i: {"customer_id": i["mona"]}),
    Op("revenue", lambda i: {"from_": DAY, "to": DAY}),
    Op("utilization", lambda i: {"from_": DAY, "to": DAY}),
    Op("outstanding_invoices", lambda i: {"at": AT}),
    Op("top_customers", lambda i: {"from_": DAY, "to": DAY, "n": 10}),
    Op(
        "checkout",
        lambda i: {
            "session_id": i["session"],
            "payments": [(Decimal("5"), "cash")],
            "discount": None,
            "at": AT,
        },
    ),
    Op("void_invoice", lambda i: {"invoice_id": i["invoice"], "reason": "wrong customer", "at": AT}),
    Op(
        "refund",
        lambda i: {
            "invoice_id": i["invoice"],
            "amount": Decimal("1"),
            "method": "cash",
            "reason": "refund",
            "at": AT,
        },
    ),
    Op("write_off", lambda i: {"invoice_id": i["invoice"], "reason": "gone", "at": AT}),
    Op("get_credit_note", lambda i: {"id": i["invoice"]}),
    Op("find_credit_note", lambda i: {"number": "CN-0001"}),
    Op("close_day", lambda i: {"date": DAY, "at": None}),
    Op("z_report", lambda i: {"date": DAY}),
    Op("add_operator", lambda i: {"name": "Nour", "role": "cashier", "pin": "4444", "at": AT}, staffed=True),
    Op(
        "update_operator",
        lambda i: {"id": i["omar"], "name": "Omar Adel", "role": "manager", "pin": "9999"},
        staffed=True,
    ),
    Op("deactivate_operator", lambda i: {"id": i["omar"]}, staffed=True),
    Op("sign_in", lambda i: {"operator_id": i["omar"], "pin": "1357", "at": AT}, staffed=True),
    Op("audit_log", lambda i: {"from_date": DAY, "to_date": DAY, "operator_id": None}, staffed=True),
    Op("open_shift", lambda i: {"opening_float": Decimal("50"), "drawer": "bar", "at": AT}),
    Op("pay_in", lambda i: {"amount": Decimal("10"), "reason": "change", "at": AT}),
    Op("pay_out", lambda i: {"amount": Decimal("10"), "reason": "milk", "at": AT}),
    Op("close_shift", lambda i: {"counted_cash": Decimal("100"), "drawer": None, "at": AT}),
    Op("shift_report", lambda i: {"shift_id": i["shift"]}),
    Op("reserve", lambda i: {"customer_id": i["mona"], "resource_id": i["seat2"], "start": at(240), "end": at(300), "at": AT}),
    Op("get_reservation", lambda i: {"id": i["booking"]}),
    Op("e_receipt", lambda i: {"invoice_id": i["invoice"]}),
    Op("receipt_html", lambda i: {"invoice_id": i["invoice"], "paper": "a4"}),
    Op("return_receipt", lambda i: {"credit_note_id": i["invoice"]}),
    Op("mark_e_receipt_submitted", lambda i: {"uuid": "0" * 64, "submission_id": "SUB-1"}),
    Op("check_in", lambda i: {"reservation_id": i["booking"], "at": at(115)}),
    Op("cancel_reservation", lambda i: {"reservation_id": i["booking"], "at": AT}),
    Op("expire_reservations", lambda i: {"at": AT}),
    Op("reservations", lambda i: {"from_": DAY, "to": DAY, "resource_id": None}),
    Op("free_slots", lambda i: {"resource_id": i["seat2"], "date": DAY, "minutes": 60, "at": AT}),
]

#: Operations without parameters: called once on every desk state, they must simply work.
NO_ARGS = [
    "settings",
    "list_customers",
    "list_resources",
    "list_inventory_items",
    "low_stock",
    "verify_trail",
    "session_overlaps",
    "list_operators",
    "current_shift",
    "pending_e_receipts",
]


def snapshot(bs: Backspace) -> tuple[object, ...]:
    """Everything an operation could change, read through the public operations."""
    customers = bs.list_customers()
    items = bs.list_inventory_items()
    active = bs.active_sessions(at=AT)
    return (
        bs.settings(),
        customers,
        bs.list_resources(),
        items,
        [bs.stock_movements(i.id) for i in items],
        bs.list_invoices(),
        [bs.statement(c.id) for c in customers],
        [bs.list_subscriptions(c.id) for c in customers],
        active,
        [bs.session_consumptions(a.session.id) for a in active],
        bs.list_operators(),
        bs.audit_log(date(2000, 1, 1), date(2099, 12, 31)),
        [bs.shift_report(s.id) for s in [bs.current_shift()] if s is not None],
        bs.reservations(date(2000, 1, 1), date(2099, 12, 31)),
    )


#: Python's own typed errors that a wrong argument may raise before Backspace sees it.
TYPED: tuple[type[BaseException], ...] = (backspace.BackspaceError, TypeError)


def typed(e: BaseException, value: object) -> bool:
    """A typed exception: a BackspaceError, or a TypeError for a value of the wrong type. An int
    beyond 64 bits and a lone surrogate are ValidationErrors naming the argument (R-ERR-1), not
    OverflowError or UnicodeEncodeError."""
    return isinstance(e, TYPED)


@dataclass
class Sweep:
    calls: int = 0
    succeeded: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    verbatim: int = 0


def call(sweep: Sweep, desk: Desk, op: Op, kwargs: Args, poisoned: dict[str, object]) -> bool:
    """One call; returns whether it changed the desk (succeeded)."""
    bs = desk.bs
    before = desk.baseline
    sweep.calls += 1
    what = f"{op.name}({', '.join(f'{k}={v!r:.60}' for k, v in poisoned.items())})"
    try:
        result = getattr(bs, op.name)(**kwargs)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # noqa: BLE001 - a panic (PanicException) is a BaseException
        name = type(e).__name__
        sweep.outcomes[name] += 1
        if not any(typed(e, v) for v in poisoned.values()) and not isinstance(e, TYPED):
            sweep.problems.append(f"{what} raised {name}: {e!s:.200}")
        if isinstance(e, backspace.BackspaceError) and e.kind == "storage":
            sweep.problems.append(f"{what} raised a storage error: {e!s:.200}")
        after = snapshot(bs)
        if after != before:
            sweep.problems.append(f"{what} raised {name} but changed the database")
        return False
    sweep.succeeded += 1
    sweep.outcomes["ok"] += 1
    for param, value in poisoned.items():
        read_back = op.stored.get(param)
        if read_back is not None and isinstance(value, str):
            stored = read_back(bs, result)
            expected = value.strip() or None  # blank optional text means none
            if stored != expected and not (param in ("name", "currency") and stored == value.strip()):
                sweep.problems.append(f"{what} stored {stored!r:.80} instead of {expected!r:.80}")
            sweep.verbatim += 1
    for name in NO_ARGS:
        getattr(bs, name)()
    return True


def run_sweep(ops: list[Op]) -> Sweep:
    sweep = Sweep()
    desk = seeded()
    rng = random.Random(int(os.environ.get("BACKSPACE_RELIABILITY_SEED", "20260524")))
    for op in ops:
        if desk.staffed != op.staffed:
            desk = seeded(op.staffed)
        names = list(op.args(desk.ids))
        for param in names:
            for _label, value in HOSTILE:
                kwargs = op.args(desk.ids)
                kwargs[param] = value
                if call(sweep, desk, op, kwargs, {param: value}):
                    desk = seeded(op.staffed)
        for _ in range(RANDOM_CALLS if names else 0):
            kwargs = op.args(desk.ids)
            poisoned = {p: rng.choice(HOSTILE)[1] for p in rng.sample(names, rng.randint(1, len(names)))}
            kwargs.update(poisoned)
            if call(sweep, desk, op, kwargs, poisoned):
                desk = seeded(op.staffed)
    return sweep


@pytest.fixture(scope="module")
def sweep() -> Iterator[Sweep]:
    result = run_sweep(OPS)
    print(
        f"\nRELIABILITY python-hostile: calls={result.calls} succeeded={result.succeeded} "
        f"verbatim={result.verbatim} outcomes={dict(result.outcomes)}"
    )
    yield result


def test_r_err_2_every_hostile_call_is_typed_and_failed_calls_change_nothing(sweep: Sweep) -> None:
    assert sweep.problems == []


def test_r_err_2_the_sweep_covers_every_operation(sweep: Sweep) -> None:
    params = sum(len(op.args(seeded(op.staffed).ids)) for op in OPS)
    assert sweep.calls >= params * len(HOSTILE)
    public = {n for n in dir(Backspace) if not n.startswith("_")} - {
        "open",
        "in_memory",
        # Need a PostgreSQL server: swept in test_postgres.py.
        "open_postgres",
        "add_branch",
        "close",
        "closed",
        "operator_id",
    }
    assert public == {op.name for op in OPS} | set(NO_ARGS)
    # Hostile input mostly fails, with validation errors, but some of it is accepted as data.
    assert sweep.outcomes["ValidationError"] > 1000
    assert sweep.succeeded > 100
    assert sweep.verbatim > 50


def test_r_err_2_sql_fragments_are_stored_verbatim_in_a_file(tmp_path: Path) -> None:
    with Backspace.open(tmp_path / "desk.sqlite") as bs:
        for i, text in enumerate(SQL):
            c = bs.register_customer(text, f"0101234560{i}", notes=text)
            assert (c.name, c.notes) == (text, text)
            assert bs.search_customers(text) == [c]
            r = bs.add_resource(f"{text} {i}", "seat", Decimal("30"))
            item = bs.add_inventory_item(text + str(i), "snack", Decimal("1"), 5, 0)
            bs.adjust_stock(item.id, 1, text)
            assert bs.stock_movements(item.id)[-1].reason == text
            with pytest.raises((backspace.NotFoundError, backspace.ValidationError)):
                bs.find_customer(text)
            with pytest.raises((backspace.NotFoundError, backspace.ValidationError)):
                bs.find_invoice(text)
            assert bs.get_resource(r.id).name == f"{text} {i}"
        assert [c.name for c in bs.list_customers()] == SQL
    with Backspace.open(tmp_path / "desk.sqlite") as bs:
        assert len(bs.list_customers()) == len(SQL)


@pytest.mark.parametrize(
    "path",
    [None, 1.5, b"\x00", "", "a\x00b", "x" * 10_000, "missing-dir/desk.sqlite", "\u202eevil.sqlite"],
)
def test_r_err_1_hostile_paths_are_typed_errors(tmp_path: Path, path: object) -> None:
    target: object = path
    if isinstance(path, str) and path:
        target = str(tmp_path / path)
    try:
        with Backspace.open(target) as bs:  # type: ignore[arg-type]
            assert bs.list_customers() == []
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # noqa: BLE001 - a panic (PanicException) is a BaseException
        assert isinstance(e, (backspace.StorageError, TypeError, ValueError)), repr(e)


def _kind(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return "int"
    if isinstance(value, Decimal):
        return "money"
    if isinstance(value, str):
        return "str"
    return None


#: The three inputs a sweep of 32,000 calls once found untyped or wrongly accepted, by kind.
BOUNDARY: dict[str, list[object]] = {
    "int": [2**63, 2**70, -(2**63) - 1],
    "str": ["Mona\ud800", "\udfff"],
    "money": [Decimal("0.1000000000000000000000000000001"), Decimal("10.0000000000000000000000000000001")],
}


def boundary_cases() -> list[tuple[str, str, object]]:
    cases = []
    ids = seeded(staffed=True).ids
    for op in OPS:
        for name, good in op.args(ids).items():
            kind = _kind(good)
            if kind is None:
                continue
            for bad in BOUNDARY[kind]:
                cases.append((op.name, name, bad))
    return cases


@pytest.mark.parametrize(("op_name", "param", "bad"), boundary_cases())
def test_r_err_1_huge_ints_surrogates_and_long_decimals_are_validation_errors(
    op_name: str, param: str, bad: object
) -> None:
    """Per parameter kind, the inputs that used to escape as OverflowError or
    UnicodeEncodeError, or (for money with more than 28 decimals) to be rounded and accepted."""
    op = next(o for o in OPS if o.name == op_name)
    desk = seeded(op.staffed)
    kwargs = op.args(desk.ids)
    kwargs[param] = bad
    with pytest.raises(backspace.ValidationError) as err:
        getattr(desk.bs, op_name)(**kwargs)
    assert err.value.field.startswith(param.rstrip("_")) or err.value.field.startswith("payments"), (
        err.value.field
    )
    if isinstance(bad, Decimal):
        assert str(bad) in str(err.value)
    assert snapshot(desk.bs) == desk.baseline


def test_r_money_2_a_deposit_of_0_1_plus_a_tiny_fraction_is_refused_not_rounded(bs: Backspace) -> None:
    c = bs.register_customer("Mona", "01012345678")
    with pytest.raises(backspace.ValidationError) as err:
        bs.deposit(c.id, Decimal("0.1000000000000000000000000000001"), "cash")
    assert "0.1000000000000000000000000000001" in str(err.value)
    assert bs.get_customer(c.id).credit == Decimal("0.00")
