//! A day at a 20-seat coworking space in Cairo, run on an SQLite file.
//!
//! `cargo run --example front_desk [-- PATH]` writes `front_desk.sqlite` (or PATH, or
//! `$BACKSPACE_EXAMPLE_DB`), starting from an empty file on every run, and prints the
//! end-of-day summary an owner reads: revenue by category, money by method,
//! utilization per resource, low stock, corrections and who made them, the cash drawer's
//! shifts, and outstanding invoices.
//!
//! The staff: Hany owns the space, Salma manages it, Omar runs the morning shift at the desk
//! and Nour the evening one; each signs in with a PIN and the audit log records who did what.

use std::error::Error;
use std::str::FromStr;

use backspace::chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use backspace::prelude::*;
use backspace::{
    Category, Decimal, InventoryItem, NewReservation, PaymentMethod, Plan, Resource, ResourceType,
    SettingsUpdate,
};

/// The simulated business date.
const DAY: (i32, u32, u32) = (2026, 11, 23);

fn money(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

/// An instant on the simulated day, given in Cairo local time (UTC+2 in November).
fn cairo(h: u32, m: u32) -> DateTime<Utc> {
    let (y, mo, d) = DAY;
    backspace::chrono_tz::Africa::Cairo
        .with_ymd_and_hms(y, mo, d, h, m, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

const CUSTOMERS: &[(&str, &str)] = &[
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
];

#[allow(dead_code)] // the example's test runs `simulate` without `main`
fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("BACKSPACE_EXAMPLE_DB").ok())
        .unwrap_or_else(|| "front_desk.sqlite".to_string());
    let desk = simulate(&path)?;
    print_summary(&desk, business_day(), &path)
}

/// The simulated business date.
pub fn business_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(DAY.0, DAY.1, DAY.2).unwrap_or_default()
}

/// Runs the whole day on a fresh SQLite file at `path` and returns the owner's desk.
pub fn simulate(path: &str) -> Result<backspace::Desk, Box<dyn Error>> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
    let unsigned = backspace::open(path)?;
    // The first operator is the owner; from then on every write is someone's (R-STAFF-2).
    let hany =
        unsigned
            .at(cairo(7, 30))
            .add_operator(NewOperator::new("Hany", Role::Owner, "1960"))?;
    let owner = unsigned.sign_in(hany.id, "1960")?;
    let mut staff = Vec::new();
    for (name, role, pin) in [
        ("Salma", Role::Manager, "2580"),
        ("Omar", Role::Cashier, "1357"),
        ("Nour", Role::Cashier, "2468"),
    ] {
        let who = owner
            .at(cairo(7, 30))
            .add_operator(NewOperator::new(name, role, pin))?;
        staff.push(unsigned.sign_in(who.id, pin)?);
    }
    let [manager, morning, evening] =
        <[backspace::Desk; 3]>::try_from(staff).map_err(|_| "three members of staff")?;
    // The cashier at the desk at an instant: Omar until 15:00, then Nour.
    let handover = cairo(15, 0);
    let cashier = |at: DateTime<Utc>| if at < handover { &morning } else { &evening };

    owner.update_settings(SettingsUpdate {
        unit_minutes: Some(15),
        grace_minutes: Some(5),
        daily_cap: Some(Some(money("150"))),
        weekly_price: Some(Some(money("350"))),
        monthly_price: Some(Some(money("1200"))),
        opening_hours: Some(Some(
            "sun-thu 09:00-23:00; fri closed; sat 10:00-23:00".into(),
        )),
        // Egypt's standard VAT, inside the prices the customers see.
        vat_percent: Some(money("14")),
        seller: Some(seller()),
        ..SettingsUpdate::default()
    })?;

    // The floor: 16 open seats, 2 dedicated desks, 2 meeting rooms, set up by the manager.
    let desk = &manager;
    let at = Some(cairo(8, 0));
    let mut seats: Vec<Resource> = Vec::new();
    for i in 1..=16 {
        seats.push(desk.at(at).add_resource(
            &format!("Seat {i:02}"),
            ResourceType::Seat,
            money("25"),
        )?);
    }
    for i in 1..=2 {
        seats.push(desk.at(at).add_resource(
            &format!("Desk {i}"),
            ResourceType::Desk,
            money("40"),
        )?);
    }
    let nile = desk
        .at(at)
        .add_resource("Room Nile", ResourceType::Room, money("150"))?;
    let delta = desk
        .at(at)
        .add_resource("Room Delta", ResourceType::Room, money("120"))?;

    let tea = desk
        .at(at)
        .add_inventory_item("Tea", Category::Beverage, money("15"), 60, 10)?;
    let coffee =
        desk.at(at)
            .add_inventory_item("Turkish coffee", Category::Beverage, money("25"), 24, 8)?;
    let latte = desk
        .at(at)
        .add_inventory_item("Latte", Category::Beverage, money("45"), 30, 5)?;
    let croissant =
        desk.at(at)
            .add_inventory_item("Croissant", Category::Snack, money("35"), 12, 4)?;
    let sandwich =
        desk.at(at)
            .add_inventory_item("Halloumi sandwich", Category::Meal, money("70"), 10, 3)?;
    let menu: [&InventoryItem; 5] = [&tea, &coffee, &latte, &croissant, &sandwich];

    // Omar opens the drawer with a float of 500.00.
    morning
        .at(cairo(8, 45))
        .open_shift(OpenShift::new(money("500")))?;
    let desk = &morning;
    let mut people = Vec::new();
    for (name, phone) in CUSTOMERS {
        people.push(
            desk.at(cairo(8, 30))
                .register_customer(NewCustomer::new(*name, *phone))?,
        );
    }

    // Subscribers: four weekly, two monthly; one monthly pays half now.
    for (i, person) in people.iter().enumerate().take(6) {
        let plan = if i < 4 { Plan::Weekly } else { Plan::Monthly };
        let sub = desk
            .at(cairo(9, 0))
            .subscribe(NewSubscription::new(person.id, plan))?;
        let price = desk.get_invoice(sub.invoice_id)?.total;
        let paid = if i == 5 { price / Decimal::TWO } else { price };
        let method = if i % 2 == 0 {
            PaymentMethod::Card
        } else {
            PaymentMethod::Cash
        };
        desk.at(cairo(9, 1))
            .record_payment(sub.invoice_id, NewPayment::new(paid, method))?;
    }
    // A regular leaves credit for the week.
    desk.at(cairo(9, 5))
        .deposit(people[10].id, money("500"), PaymentMethod::Transfer)?;

    // The meeting rooms, booked ahead: a meeting that checks in, a booking nobody comes to and
    // one cancelled an hour before it starts.
    let mut bookings = Vec::new();
    for (room, who, from, to) in [
        (&nile, 24, (11, 0), (13, 0)),
        (&nile, 26, (17, 0), (18, 0)),
        (&delta, 27, (19, 0), (20, 0)),
    ] {
        bookings.push(desk.at(cairo(8, 50)).reserve(NewReservation::new(
            people[who].id,
            room.id,
            cairo(from.0, from.1),
            cairo(to.0, to.1),
        ))?);
    }

    // Sessions through the day: 24 people on seats and desks, staggered, and two meetings in
    // the rooms, played in the order they happen. Whoever is at the desk starts a session; the
    // cashier on duty settles its bill when it closes.
    let mut visits = Vec::new();
    let mut closings = Vec::new();
    for (i, person) in people.iter().enumerate().take(24) {
        let start = cairo(9, 0) + Duration::minutes(20 * i as i64);
        let end = start + Duration::minutes(95 + 37 * (i as i64 % 7));
        let end = end.min(cairo(22, 30));
        // A seat is reused once its first session has ended.
        let start = if i >= seats.len() {
            start.max(closings[i - seats.len()] + Duration::minutes(5))
        } else {
            start
        };
        let closing = end.max(start + Duration::minutes(40));
        closings.push(closing);
        let items: Vec<_> = (0..(i % 4))
            .map(|k| {
                let item = menu[(i + k) % menu.len()];
                let at = start + Duration::minutes(30 + 10 * k as i64);
                (item.id, 1 + (k as i64 % 2), at)
            })
            .collect();
        visits.push((
            start,
            i,
            person.id,
            seats[i % seats.len()].id,
            items,
            closing,
            None,
        ));
    }
    // The booked meeting checks in five minutes early; the other walks in.
    for (bill, room, who, from, to, booking) in [
        (24, &nile, 24, (10, 55), (13, 0), Some(bookings[0].id)),
        (25, &delta, 25, (15, 30), (16, 45), None),
    ] {
        let start = cairo(from.0, from.1);
        let items = vec![(coffee.id, 4, start + Duration::minutes(20))];
        visits.push((
            start,
            bill,
            people[who].id,
            room.id,
            items,
            cairo(to.0, to.1),
            booking,
        ));
    }
    visits.sort_by_key(|v| (v.0, v.1));
    let mut day = Shifts {
        morning: &morning,
        evening: &evening,
        handover,
        handed_over: false,
        bills: Vec::new(),
    };
    for (start, bill, person, resource, items, closing, booking) in visits {
        day.settle_until(start)?;
        let desk = cashier(start).at(start);
        let session = match booking {
            Some(reservation) => desk.check_in(reservation)?,
            None => desk.start_session(person, resource)?,
        };
        for (item, quantity, at) in items {
            desk.at(at).add_consumption(session.id, item, quantity)?;
        }
        day.bills.push((closing, bill, session.id));
    }
    day.settle_until(cairo(17, 0))?;
    // Milk and sugar bought with cash from the drawer: a manager's pay-out.
    manager
        .at(cairo(17, 0))
        .pay_out(money("60"), "milk and sugar")?;
    // Nobody came for the 17:00 booking: a no-show, invoiced in full.
    day.settle_until(cairo(17, 20))?;
    evening.at(cairo(17, 20)).expire_reservations()?;
    // The 19:00 booking is cancelled at 18:00, too late to be free.
    day.settle_until(cairo(18, 0))?;
    evening
        .at(cairo(18, 0))
        .cancel_reservation(bookings[2].id)?;
    day.settle_until(cairo(23, 59))?;
    // The regular with credit pays from it.
    for inv in evening.list_invoices(&backspace::InvoiceFilter {
        customer_id: Some(people[10].id),
        ..Default::default()
    })? {
        if inv.status != backspace::InvoiceStatus::Paid {
            let at = inv.issued_at + Duration::minutes(2);
            cashier(at)
                .at(at)
                .record_payment(inv.id, NewPayment::new(inv.due(), PaymentMethod::Balance))?;
        }
    }
    let desk = &manager;

    // Corrections at closing time, each a new document that points at the invoice it corrects:
    // a session entered under the wrong customer is voided (nothing was paid on it), a customer
    // who found the coffee cold gets 10.00 back in cash, and the half-paid rest of a student's
    // invoice is written off.
    let invoices = desk.list_invoices(&backspace::InvoiceFilter::default())?;
    let unpaid = invoices
        .iter()
        .find(|i| i.paid_amount.is_zero() && !i.total.is_zero())
        .ok_or("an unpaid invoice")?;
    desk.at(cairo(22, 45))
        .void_invoice(unpaid.id, "entered under the wrong customer")?;
    let paid = invoices
        .iter()
        .find(|i| {
            i.status == backspace::InvoiceStatus::Paid
                && i.payments.iter().all(|p| p.method == PaymentMethod::Cash)
                && i.line_items
                    .iter()
                    .any(|l| l.description == "Turkish coffee")
        })
        .ok_or("a paid invoice")?;
    desk.at(cairo(22, 50)).refund(
        paid.id,
        money("10"),
        PaymentMethod::Cash,
        "the coffee was cold",
    )?;
    let half_paid = invoices
        .iter()
        .find(|i| i.status == backspace::InvoiceStatus::Pending && i.session_id.is_some())
        .ok_or("a half-paid invoice")?;
    desk.at(cairo(22, 55))
        .write_off(half_paid.id, "student rate agreed by the manager")?;

    // Every invoice of the day gets its e-receipt, chained on the desk's device, for the app to
    // submit to the Tax Authority.
    for inv in owner.list_invoices(&backspace::InvoiceFilter::default())? {
        if inv.status != backspace::InvoiceStatus::Void {
            owner.e_receipt(inv.id)?;
        }
    }

    // Nour counts her drawer at closing: it balances.
    let shift = evening.current_shift()?.ok_or("Nour's shift")?;
    let expected = evening.shift_report(shift.id)?.expected_cash;
    evening
        .at(cairo(23, 0))
        .close_shift(CloseShift::counted(expected))?;
    Ok(owner)
}

/// The two shifts at the desk and the bills waiting for their sessions to close.
struct Shifts<'a> {
    morning: &'a backspace::Desk,
    evening: &'a backspace::Desk,
    handover: DateTime<Utc>,
    handed_over: bool,
    /// (closing instant, bill of the day, session), settled in closing order.
    bills: Vec<(DateTime<Utc>, usize, backspace::Uuid)>,
}

impl Shifts<'_> {
    /// Settles every bill that closes by `until`, handing the drawer over on the way.
    fn settle_until(&mut self, until: DateTime<Utc>) -> Result<(), Box<dyn Error>> {
        self.bills.sort();
        while let Some(&(closing, bill, session)) = self.bills.first() {
            if closing > until {
                break;
            }
            self.hand_over_by(closing)?;
            let cashier = if closing < self.handover {
                self.morning
            } else {
                self.evening
            };
            settle(cashier, bill, session, closing)?;
            self.bills.remove(0);
        }
        self.hand_over_by(until)
    }

    /// At 15:00 Omar counts his drawer 20.00 short, and Nour opens hers with 500.00.
    fn hand_over_by(&mut self, at: DateTime<Utc>) -> Result<(), Box<dyn Error>> {
        if self.handed_over || at < self.handover {
            return Ok(());
        }
        self.handed_over = true;
        let shift = self.morning.current_shift()?.ok_or("Omar's shift")?;
        let expected = self.morning.shift_report(shift.id)?.expected_cash;
        self.morning
            .at(self.handover)
            .close_shift(CloseShift::counted(expected - money("20")))?;
        self.evening
            .at(self.handover)
            .open_shift(OpenShift::new(money("500")))?;
        Ok(())
    }
}

/// The cashier on duty settles the `i`-th bill of the day when its session closes.
fn settle(
    cashier: &backspace::Desk,
    i: usize,
    session: backspace::Uuid,
    closing: DateTime<Utc>,
) -> Result<(), Box<dyn Error>> {
    let desk = cashier.at(closing);
    if i == 7 {
        // A discount agreed at the desk; the customer pays in full a minute later.
        let inv = desk.end_session(session, EndSession::with_discount(money("10")))?;
        desk.at(inv.issued_at + Duration::minutes(1))
            .record_payment(inv.id, NewPayment::cash(inv.total))?;
    } else {
        // The cashier reads the bill, takes the money and closes it in one step.
        let due = desk.quote_session(session)?.amount;
        desk.checkout(session, Checkout::paying(walk_in_payment(i, due)))?;
    }
    Ok(())
}

/// The space as registered with the Tax Authority, for its e-receipts.
fn seller() -> backspace::SellerSettings {
    let s = |v: &str| Some(v.to_string());
    backspace::SellerSettings {
        rin: s("100200300"),
        company_trade_name: s("Backspace Nasr City"),
        branch_code: s("0"),
        country: s("EG"),
        governate: s("Cairo"),
        region_city: s("Nasr City"),
        street: s("Abbas El Akkad"),
        building_number: s("12"),
        device_serial_number: s("BSP-DESK-1"),
        activity_code: s("6820"),
        item_type: s("EGS"),
        session_item_code: s("EG-100200300-SEAT"),
        consumption_item_code: s("EG-100200300-CAFE"),
        subscription_item_code: s("EG-100200300-PLAN"),
        reservation_fee_item_code: s("EG-100200300-FEE"),
    }
}

/// How the `i`-th visitor of the day pays a bill of `due`: most in full, some partly, a few
/// leave it on account (nothing to pay on a bill of zero).
fn walk_in_payment(i: usize, due: Decimal) -> Option<NewPayment> {
    if due.is_zero() {
        return None;
    }
    match i % 6 {
        0..=2 => Some(NewPayment::cash(due)),
        3 => Some(NewPayment::card(due).note("POS")),
        4 => Some(NewPayment::cash((due / Decimal::TWO).round_dp(2))),
        _ => None,
    }
}

#[allow(dead_code)]
fn print_summary(desk: &backspace::Desk, day: NaiveDate, path: &str) -> Result<(), Box<dyn Error>> {
    let settings = desk.settings()?;
    let cur = &settings.currency;
    println!(
        "Backspace — end of day {day} ({})",
        settings.time_zone.name()
    );
    println!("file: {path}\n");

    let r = desk.revenue(day, day)?.pop().ok_or("no revenue row")?;
    println!("Revenue by category");
    println!("  sessions        {:>10} {cur}", r.sessions);
    println!("  café            {:>10} {cur}", r.consumptions);
    println!("  subscriptions   {:>10} {cur}", r.subscriptions);
    println!("  booking fees    {:>10} {cur}", r.reservation_fees);
    println!(
        "  discounts       {:>10} {cur}",
        format!("-{}", r.discounts)
    );
    let refunds = r.refunds_cash + r.refunds_card + r.refunds_transfer + r.refunds_to_balance;
    println!("  voids           {:>10} {cur}", format!("-{}", r.voids));
    println!("  refunds         {:>10} {cur}", format!("-{refunds}"));
    println!(
        "  write-offs      {:>10} {cur}",
        format!("-{}", r.write_offs)
    );
    println!("  net             {:>10} {cur}", r.net);
    println!("  VAT invoiced    {:>10} {cur}\n", r.vat);

    println!("Money collected");
    println!("  cash            {:>10} {cur}", r.cash);
    println!("  card            {:>10} {cur}", r.card);
    println!("  transfer        {:>10} {cur}", r.transfer);
    println!("  total received  {:>10} {cur}", r.received);
    println!(
        "  paid back       {:>10} {cur}  (refunds in money)",
        format!("-{}", r.refunds_cash + r.refunds_card + r.refunds_transfer)
    );
    println!(
        "  credit applied  {:>10} {cur}  (from deposits, not new money)\n",
        r.credit_applied
    );

    println!(
        "Utilization (open {})",
        settings
            .opening_hours
            .map(|h| h.to_string())
            .unwrap_or_else(|| "around the clock".to_string())
    );
    for u in desk.utilization(day, day)? {
        let pct = (u.utilization * Decimal::ONE_HUNDRED).round_dp(1);
        let pct_24h = (u.utilization_24h * Decimal::ONE_HUNDRED).round_dp(1);
        println!(
            "  {:<12} {:>5} of {} open min  {:>6}%   ({pct_24h}% of 24 h)",
            u.resource_name, u.occupied_minutes, u.range_minutes, pct
        );
    }

    println!("\nBookings");
    for b in desk.reservations(day, day, None)? {
        let room = desk.get_resource(b.resource_id)?.name;
        let fee = match b.fee_invoice_id {
            Some(id) => format!("  fee {} {cur}", desk.get_invoice(id)?.total),
            None => String::new(),
        };
        let local = |t: DateTime<Utc>| {
            t.with_timezone(&backspace::chrono_tz::Africa::Cairo)
                .format("%H:%M")
                .to_string()
        };
        println!(
            "  {}  {:<10} {}–{}  {:<10}{fee}",
            b.reservation_number,
            room,
            local(b.start),
            local(b.end),
            b.status.as_str()
        );
    }

    println!("\nLow stock");
    for item in desk.low_stock()? {
        println!(
            "  {:<18} {:>3} left (minimum {})",
            item.name, item.quantity, item.min_stock
        );
    }

    println!("\nCorrections");
    let filter = backspace::InvoiceFilter {
        from: Some(day),
        to: Some(day),
        ..Default::default()
    };
    for inv in desk.list_invoices(&filter)? {
        if let Some(c) = &inv.correction {
            let what = if inv.status == backspace::InvoiceStatus::Void {
                format!("void, {} {cur}", inv.total)
            } else {
                format!("written off, {} {cur}", inv.written_off_amount)
            };
            println!("  {}  {what}: {}", inv.invoice_number, c.reason);
        }
        for note in &inv.credit_notes {
            println!(
                "  {}  refund of {}, {} {cur} {}: {}",
                note.credit_note_number, inv.invoice_number, note.amount, note.method, note.reason
            );
        }
    }
    let trail = desk.verify_trail()?;
    println!(
        "  trail: {} documents, {}",
        trail.entries,
        if trail.is_intact() {
            "intact"
        } else {
            "BROKEN"
        }
    );

    // The owner's questions: who voided that invoice, and does the cash add up?
    let staff: std::collections::HashMap<backspace::Uuid, String> = desk
        .list_operators()?
        .into_iter()
        .map(|o| (o.id, format!("{} ({})", o.name, o.role)))
        .collect();
    let who = |id: Option<backspace::Uuid>| {
        id.and_then(|id| staff.get(&id).cloned())
            .unwrap_or_else(|| "no one".to_string())
    };
    let local = |t: DateTime<Utc>| {
        t.with_timezone(&backspace::chrono_tz::Africa::Cairo)
            .format("%H:%M")
            .to_string()
    };
    let log = desk.audit_log(day, day, None)?;
    println!("\nWho did it (audit log, {} entries)", log.len());
    for e in &log {
        let what = match e.operation.as_str() {
            "void_invoice" | "refund" | "write_off" => {
                let invoice = desk.get_invoice(*e.ids.first().ok_or("an invoice")?)?;
                format!("{:<12} {}", e.operation, invoice.invoice_number)
            }
            "pay_out" => format!("{:<12} cash", e.operation),
            _ => continue,
        };
        println!("  {}  {what:<22} by {}", local(e.at), who(e.operator_id));
    }

    println!("\nCash drawer");
    for e in log.iter().filter(|e| e.operation == "close_shift") {
        let r = desk.shift_report(*e.ids.first().ok_or("a shift")?)?;
        let counted = r.counted_cash.unwrap_or_default();
        let over_short = r.over_short.unwrap_or_default();
        let verdict = if over_short.is_sign_negative() && !over_short.is_zero() {
            format!("short {}", -over_short)
        } else if over_short.is_zero() {
            "balanced".to_string()
        } else {
            format!("over {over_short}")
        };
        println!(
            "  {} {:<5} {}–{}  float {:>7}  expected {:>8}  counted {:>8}  {verdict}",
            r.shift.drawer,
            r.opened_by_name.unwrap_or_default(),
            local(r.shift.opened_at),
            r.shift.closed_at.map(local).unwrap_or_default(),
            r.shift.opening_float,
            r.expected_cash,
            counted,
        );
    }

    let pending = desk.pending_e_receipts()?;
    println!(
        "\nE-receipts: {} waiting for submission, device {}, last {}…",
        pending.len(),
        settings
            .seller
            .device_serial_number
            .as_deref()
            .unwrap_or("-"),
        pending.last().map(|r| &r.uuid[..12]).unwrap_or("-")
    );

    println!("\nOutstanding invoices");
    let outstanding = desk.outstanding_invoices()?;
    let mut owed = Decimal::ZERO;
    for o in &outstanding {
        owed += o.due;
        let flag = if o.is_overdue { "  OVERDUE" } else { "" };
        println!(
            "  {}  {:<6} {:<16} {:>8} {cur} due {}{flag}",
            o.invoice.invoice_number,
            o.customer_human_id,
            o.customer_name,
            o.due,
            o.invoice.due_date
        );
    }
    println!("  {} invoices, {owed} {cur} owed", outstanding.len());
    Ok(())
}
