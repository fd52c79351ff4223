"""The walk-in cycle through the ``backspace`` wheel against the same cycle hand-written in
Python with the standard ``sqlite3`` module: the simplest correct implementation a developer
would write (one transaction per operation, integer piastres, the checks a desk needs). Both run
in this one process, rounds alternated, on the same kind of database.

Usage: ``python python_baseline.py (memory | file DIR) ROUNDS CYCLES``; prints one JSON line:
the median seconds per cycle of each side and the median of the per-round ratios
(baseline time ÷ wheel time: above 1 means the wheel is faster).

The wheel's walk-in: start a session, add two café items, read the bill, check out paying it in
cash (four write transactions and a read). The baseline's: start, add, add, end, pay (five write
transactions), as the specification's operations would be written by hand.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import time
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import backspace

SEATS, CUSTOMERS, STOCK = 20, 40, 10_000_000

SCHEMA = (Path(__file__).parent / "python_baseline.sql").read_text(encoding="utf-8")


def now() -> str:
    return datetime.now(timezone.utc).isoformat()


class Baseline:
    """The cycle by hand: one ``BEGIN IMMEDIATE … COMMIT`` per operation."""

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        if path != ":memory:":
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self.db.execute("INSERT INTO counters VALUES ('invoice', 0)")
        self.seats = [str(uuid.uuid4()) for _ in range(SEATS)]
        self.customers = [str(uuid.uuid4()) for _ in range(CUSTOMERS)]
        self.items = [(str(uuid.uuid4()), 2000), (str(uuid.uuid4()), 3000)]
        for i, s in enumerate(self.seats):
            self.db.execute("INSERT INTO resources VALUES (?, ?, 3000, 0)", (s, f"Seat {i}"))
        for i, c in enumerate(self.customers):
            self.db.execute("INSERT INTO customers VALUES (?, ?, ?, 0)", (c, f"C{i}", f"0100{i:07}"))
        for item, price in self.items:
            self.db.execute("INSERT INTO items VALUES (?, 'item', ?, ?)", (item, price, STOCK))

    def tx(self, f):  # type: ignore[no-untyped-def]
        self.db.execute("BEGIN IMMEDIATE")
        try:
            out = f()
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return out

    def start(self, customer: str, seat: str) -> str:
        def op() -> str:
            (busy, rate) = self.db.execute(
                "SELECT busy, rate FROM resources WHERE id = ?", (seat,)
            ).fetchone()
            if busy:
                raise RuntimeError("seat busy")
            if self.db.execute(
                "SELECT 1 FROM sessions WHERE customer_id = ? AND ended_at IS NULL", (customer,)
            ).fetchone():
                raise RuntimeError("customer busy")
            sid = str(uuid.uuid4())
            self.db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, NULL, ?, NULL)",
                (sid, customer, seat, now(), rate),
            )
            self.db.execute("UPDATE resources SET busy = 1 WHERE id = ?", (seat,))
            return sid

        return self.tx(op)  # type: ignore[no-any-return]

    def consume(self, session: str, item: str) -> None:
        def op() -> None:
            row = self.db.execute("SELECT ended_at FROM sessions WHERE id = ?", (session,)).fetchone()
            if row is None or row[0] is not None:
                raise RuntimeError("no active session")
            (price, quantity) = self.db.execute(
                "SELECT price, quantity FROM items WHERE id = ?", (item,)
            ).fetchone()
            if quantity < 1:
                raise RuntimeError("out of stock")
            self.db.execute("UPDATE items SET quantity = quantity - 1 WHERE id = ?", (item,))
            self.db.execute("INSERT INTO consumptions VALUES (?, ?, 1, ?)", (session, item, price))

        self.tx(op)

    def end(self, session: str) -> tuple[str, int]:
        def op() -> tuple[str, int]:
            (customer, seat, started, rate) = self.db.execute(
                "SELECT customer_id, resource_id, started_at, rate FROM sessions "
                "WHERE id = ? AND ended_at IS NULL",
                (session,),
            ).fetchone()
            end = now()
            seconds = (datetime.fromisoformat(end) - datetime.fromisoformat(started)).seconds
            minutes = -(-seconds // 60)
            charge = (minutes * rate * 2 + 60) // 120  # round half up, integer piastres
            lines = self.db.execute(
                "SELECT quantity, price FROM consumptions WHERE session_id = ?", (session,)
            ).fetchall()
            total = charge + sum(q * p for q, p in lines)
            (n,) = self.db.execute(
                "UPDATE counters SET value = value + 1 WHERE name = 'invoice' RETURNING value"
            ).fetchone()
            invoice = str(uuid.uuid4())
            number = f"INV-{n:04}"
            status = "paid" if total == 0 else "unpaid"
            self.db.execute(
                "INSERT INTO invoices VALUES (?, ?, ?, ?, ?, 0, ?)",
                (invoice, number, customer, end, total, status),
            )
            self.db.execute(
                "INSERT INTO invoice_lines VALUES (?, 'session', 'Seat', ?, ?)",
                (invoice, minutes, charge),
            )
            for q, p in lines:
                self.db.execute(
                    "INSERT INTO invoice_lines VALUES (?, 'consumption', 'item', ?, ?)",
                    (invoice, q, q * p),
                )
            self.db.execute(
                "UPDATE sessions SET ended_at = ?, invoice_id = ? WHERE id = ?",
                (end, invoice, session),
            )
            self.db.execute("UPDATE resources SET busy = 0 WHERE id = ?", (seat,))
            self.db.execute(
                "UPDATE customers SET balance = balance - ? WHERE id = ?", (total, customer)
            )
            self.db.execute(
                "INSERT INTO ledger VALUES (?, 'invoice', ?, ?, ?)", (customer, -total, number, end)
            )
            return invoice, total

        return self.tx(op)  # type: ignore[no-any-return]

    def pay(self, invoice: str, amount: int) -> None:
        def op() -> None:
            (customer, number, total, paid) = self.db.execute(
                "SELECT customer_id, number, total, paid FROM invoices WHERE id = ?", (invoice,)
            ).fetchone()
            if amount <= 0 or amount > total - paid:
                raise RuntimeError("overpayment")
            at = now()
            self.db.execute("INSERT INTO payments VALUES (?, ?, 'cash', ?)", (invoice, amount, at))
            status = "paid" if paid + amount == total else "pending"
            self.db.execute(
                "UPDATE invoices SET paid = paid + ?, status = ? WHERE id = ?",
                (amount, status, invoice),
            )
            self.db.execute(
                "UPDATE customers SET balance = balance + ? WHERE id = ?", (amount, customer)
            )
            self.db.execute(
                "INSERT INTO ledger VALUES (?, 'payment', ?, ?, ?)", (customer, amount, number, at)
            )

        self.tx(op)

    def cycle(self, k: int) -> None:
        s = self.start(self.customers[k % CUSTOMERS], self.seats[k % SEATS])
        self.consume(s, self.items[k % 2][0])
        self.consume(s, self.items[(k + 1) % 2][0])
        invoice, total = self.end(s)
        if total:
            self.pay(invoice, total)


class Wheel:
    """The same walk-in through the ``backspace`` package, paying through ``checkout``."""

    def __init__(self, path: str) -> None:
        self.desk = (
            backspace.Backspace.in_memory() if path == ":memory:" else backspace.Backspace.open(path)
        )
        d = self.desk
        self.seats = [d.add_resource(f"Seat {i}", "seat", Decimal("30")).id for i in range(SEATS)]
        self.customers = [
            d.register_customer(f"C{i}", f"0100000{i:04}").id for i in range(CUSTOMERS)
        ]
        self.items = [
            d.add_inventory_item("Tea", "beverage", Decimal("20"), STOCK, 0).id,
            d.add_inventory_item("Cookies", "snack", Decimal("30"), STOCK, 0).id,
        ]

    def cycle(self, k: int) -> None:
        d = self.desk
        s = d.start_session(self.customers[k % CUSTOMERS], self.seats[k % SEATS])
        d.add_consumption(s.id, self.items[k % 2], 1)
        d.add_consumption(s.id, self.items[(k + 1) % 2], 1)
        due = d.quote_session(s.id).amount
        d.checkout(s.id, [(due, "cash")] if due else [])


def timed(side: Baseline | Wheel, k0: int, n: int) -> float:
    t = time.perf_counter()
    for k in range(k0, k0 + n):
        side.cycle(k)
    return (time.perf_counter() - t) / n


def main() -> int:
    mode = sys.argv[1]
    if mode == "memory":
        paths = (":memory:", ":memory:")
        rest = sys.argv[2:]
    else:
        folder = Path(sys.argv[2])
        paths = (str(folder / "baseline.sqlite"), str(folder / "wheel.sqlite"))
        rest = sys.argv[3:]
    rounds, n = int(rest[0]), int(rest[1])
    base, wheel = Baseline(paths[0]), Wheel(paths[1])
    base.cycle(0)
    wheel.cycle(0)
    b_times, w_times, k = [], [], 1
    for r in range(rounds):
        for which in ((0, 1) if r % 2 == 0 else (1, 0)):
            if which == 0:
                b_times.append(timed(base, k, n))
            else:
                w_times.append(timed(wheel, k, n))
        k += n
    ratios = [b / w for b, w in zip(b_times, w_times)]
    print(
        json.dumps(
            {
                "baseline_s": statistics.median(b_times),
                "wheel_s": statistics.median(w_times),
                "ratio": statistics.median(ratios),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
