"""Front-desk cycles through the ``backspace`` Python package, driven by ``benches/python.rs``.

Usage: ``python python_cycle.py (:memory: | PATH)``

Sets up the same fixture as ``Fixture::fresh`` in Rust (20 seats at 30 EGP/h, 40 customers,
two café items), prints ``ready``, then answers each ``run N`` line on stdin by running N
cycles and printing the nanoseconds they took; ``quit`` (or end of input) stops. A cycle is
the one ``backspace_bench::cycle::backspace_cycle`` runs: start a session now, add two
consumptions, then read the bill and check out paying it in cash.
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal

import backspace

STOCK = 10_000_000


def main() -> int:
    target = sys.argv[1]
    desk = (
        backspace.Backspace.in_memory()
        if target == ":memory:"
        else backspace.Backspace.open(target)
    )
    resources = [
        desk.add_resource(f"Bench Seat {i:02}", "seat", Decimal("30.00")).id
        for i in range(1, 21)
    ]
    customers = [
        desk.register_customer(f"Bench Customer {i}", f"0100000{i:04}").id
        for i in range(1, 41)
    ]
    items = [
        desk.add_inventory_item("Tea", "beverage", Decimal("20.00"), STOCK, 0).id,
        desk.add_inventory_item("Cookies", "snack", Decimal("30.00"), STOCK, 0).id,
    ]
    k = 0

    def cycle(k: int) -> None:
        session = desk.start_session(
            customers[k % len(customers)], resources[k % len(resources)]
        )
        desk.add_consumption(session.id, items[k % 2], 1)
        desk.add_consumption(session.id, items[(k + 1) % 2], 1)
        due = desk.quote_session(session.id).amount
        if hasattr(desk, "checkout"):
            desk.checkout(session.id, [(due, "cash")] if due else [])
        else:
            invoice = desk.end_session(session.id)
            if invoice.total:
                desk.record_payment(invoice.id, invoice.total, "cash")

    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        if words[0] == "run":
            n = int(words[1])
            t = time.perf_counter_ns()
            for _ in range(n):
                cycle(k)
                k += 1
            print(time.perf_counter_ns() - t, flush=True)
    desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
