"""R-SESS-1, R-TIME-4, R-CUST-2: one Backspace object shared between threads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest

import backspace
from backspace import Backspace, Customer, Session
from helpers import customer, seat


def race_for_one_seat(bs: Backspace, n: int) -> tuple[list[Session], list[BaseException]]:
    people = [customer(bs, f"عميل {i}", f"010123456{i:02d}") for i in range(n)]
    chair = seat(bs)
    barrier = threading.Barrier(n)
    wins: list[Session] = []
    losses: list[BaseException] = []
    lock = threading.Lock()

    def go(c: Customer) -> None:
        barrier.wait()
        try:
            s = bs.start_session(c.id, chair.id)
        except BaseException as e:  # noqa: BLE001 - collected and checked below
            with lock:
                losses.append(e)
        else:
            with lock:
                wins.append(s)

    threads = [threading.Thread(target=go, args=(c,)) for c in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return wins, losses


def test_r_sess_1_eight_threads_race_for_one_seat_exactly_one_wins(bs: Backspace) -> None:
    wins, losses = race_for_one_seat(bs, 8)
    assert len(wins) == 1
    assert len(losses) == 7
    assert all(isinstance(e, backspace.ConflictError) for e in losses), losses
    assert [a.session for a in bs.active_sessions()] == wins


def test_r_sess_1_race_on_a_file_store(tmp_path: Path) -> None:
    with Backspace.open(tmp_path / "desk.db") as bs:
        wins, losses = race_for_one_seat(bs, 8)
        assert len(wins) == 1
        assert all(isinstance(e, backspace.ConflictError) for e in losses)


def test_r_cust_2_concurrent_registrations_get_gapless_ids(bs: Backspace) -> None:
    def register(i: int) -> str:
        return bs.register_customer(f"Customer {i}", f"0111234{i:04d}").human_id

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = sorted(pool.map(register, range(40)))
    assert ids == [f"C-{n:03d}" for n in range(1, 41)]


def test_threads_share_one_desk_for_mixed_work(bs: Backspace) -> None:
    chairs = [seat(bs, f"Seat {i}") for i in range(8)]
    people = [customer(bs, f"P{i}", f"01212345{i:03d}") for i in range(8)]

    def day(i: int) -> Decimal:
        s = bs.start_session(people[i].id, chairs[i].id)
        invoice = bs.end_session(s.id)
        if invoice.total > 0:
            bs.record_payment(invoice.id, invoice.total, "cash")
        return bs.get_customer(people[i].id).balance

    with ThreadPoolExecutor(max_workers=8) as pool:
        balances = list(pool.map(day, range(8)))
    assert balances == [Decimal("0.00")] * 8
    assert len(bs.list_invoices()) == 8


def test_close_while_other_threads_use_the_desk(tmp_path: Path) -> None:
    bs = Backspace.open(tmp_path / "desk.db")
    start = threading.Event()
    errors: list[BaseException] = []

    def reader() -> None:
        start.wait()
        for _ in range(200):
            try:
                bs.list_customers()
            except backspace.StorageError:
                return
            except BaseException as e:  # noqa: BLE001
                errors.append(e)
                return

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    start.set()
    bs.close()
    for t in threads:
        t.join()
    assert errors == []
    with pytest.raises(backspace.StorageError):
        bs.settings()
