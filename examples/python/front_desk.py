"""A day at a 20-seat coworking space in Cairo, run on an SQLite file, through the Python API.

This is a faithful port of the Rust example ``examples/front_desk.rs``: the same settings,
resources, café items, customers, subscriptions, sessions and payments on the same day, and
the same end-of-day summary, byte for byte (``bindings/python/tests/test_same_day_as_rust.py``
checks it).

    python examples/python/front_desk.py [PATH]

writes ``front_desk.sqlite`` (or PATH, or ``$BACKSPACE_EXAMPLE_DB``), starting from an empty
file on every run, and prints the end-of-day summary an owner reads: revenue by category,
money by method, utilization per resource, low stock, corrections and who made them, the cash
drawer's shifts, and outstanding invoices.

The staff: Hany owns the space, Salma manages it, Omar runs the morning shift at the desk and
Nour the evening one; each signs in with a PIN and the audit log records who did what.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from decimal import ROUND_HALF_EVEN, Decimal
from uuid import UUID

from backspace import Backspace, PaymentMethod, Plan, Resource

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


#: The space as registered with the Tax Authority, for its e-receipts.
SELLER: dict[str, str | None] = {
    "rin": "100200300",
    "company_trade_name": "Backspace Nasr City",
    "branch_code": "0",
    "country": "EG",
    "governate": "Cairo",
    "region_city": "Nasr City",
    "street": "Abbas El Akkad",
    "building_number": "12",
    "device_serial_number": "BSP-DESK-1",
    "activity_code": "6820",
    "item_type": "EGS",
    "session_item_code": "EG-100200300-SEAT",
    "consumption_item_code": "EG-100200300-CAFE",
    "subscription_item_code": "EG-100200300-PLAN",
    "reservation_fee_item_code": "EG-100200300-FEE",
}


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
    """Runs the whole day on a fresh SQLite file at ``path`` and returns the owner's desk."""
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(f"{path}{suffix}")
        except FileNotFoundError:
            pass
    with Backspace.open(path) as unsigned:
        # The first operator is the owner; from then on every write is someone's (R-STAFF-2).
        hany = unsigned.add_operator("Hany", "owner", "1960", at=cairo(7, 30))
        owner = unsigned.sign_in(hany.id, "1960")
        try:
            _run_day(unsigned, owner)
        except BaseException:
            owner.close()
            raise
    return owner


@dataclass
class Shifts:
    """The two shifts at the desk and the bills waiting for their sessions to close."""

    morning: Backspace
    evening: Backspace
    handover: datetime
    handed_over: bool = False
    #: (closing instant, bill of the day, session), settled in closing order.
    bills: list[tuple[datetime, int, UUID]] = field(default_factory=list)

    def settle_until(self, until: datetime) -> None:
        """Settles every bill that closes by ``until``, handing the drawer over on the way."""
        self.bills.sort()
        while self.bills and self.bills[0][0] <= until:
            closing, bill, session = self.bills[0]
            self.hand_over_by(closing)
            settle(self.morning if closing < self.handover else self.evening, bill, session, closing)
            self.bills.pop(0)
        self.hand_over_by(until)

    def hand_over_by(self, at: datetime) -> None:
        """At 15:00 Omar counts his drawer 20.00 short, and Nour opens hers with 500.00."""
        if self.handed_over or at < self.handover:
            return
        self.handed_over = True
        shift = self.morning.current_shift()
        if shift is None:
            raise RuntimeError("Omar's shift")
        expected = self.morning.shift_report(shift.id).expected_cash
        self.morning.close_shift(expected - money("20"), at=self.handover)
        self.evening.open_shift(money("500"), at=self.handover)


def settle(cashier: Backspace, i: int, session: UUID, closing: datetime) -> None:
    """The cashier on duty settles the ``i``-th bill of the day when its session closes."""
    if i == 7:
        # A discount agreed at the desk; the customer pays in full a minute later.
        inv = cashier.end_session(session, at=closing, discount=money("10"))
        cashier.record_payment(inv.id, inv.total, "cash", at=inv.issued_at + minutes(1))
    else:
        # The cashier reads the bill, takes the money and closes it in one step.
        due = cashier.quote_session(session, at=closing).amount
        cashier.checkout(session, walk_in_payment(i, due), at=closing)


def _run_day(unsigned: Backspace, owner: Backspace) -> None:
    staff = []
    for name, role, pin in (("Salma", "manager", "2580"), ("Omar", "cashier", "1357"), ("Nour", "cashier", "2468")):
        member = owner.add_operator(name, role, pin, at=cairo(7, 30))  # type: ignore[arg-type]
        staff.append(unsigned.sign_in(member.id, pin))
    manager, morning, evening = staff
    # The cashier at the desk at an instant: Omar until 15:00, then Nour.
    handover = cairo(15, 0)

    def cashier(at: datetime) -> Backspace:
        return morning if at < handover else evening

    owner.update_settings(
        unit_minutes=15,
        grace_minutes=5,
        daily_cap=money("150"),
        weekly_price=money("350"),
        monthly_price=money("1200"),
        opening_hours="sun-thu 09:00-23:00; fri closed; sat 10:00-23:00",
        # Egypt's standard VAT, inside the prices the customers see.
        vat_percent=money("14"),
        seller=SELLER,
    )

    # The floor: 16 open seats, 2 dedicated desks, 2 meeting rooms, set up by the manager.
    desk = manager
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

    # Omar opens the drawer with a float of 500.00.
    morning.open_shift(money("500"), at=cairo(8, 45))
    desk = morning
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

    # The meeting rooms, booked ahead: a meeting that checks in, a booking nobody comes to and
    # one cancelled an hour before it starts.
    bookings = [
        desk.reserve(people[who].id, room.id, cairo(*start), cairo(*end), at=cairo(8, 50))
        for room, who, start, end in (
            (nile, 24, (11, 0), (13, 0)),
            (nile, 26, (17, 0), (18, 0)),
            (delta, 27, (19, 0), (20, 0)),
        )
    ]

    # Sessions through the day: 24 people on seats and desks, staggered, and two meetings in
    # the rooms, played in the order they happen. Whoever is at the desk starts a session; the
    # cashier on duty settles its bill when it closes.
    visits: list[tuple[datetime, int, UUID, UUID, list[tuple[UUID, int, datetime]], datetime, UUID | None]] = []
    closings: list[datetime] = []
    for i, person in enumerate(people[:24]):
        start = cairo(9, 0) + minutes(20 * i)
        end = start + minutes(95 + 37 * (i % 7))
        end = min(end, cairo(22, 30))
        # A seat is reused once its first session has ended.
        if i >= len(seats):
            start = max(start, closings[i - len(seats)] + minutes(5))
        closing = max(end, start + minutes(40))
        closings.append(closing)
        items = [
            (menu[(i + k) % len(menu)].id, 1 + (k % 2), start + minutes(30 + 10 * k)) for k in range(i % 4)
        ]
        visits.append((start, i, person.id, seats[i % len(seats)].id, items, closing, None))
    # The booked meeting checks in five minutes early; the other walks in.
    for bill, room, who, (from_h, from_m), (to_h, to_m), booking in (
        (24, nile, 24, (10, 55), (13, 0), bookings[0].id),
        (25, delta, 25, (15, 30), (16, 45), None),
    ):
        start = cairo(from_h, from_m)
        visits.append(
            (start, bill, people[who].id, room.id, [(coffee.id, 4, start + minutes(20))], cairo(to_h, to_m), booking)
        )
    visits.sort(key=lambda v: (v[0], v[1]))
    day = Shifts(morning, evening, handover)
    for start, bill, person_id, resource_id, items, closing, booking in visits:
        day.settle_until(start)
        desk = cashier(start)
        if booking is not None:
            session = desk.check_in(booking, at=start)
        else:
            session = desk.start_session(person_id, resource_id, at=start)
        for item_id, quantity, item_at in items:
            desk.add_consumption(session.id, item_id, quantity, at=item_at)
        day.bills.append((closing, bill, session.id))
    day.settle_until(cairo(17, 0))
    # Milk and sugar bought with cash from the drawer: a manager's pay-out.
    manager.pay_out(money("60"), "milk and sugar", at=cairo(17, 0))
    # Nobody came for the 17:00 booking: a no-show, invoiced in full.
    day.settle_until(cairo(17, 20))
    evening.expire_reservations(at=cairo(17, 20))
    # The 19:00 booking is cancelled at 18:00, too late to be free.
    day.settle_until(cairo(18, 0))
    evening.cancel_reservation(bookings[2].id, at=cairo(18, 0))
    day.settle_until(cairo(23, 59))
    # The regular with credit pays from it.
    for inv in evening.list_invoices(customer_id=people[10].id):
        if inv.status != "paid":
            paid_at = inv.issued_at + minutes(2)
            cashier(paid_at).record_payment(inv.id, inv.due, "balance", at=paid_at)
    desk = manager

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

    # Every invoice of the day gets its e-receipt, chained on the desk's device, for the app to
    # submit to the Tax Authority.
    for inv in owner.list_invoices():
        if inv.status != "void":
            owner.e_receipt(inv.id)

    # Nour counts her drawer at closing: it balances.
    shift = evening.current_shift()
    if shift is None:
        raise RuntimeError("Nour's shift")
    evening.close_shift(evening.shift_report(shift.id).expected_cash, at=cairo(23, 0))


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
    print(f"  booking fees    {dec(r.reservation_fees):>10} {cur}")
    print(f"  discounts       {'-' + dec(r.discounts):>10} {cur}")
    refunds = r.refunds_cash + r.refunds_card + r.refunds_transfer + r.refunds_to_balance
    print(f"  voids           {'-' + dec(r.voids):>10} {cur}")
    print(f"  refunds         {'-' + dec(refunds):>10} {cur}")
    print(f"  write-offs      {'-' + dec(r.write_offs):>10} {cur}")
    print(f"  net             {dec(r.net):>10} {cur}")
    print(f"  VAT invoiced    {dec(r.vat):>10} {cur}\n")

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

    print(f"Utilization (open {settings.opening_hours or 'around the clock'})")
    for u in desk.utilization(day, day):
        # rust_decimal's product with zero is a plain 0 (scale 0), printed "0" and not "0.0".
        pct = u.utilization * 100 if u.utilization else Decimal(0)
        pct_24h = u.utilization_24h * 100 if u.utilization_24h else Decimal(0)
        print(
            f"  {u.resource_name:<12} {u.occupied_minutes:>5} of {u.range_minutes} open min"
            f"  {dec(round_dp(pct, 1)):>6}%   ({dec(round_dp(pct_24h, 1))}% of 24 h)"
        )

    print("\nBookings")
    for b in desk.reservations(day, day):
        room_name = desk.get_resource(b.resource_id).name
        fee = f"  fee {dec(desk.get_invoice(b.fee_invoice_id).total)} {cur}" if b.fee_invoice_id else ""
        start_local = b.start.astimezone(CAIRO).strftime("%H:%M")
        end_local = b.end.astimezone(CAIRO).strftime("%H:%M")
        print(f"  {b.reservation_number}  {room_name:<10} {start_local}–{end_local}  {b.status:<10}{fee}")

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

    # The owner's questions: who voided that invoice, and does the cash add up?
    staff = {o.id: f"{o.name} ({o.role})" for o in desk.list_operators()}

    def who(operator_id: UUID | None) -> str:
        return staff.get(operator_id, "no one") if operator_id is not None else "no one"

    def local(t: datetime) -> str:
        return t.astimezone(CAIRO).strftime("%H:%M")

    log = desk.audit_log(day, day)
    print(f"\nWho did it (audit log, {len(log)} entries)")
    for e in log:
        if e.operation in ("void_invoice", "refund", "write_off"):
            invoice = desk.get_invoice(e.ids[0])
            what = f"{e.operation:<12} {invoice.invoice_number}"
        elif e.operation == "pay_out":
            what = f"{e.operation:<12} cash"
        else:
            continue
        print(f"  {local(e.at)}  {what:<22} by {who(e.operator_id)}")

    print("\nCash drawer")
    for e in log:
        if e.operation != "close_shift":
            continue
        report = desk.shift_report(e.ids[0])
        counted = report.counted_cash or Decimal("0")
        over_short = report.over_short or Decimal("0")
        if over_short < 0:
            verdict = f"short {dec(-over_short)}"
        elif over_short == 0:
            verdict = "balanced"
        else:
            verdict = f"over {dec(over_short)}"
        closed = local(report.shift.closed_at) if report.shift.closed_at else ""
        print(
            f"  {report.shift.drawer} {report.opened_by_name or '':<5} {local(report.shift.opened_at)}–{closed}"
            f"  float {dec(report.shift.opening_float):>7}  expected {dec(report.expected_cash):>8}"
            f"  counted {dec(counted):>8}  {verdict}"
        )

    pending = desk.pending_e_receipts()
    last = pending[-1].uuid[:12] if pending else "-"
    print(
        f"\nE-receipts: {len(pending)} waiting for submission, device "
        f"{settings.seller.device_serial_number or '-'}, last {last}…"
    )

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
