"""A chain of branches on PostgreSQL from Python (R-CHAIN-2, R-CHAIN-3).

Runs against BACKSPACE_PG_URL (scripts/test.sh starts a throwaway cluster), each test in a
schema of its own made with psql.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from backspace import (
    Backspace,
    BackspaceError,
    ConflictError,
    NotFoundError,
    StorageError,
    ValidationError,
)


def _server() -> str:
    url = os.environ.get("BACKSPACE_PG_URL")
    if not url:
        pytest.fail("BACKSPACE_PG_URL is not set: run scripts/test.sh (it starts PostgreSQL)")
    return url


@pytest.fixture
def chain_url() -> str:
    """A fresh schema on the test server, as a connection string that uses it."""
    url = _server()
    schema = "py_" + uuid.uuid4().hex
    psql = shutil.which("psql")
    assert psql, "psql is needed to make the test schema"
    subprocess.run([psql, url, "-qc", f"CREATE SCHEMA {schema}"], check=True)
    return f"{url} options='-c search_path={schema},public'"


def test_r_chain_2_numbers_carry_the_branch_code_and_customers_are_shared(chain_url: str) -> None:
    assert Backspace.add_branch(chain_url, "Alexandria", "ALX") == "ALX"
    assert Backspace.add_branch(chain_url, "Cairo", "CAI", time_zone="Africa/Cairo") == "CAI"
    alx = Backspace.open_postgres(chain_url, "ALX")
    cai = Backspace.open_postgres(chain_url, "CAI")
    assert "ALX" in repr(alx) and "search_path" not in repr(alx)
    mona = alx.register_customer("منى عادل", "01012345678")
    alx.deposit(mona.id, Decimal("100"), "cash")
    assert cai.get_customer(mona.id).balance == Decimal("100.00")
    started = datetime.now(timezone.utc) - timedelta(hours=2)
    # An hour in Alexandria, then an hour in Cairo: one customer, one session at a time.
    for desk, code, hour in ((alx, "ALX", 0), (cai, "CAI", 1)):
        seat = desk.add_resource("Seat 1", "seat", Decimal("30"))
        s = desk.start_session(mona.id, seat.id, at=started + timedelta(hours=hour))
        invoice = desk.end_session(s.id, at=started + timedelta(hours=hour + 1))
        assert invoice.invoice_number == f"INV-{code}-0001"
    chain = Backspace.open_postgres(chain_url)
    day = started.date()
    total = sum((d.net for d in chain.revenue(day - timedelta(days=1), day + timedelta(days=1))), Decimal(0))
    per_branch = sum(
        (d.net for desk in (alx, cai) for d in desk.revenue(day - timedelta(days=1), day + timedelta(days=1))),
        Decimal(0),
    )
    assert total == per_branch == Decimal("60.00")


def test_r_chain_2_bad_branches_are_typed_errors(chain_url: str) -> None:
    Backspace.add_branch(chain_url, "Alexandria", "ALX")
    with pytest.raises(ConflictError):
        Backspace.add_branch(chain_url, "Again", "ALX")
    with pytest.raises(ValidationError):
        Backspace.add_branch(chain_url, "Lower", "alx")
    with pytest.raises(ValidationError):
        Backspace.add_branch(chain_url, "Nowhere", "GIZ", time_zone="Mars/Olympus")
    with pytest.raises(NotFoundError):
        Backspace.open_postgres(chain_url, "GIZ")
    with pytest.raises(ValidationError) as bad:
        Backspace.open_postgres("postgres://u:secret@[bad", "ALX")
    assert "secret" not in str(bad.value)


HOSTILE: list[object] = [
    None,
    5,
    Decimal("1"),
    b"bytes",
    "",
    " ",
    "x" * 10_000,
    "Mona\ud800",
    "\u202eALX",
    "ALX'; DROP TABLE branches; --",
    "\x00",
]


def test_r_err_1_hostile_chain_arguments_are_typed(chain_url: str) -> None:
    """Every argument of open_postgres and add_branch, given hostile values, either works or
    raises a typed error (never a panic), and the URL never appears in a message."""
    Backspace.add_branch(chain_url, "Alexandria", "ALX")
    calls: list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = []
    for bad in HOSTILE:
        calls += [
            (Backspace.open_postgres, (chain_url, bad), {}),
            (Backspace.add_branch, (chain_url, bad, "GIZ"), {}),
            (Backspace.add_branch, (chain_url, "Giza", bad), {}),
            (Backspace.add_branch, (chain_url, "Giza", "GIZ"), {"time_zone": bad}),
        ]
        if bad is not None:
            calls.append((Backspace.open_postgres, (bad, "ALX"), {}))
    failed = 0
    for call, args, kwargs in calls:
        try:
            call(*args, **kwargs)
        except (TypeError, BackspaceError) as e:
            failed += 1
            assert "search_path" not in str(e)
    # Two hostile values are valid choices: `branch=None` (the chain view) and `time_zone=None`
    # (the default zone).
    assert failed == len(calls) - 2
    assert "ALX" in repr(Backspace.open_postgres(chain_url, "ALX"))
    with pytest.raises(StorageError):
        Backspace.open_postgres("host=/nonexistent/socket dbname=x", "ALX")
