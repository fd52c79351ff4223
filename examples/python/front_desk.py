"""A day at a 20-seat coworking space in Cairo, run on an SQLite file, through the Python API.

This is a faithful port of the Rust example ``examples/front_desk.rs``: the same settings,
resources, café items, customers, subscriptions, sessions and payments on the same day, and
the same end-of-day summary, byte for byte (``bindings/python/tests/test_same_day_as_rust.py``
checks it).

    python examples/python/front_desk.py [PATH]

writes ``front_desk.sqlite`` (or PATH, or ``$BACKSPACE_EXAMPLE_DB``), starting from an empty
file on every run, and prints the end-of-day summary an owner reads: revenue by category,
money by method, utilization per resource, low stock and outstanding invoices.
"""

from __future__ import annotations

import io
import os
import sys
from datetime import date, datetime, timedelta, timezone, tzinfo
from decimal import ROUND_HALF_EVEN, Decimal

from backspace import Backspace, Invoice, PaymentMethod, Plan, Resource

#: The simulated business date.
DAY = date(2026, 11, 23)


def _cairo_zone() -> tzinfo:
    """Africa/Cairo from the IANA database, or its winter offset (UTC+2, right for November)
    where no tz data is installed."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Africa/Cairo")
    except Exception:  # no tz data on this machine (e.g. Windows without the tzdata package)
        return timezone(timedelta(hours=2), "EET")


CAIRO = _cairo_zone()


def money(s: str) -> Decimal:
    return Decimal(s)


def cairo(h: int, m: int) -> datetime:
    """An instant on the simulated day, given in Cairo local time (UTC+2 in November).

    Returned in UTC, as the Rust example does, so that adding minutes is plain instant
    arithmetic."""
    return datetime(DAY.year, DAY.month, DAY.day, h, m, tzinfo=CAIRO).astimezone(timezone.utc)


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


CUSTOMERS: list[tuple[str, str]] = [
    ("أحمد سمير", "010 1234 5601"),
    ("منى عادل", "+20 11 2345 6702"),
    ("Omar Khaled", "0122 345 6703"),
    ("فاطمة الزهراء", "01512345604"),
    ("Sara Nabil", "0020 10 1234 5605"),
    ("يوسف إبراهيم", "٠١٠١٢٣٤٥٦٠٦"),
    ("Mariam Fawzy", "01012345607"),
    ("محمود حسن", "01112345608"),
    ("Nour El-Din", "01212345609"),
    ("آية مصطفى", "01512345610"),
    ("Karim Adel", "01012345611"),
    ("هبة الله علي", "01112345612"),
    ("Layla Mansour", "01212345613"),
    ("إسلام طارق", "01512345614"),
    ("Hana Youssef", "01012345615"),
    ("مصطفى كمال", "01112345616"),
    ("Ziad Hamdy", "01212345617"),
    ("رنا شريف", "01512345618"),
    ("Ahmed Fathy", "01012345619"),
    ("سلمى وائل", "01112345620"),
    ("Tarek Samy", "01212345621"),
    ("ندى أشرف", "01512345622"),
    ("Youssef Amr", "01012345623"),
    ("دينا ممدوح", "01112345624"),
    ("Mostafa Ali", "01212345625"),
    ("ريم جمال", "01512345626"),
    ("Hassan Reda", "01012345627"),
    ("شيماء سعيد", "01112345628"),
    ("Amira Lotfy", "02 2345 6729"),
    ("عمرو دياب", "03 456 7830"),
]


def business_day() -> date:
    """The simulated business date."""
    return DAY


def round_dp(d: Decimal, dp: int) -> Decimal:
    """rust_decimal's ``round_dp``: banker's rounding to ``dp`` places; a number with fewer
    places is returned unchanged (``0`` stays ``0``, ``5.2`` stays ``5.2``)."""
    exponent = d.as_tuple().exponent
    if isinstance(exponent, int) and -exponent <= dp:
        return d
    return d.quantize(Decimal(1).scaleb(-dp), rounding=ROUND_HALF_EVEN)


def dec(d: Decimal) -> str:
    """rust_decimal's ``Display``: every digit of the scale, never an exponent."""
    return format(d, "f")


def simulate(path: str) -> Backspace:
    """Runs the whole day on a fresh SQLite file at ``path`` and returns the desk."""
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(f"{path}{suffix}")
        except FileNotFoundError:
            pass
    desk = Backspace.open(path)
    try:
        _run_day(desk)
    except BaseException:
        desk.close()
        raise
    return desk


def _run_day(desk: Backspace) -> None:
    desk.update_settings(
        unit_minutes=15,
        grace_minutes=5,
        daily_cap=money("150"),
        weekly_price=money("350"),
        monthly_price=money("1200"),
    )

    # The floor: 16 open seats, 2 dedicated desks, 2 meeting rooms.
    at = cairo(8, 0)
    seats: list[Resource] = []
    for i in range(1, 17):
        seats.append(desk.add_resource(f"Seat {i:02}", "seat", money("25"), at=at))
    for i in range(1, 3):
        seats.append(desk.add_resource(f"Desk {i}", "desk", money("40"), at=at))
    nile = desk.add_resource("Room Nile", "room", money("150"), at=at)
    delta = desk.add_resource("Room Delta", "room", money("120"), at=at)

    tea = desk.add_inventory_item("Tea", "beverage", money("15"), 60, 10, at=at)
    coffee = desk.add_inventory_item("Turkish coffee", "beverage", money("25"), 24, 8, at=at)
    latte = desk.add_inventory_item("Latte", "beverage", money("45"), 30, 5, at=at)
    croissant = desk.add_inventory_item("Croissant", "snack", money("35"), 12, 4, at=at)
    sandwich = desk.add_inventory_item("Halloumi sandwich", "meal", money("70"), 10, 3, at=at)
    menu = [tea, coffee, latte, croissant, sandwich]

    people = [
        desk.register_customer(name, phone, at=cairo(8, 30)) for name, phone in CUSTOMERS
    ]

    # Subscribers: four weekly, two monthly; one monthly pays half now.
    for i, person in enumerate(people[:6]):
        plan: Plan = "weekly" if i < 4 else "monthly"
        sub = desk.subscribe(person.id, plan, at=cairo(9, 0))
        price = desk.get_invoice(sub.invoice_id).total
        paid = price / 2 if i == 5 else price
        method: PaymentMethod = "card" if i % 2 == 0 else "cash"
        desk.record_payment(sub.invoice_id, paid, method, at=cairo(9, 1))
    # A regular leaves credit for the week.
    desk.deposit(people[10].id, money("500"), "transfer", at=cairo(9, 5))

    # Sessions through the day: 24 people on seats and desks, staggered.
    invoices: list[Invoice] = []
    for i, person in enumerate(people[:24]):
        seat = seats[i % len(seats)]
        start = cairo(9, 0) + minutes(20 * i)
        end = start + minutes(95 + 37 * (i % 7))
        end = min(end, cairo(22, 30))
        # A seat is reused once its first session has ended.
        if i >= len(seats):
            first = invoices[i - len(seats)]
            start = max(start, first.issued_at + minutes(5))
        session = desk.start_session(person.id, seat.id, at=start)
        for k in range(i % 4):
            item = menu[(i + k) % len(menu)]
            desk.add_consumption(
                session.id, item.id, 1 + (k % 2), at=start + minutes(30 + 10 * k)
            )
        closing = max(end, start + minutes(40))
        if i == 7:
            # A discount agreed at the desk; the customer pays in full a minute later.
            inv = desk.end_session(session.id, at=closing, discount=money("10"))
            desk.record_payment(inv.id, inv.total, "cash", at=inv.issued_at + minutes(1))
            invoices.append(inv)
        else:
            # The cashier reads the bill, takes the money and closes it in one step.
            due = desk.quote_session(session.id, at=closing).amount
            invoices.append(desk.checkout(session.id, walk_in_payment(i, due), at=closing))
    # Two meetings in the rooms.
    for room, who, (from_h, from_m), (to_h, to_m) in (
        (nile, 24, (11, 0), (13, 0)),
        (delta, 25, (15, 30), (16, 45)),
    ):
        s = desk.start_session(people[who].id, room.id, at=cairo(from_h, from_m))
        desk.add_consumption(s.id, coffee.id, 4, at=cairo(from_h, from_m) + minutes(15))
        closing = cairo(to_h, to_m)
        due = desk.quote_session(s.id, at=closing).amount
        invoices.append(desk.checkout(s.id, walk_in_payment(len(invoices), due), at=closing))
    # The regular with credit pays from it.
    for inv in desk.list_invoices(customer_id=people[10].id):
        if inv.status != "paid":
            desk.record_payment(inv.id, inv.due, "balance", at=inv.issued_at + minutes(2))

    # Corrections at closing time, each a new document that points at the invoice it corrects:
    # a session entered under the wrong customer is voided (nothing was paid on it), a customer
    # who found the coffee cold gets 10.00 back in cash, and the half-paid rest of a student's
    # invoice is written off.
    every = desk.list_invoices()
    unpaid = next(i for i in every if i.paid_amount == 0 and i.total != 0)
    desk.void_invoice(unpaid.id, "entered under the wrong customer", at=cairo(22, 45))
    cold_coffee = next(
        i
        for i in every
        if i.status == "paid"
        and all(p.method == "cash" for p in i.payments)
        and any(line.description == "Turkish coffee" for line in i.line_items)
    )
    desk.refund(cold_coffee.id, money("10"), "cash", "the coffee was cold", at=cairo(22, 50))
    half_paid = next(i for i in every if i.status == "pending" and i.session_id is not None)
    desk.write_off(half_paid.id, "student rate agreed by the manager", at=cairo(22, 55))


def walk_in_payment(i: int, due: Decimal) -> list[tuple[Decimal, PaymentMethod, str | None]]:
    """How the ``i``-th visitor of the day pays a bill of ``due``: most in full, some partly, a
    few leave it on account (nothing to pay on a bill of zero)."""
    if due == 0:
        return []
    rule = i % 6
    if rule <= 2:
        return [(due, "cash", None)]
    if rule == 3:
        return [(due, "card", "POS")]
    if rule == 4:
        return [(round_dp(due / 2, 2), "cash", None)]
    return []


def print_summary(desk: Backspace, day: date, path: str) -> None:
    settings = desk.settings()
    cur = settings.currency
    print(f"Backspace — end of day {day} ({settings.time_zone})")
    print(f"file: {path}\n")

    rows = desk.revenue(day, day)
    if not rows:
        raise RuntimeError("no revenue row")
    r = rows[-1]
    print("Revenue by category")
    print(f"  sessions        {dec(r.sessions):>10} {cur}")
    print(f"  café            {dec(r.consumptions):>10} {cur}")
    print(f"  subscriptions   {dec(r.subscriptions):>10} {cur}")
    print(f"  discounts       {'-' + dec(r.discounts):>10} {cur}")
    refunds = r.refunds_cash + r.refunds_card + r.refunds_transfer + r.refunds_to_balance
    print(f"  voids           {'-' + dec(r.voids):>10} {cur}")
    print(f"  refunds         {'-' + dec(refunds):>10} {cur}")
    print(f"  write-offs      {'-' + dec(r.write_offs):>10} {cur}")
    print(f"  net             {dec(r.net):>10} {cur}\n")

    print("Money collected")
    print(f"  cash            {dec(r.cash):>10} {cur}")
    print(f"  card            {dec(r.card):>10} {cur}")
    print(f"  transfer        {dec(r.transfer):>10} {cur}")
    print(f"  total received  {dec(r.received):>10} {cur}")
    paid_back = r.refunds_cash + r.refunds_card + r.refunds_transfer
    print(f"  paid back       {'-' + dec(paid_back):>10} {cur}  (refunds in money)")
    print(
        f"  credit applied  {dec(r.credit_applied):>10} {cur}  (from deposits, not new money)\n"
    )

    print("Utilization")
    for u in desk.utilization(day, day):
        # rust_decimal's product with zero is a plain 0 (scale 0), printed "0" and not "0.0".
        pct = u.utilization * 100 if u.utilization else Decimal(0)
        print(f"  {u.resource_name:<12} {u.occupied_minutes:>5} min  {dec(round_dp(pct, 1)):>6}%")

    print("\nLow stock")
    for item in desk.low_stock():
        print(f"  {item.name:<18} {item.quantity:>3} left (minimum {item.min_stock})")

    print("\nCorrections")
    for inv in desk.list_invoices(from_=day, to=day):
        if inv.correction is not None:
            if inv.status == "void":
                what = f"void, {dec(inv.total)} {cur}"
            else:
                what = f"written off, {dec(inv.written_off_amount)} {cur}"
            print(f"  {inv.invoice_number}  {what}: {inv.correction.reason}")
        for note in inv.credit_notes:
            print(
                f"  {note.credit_note_number}  refund of {inv.invoice_number}, "
                f"{dec(note.amount)} {cur} {note.method}: {note.reason}"
            )
    trail = desk.verify_trail()
    print(f"  trail: {trail.entries} documents, {'intact' if trail.is_intact else 'BROKEN'}")

    print("\nOutstanding invoices")
    outstanding = desk.outstanding_invoices()
    owed = Decimal(0)
    for o in outstanding:
        owed += o.due
        flag = "  OVERDUE" if o.is_overdue else ""
        print(
            f"  {o.invoice.invoice_number}  {o.customer_human_id:<6} {o.customer_name:<16} "
            f"{dec(o.due):>8} {cur} due {o.invoice.due_date}{flag}"
        )
    print(f"  {len(outstanding)} invoices, {dec(owed)} {cur} owed")


def main() -> None:
    # The names are Arabic: write UTF-8 whatever the console's code page, and "\n" line ends,
    # as the Rust example does.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    if len(sys.argv) > 1:
        path = sys.argv[1]
    else:
        path = os.environ.get("BACKSPACE_EXAMPLE_DB", "front_desk.sqlite")
    with simulate(path) as desk:
        print_summary(desk, business_day(), path)


if __name__ == "__main__":
    main()
