"""§13 Storage through the Python API: files, reopening, several desks on one file, closing."""

from __future__ import annotations

import os
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

import backspace
from backspace import Backspace
from helpers import at


def test_r_db_3_a_file_reopened_from_a_second_backspace(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    with Backspace.open(path) as first:
        mona = first.register_customer("منى عادل", "01012345678", at=at(-60))
        chair = first.add_resource("Seat 1", "seat", Decimal("30"))
        s = first.start_session(mona.id, chair.id, at=at())
        invoice = first.end_session(s.id, at=at(61))
        first.record_payment(invoice.id, Decimal("10"), "cash", at=at(62))
    assert first.closed
    with Backspace.open(str(path)) as second:
        again = second.find_customer("C-001")
        assert again.name == "منى عادل"
        assert again.balance == Decimal("-20.50")
        assert second.get_invoice(invoice.id).status == "pending"
        assert second.get_session(s.id).ended_at == at(61)
        assert second.register_customer("علي", "01112345678").human_id == "C-002"


def test_r_db_5_two_desks_on_one_file_see_each_other(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    with Backspace.open(path) as a, Backspace.open(path) as b:
        mona = a.register_customer("منى", "01012345678")
        chair = a.add_resource("Seat 1", "seat", 30)
        assert b.get_customer(mona.id) == mona
        b.start_session(mona.id, chair.id)
        with pytest.raises(backspace.ConflictError):
            a.start_session(a.register_customer("Ali", "01112345678").id, chair.id)


def test_open_accepts_path_like(tmp_path: Path) -> None:
    with Backspace.open(tmp_path / "x.db") as bs:
        assert "x.db" in repr(bs)
    assert os.path.exists(tmp_path / "x.db")


def test_context_manager_closes_even_on_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        with Backspace.open(tmp_path / "desk.db") as bs:
            raise RuntimeError("boom")
    assert bs.closed
    with pytest.raises(backspace.StorageError, match="closed"):
        bs.list_resources()


def test_close_is_idempotent_and_every_call_raises_closed() -> None:
    bs = Backspace.in_memory()
    bs.close()
    bs.close()
    assert bs.closed
    assert "closed" in repr(bs)
    for call in (
        lambda: bs.settings(),
        lambda: bs.list_customers(),
        lambda: bs.register_customer("Ali", "01112345678"),
        lambda: bs.revenue(at().date(), at().date()),
    ):
        with pytest.raises(backspace.StorageError, match="closed"):
            call()


def test_in_memory_desks_are_independent() -> None:
    with Backspace.in_memory() as a, Backspace.in_memory() as b:
        a.register_customer("Ali", "01112345678")
        assert b.list_customers() == []


def test_r_db_1_open_takes_synchronous_and_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "normal.sqlite"
    with Backspace.open(path, synchronous="normal", busy_timeout_ms=250) as bs:
        bs.register_customer("منى", "01012345678")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM customers").fetchone() == (1,)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"synchronous": "off"}, "synchronous"),
        ({"synchronous": "FULLEST"}, "synchronous"),
        ({"busy_timeout_ms": -1}, "busy_timeout_ms"),
        ({"busy_timeout_ms": 3_600_001}, "busy_timeout_ms"),
        ({"busy_timeout_ms": 2**70}, "busy_timeout_ms"),
        ({"busy_timeout_ms": 1.5}, "busy_timeout_ms"),
        ({"busy_timeout_ms": True}, "busy_timeout_ms"),
    ],
)
def test_r_err_2_bad_open_options_are_validation_errors_and_create_nothing(
    tmp_path: Path, options: dict[str, object], field: str
) -> None:
    path = tmp_path / "never.sqlite"
    with pytest.raises(backspace.ValidationError) as err:
        Backspace.open(path, **options)  # type: ignore[arg-type]
    assert err.value.field == field
    assert not path.exists()


def test_r_err_1_a_busy_database_is_a_retryable_storage_error(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    path = tmp_path / "busy.sqlite"
    ready = tmp_path / "locked"
    with Backspace.open(path, busy_timeout_ms=50) as bs:
        bs.register_customer("Ali", "01112345678")
        # Another process holds the write lock (SQLite's locks are per process).
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sqlite3, sys, time, pathlib\n"
                "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                "c.execute('BEGIN IMMEDIATE')\n"
                "pathlib.Path(sys.argv[2]).touch()\n"
                "time.sleep(3)\n"
                "c.execute('ROLLBACK')\n",
                str(path),
                str(ready),
            ]
        )
        try:
            deadline = time.monotonic() + 20
            while not ready.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            with pytest.raises(backspace.StorageError, match="busy") as busy:
                bs.register_customer("Mona", "01012345678")
            assert busy.value.retryable is True
        finally:
            holder.wait()
        # Once the other writer is done, the same call succeeds.
        assert bs.register_customer("Mona", "01012345678").human_id == "C-002"
        bs.close()
        with pytest.raises(backspace.StorageError) as closed:
            bs.list_customers()
        assert closed.value.retryable is False
