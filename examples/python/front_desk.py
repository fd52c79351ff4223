"""A day at the front desk of a small Cairo coworking space, through the Python API.

Three regulars come in, sit, drink tea; one has a weekly plan, one leaves credit, one gets a
regular's discount and pays part now. The evening ends with the day's revenue.

    python examples/python/front_desk.py [desk.db]

Without a path the desk lives in a temporary file. Instants are given explicitly (``at=``) on a
fixed past day so the output is the same every run; leave ``at`` out to mean "now".
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal
from pathlib import Path

import backspace
from backspace import Backspace, Invoice

DAY = date(2025, 3, 10)


def cairo() -> tzinfo:
    """Africa/Cairo from the IANA database, or its winter offset where none is installed."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Africa/Cairo")
    except Exception:  # no zoneinfo module (3.8) or no tz data on this machine
        return timezone(timedelta(hours=2), "EET")


CAIRO = cairo()


def local(hour: int, minute: int) -> datetime:
    """An instant on DAY, Cairo wall-clock time (the API stores it in UTC)."""
    return datetime.combine(DAY, time(hour, minute), tzinfo=CAIRO)


def show(invoice: Invoice) -> None:
    print(f"  {invoice.invoice_number}: total {invoice.total} EGP, paid {invoice.paid_amount}, "
          f"{invoice.status}")
    for line in invoice.lines:
        print(f"    {line.kind:<12} {line.description:<24} x{line.quantity:<4} {line.amount:>8}")


def day_at_the_desk(bs: Backspace) -> None:
    bs.update_settings(unit_minutes=15, rounding="up", weekly_price=Decimal("350"))
    opening = local(8, 30)
    seats = [bs.add_resource(f"Seat {n}", "seat", Decimal("30"), at=opening) for n in (1, 2, 3)]
    bs.add_resource("Meeting room", "room", Decimal("120"), at=opening)
    tea = bs.add_inventory_item("شاي بالنعناع", "beverage", Decimal("10"), 40, 10, at=opening)
    coffee = bs.add_inventory_item("قهوة تركي", "beverage", Decimal("15.50"), 11, 10, at=opening)

    print("Morning: customers arrive")
    mona = bs.register_customer("منى عادل", "010 1234 5678", email="mona@example.com", at=local(9, 0))
    karim = bs.register_customer("كريم مصطفى", "+20 11 2345 6789", at=local(9, 5))
    yasmin = bs.register_customer("ياسمين حسن", "٠١٢٢٣٤٥٦٧٨٩", notes="prefers the window", at=local(9, 10))
    for c in (mona, karim, yasmin):
        print(f"  {c.human_id} {c.name} {c.phone}")

    plan = bs.subscribe(yasmin.id, "weekly", at=local(9, 12))
    bs.record_payment(plan.invoice_id, plan.price, "card", at=local(9, 13))
    print(f"  {yasmin.name}: weekly plan {plan.start_date}–{plan.end_date}, {plan.price} EGP by card")

    s_mona = bs.start_session(mona.id, seats[0].id, at=local(9, 15))
    s_karim = bs.start_session(karim.id, seats[1].id, at=local(9, 40))
    s_yasmin = bs.start_session(yasmin.id, seats[2].id, at=local(10, 0))
    bs.add_consumption(s_mona.id, tea.id, 2, at=local(10, 30))
    bs.add_consumption(s_karim.id, coffee.id, 1, at=local(11, 0))
    bs.add_consumption(s_yasmin.id, tea.id, 1, at=local(11, 5))

    walk_in = bs.register_customer("عمر خالد", "0100 555 1234", at=local(11, 30))
    try:
        bs.start_session(walk_in.id, seats[0].id, at=local(11, 31))
    except backspace.ConflictError as e:
        print(f"  Seat 1 for {walk_in.name}? {e}")

    quote = bs.quote_session(s_mona.id, at=local(12, 0))
    print(f"Noon: {mona.name} so far {quote.billed_minutes} min, {quote.amount} EGP")
    for a in bs.active_sessions(at=local(12, 0)):
        print(f"  {a.resource_name}: {a.customer_name}, {a.elapsed_minutes} min, {a.running_charge} EGP")

    print("Afternoon: checkout")
    mona_invoice = bs.end_session(s_mona.id, at=local(13, 1), discount_percent=Decimal("10"))
    mona_invoice = bs.record_payment(mona_invoice.id, Decimal("100"), "cash", at=local(13, 2),
                                     note="the rest tomorrow")
    show(mona_invoice)

    bs.deposit(karim.id, Decimal("200"), "transfer", at=local(14, 0))
    karim_invoice = bs.end_session(s_karim.id, at=local(15, 10))
    karim_invoice = bs.record_payment(karim_invoice.id, karim_invoice.total, "balance", at=local(15, 11))
    show(karim_invoice)

    yasmin_invoice = bs.end_session(s_yasmin.id, at=local(17, 0))
    yasmin_invoice = bs.record_payment(yasmin_invoice.id, yasmin_invoice.total, "cash", at=local(17, 1))
    show(yasmin_invoice)

    print("Evening: the books")
    for c in (mona, karim, yasmin):
        now = bs.get_customer(c.id)
        print(f"  {now.human_id} {now.name}: balance {now.balance} (credit {now.credit}), {now.customer_type}")
    for row in bs.revenue(DAY, DAY):
        print(f"  {row.date}: sessions {row.sessions}, café {row.consumptions}, plans {row.subscriptions}, "
              f"discounts {row.discounts}, net {row.net}")
        print(f"  received: cash {row.cash}, card {row.card}, transfer {row.transfer} "
              f"= {row.received}; credit applied {row.credit_applied}")
    for o in bs.outstanding_invoices(at=local(20, 0)):
        print(f"  outstanding {o.invoice.invoice_number} {o.customer_name}: {o.due} EGP due {o.invoice.due_date}")
    for item in bs.low_stock():
        print(f"  restock {item.name}: {item.quantity} left (minimum {item.min_stock})")

    assert mona_invoice.total == Decimal("126.00"), mona_invoice.total
    assert mona_invoice.status == "pending"


def main() -> None:
    if len(sys.argv) > 1:
        with Backspace.open(sys.argv[1]) as bs:
            day_at_the_desk(bs)
        return
    with tempfile.TemporaryDirectory() as folder:
        with Backspace.open(Path(folder) / "desk.db") as bs:
            day_at_the_desk(bs)


if __name__ == "__main__":
    main()
