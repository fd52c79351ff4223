//! A day at a 20-seat coworking space in Cairo, run on an SQLite file.
//!
//! `cargo run --example front_desk [-- PATH]` writes `front_desk.sqlite` (or PATH, or
//! `$BACKSPACE_EXAMPLE_DB`), starting from an empty file on every run, and prints the
//! end-of-day summary an owner reads: revenue by category, money by method,
//! utilization per resource, low stock and outstanding invoices.

use std::error::Error;
use std::str::FromStr;

use backspace::chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use backspace::prelude::*;
use backspace::{
    Category, Decimal, InventoryItem, Invoice, PaymentMethod, Plan, Resource, ResourceType,
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

/// Runs the whole day on a fresh SQLite file at `path` and returns the desk.
pub fn simulate(path: &str) -> Result<backspace::Desk, Box<dyn Error>> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
    let desk = backspace::open(path)?;
    desk.update_settings(SettingsUpdate {
        unit_minutes: Some(15),
        grace_minutes: Some(5),
        daily_cap: Some(Some(money("150"))),
        weekly_price: Some(Some(money("350"))),
        monthly_price: Some(Some(money("1200"))),
        ..SettingsUpdate::default()
    })?;

    // The floor: 16 open seats, 2 dedicated desks, 2 meeting rooms.
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

    // Sessions through the day: 24 people on seats and desks, staggered.
    let mut invoices: Vec<Invoice> = Vec::new();
    for (i, person) in people.iter().enumerate().take(24) {
        let seat = &seats[i % seats.len()];
        let start = cairo(9, 0) + Duration::minutes(20 * i as i64);
        let end = start + Duration::minutes(95 + 37 * (i as i64 % 7));
        let end = end.min(cairo(22, 30));
        // A seat is reused once its first session has ended.
        let start = if i >= seats.len() {
            let first = &invoices[i - seats.len()];
            start.max(first.issued_at + Duration::minutes(5))
        } else {
            start
        };
        let session = desk.at(start).start_session(person.id, seat.id)?;
        for k in 0..(i % 4) {
            let item = menu[(i + k) % menu.len()];
            desk.at(start + Duration::minutes(30 + 10 * k as i64))
                .add_consumption(session.id, item.id, 1 + (k as i64 % 2))?;
        }
        let desk = desk.at(end.max(start + Duration::minutes(40)));
        if i == 7 {
            // A discount agreed at the desk; the customer pays in full a minute later.
            let inv = desk.end_session(session.id, EndSession::with_discount(money("10")))?;
            desk.at(inv.issued_at + Duration::minutes(1))
                .record_payment(inv.id, NewPayment::cash(inv.total))?;
            invoices.push(inv);
        } else {
            // The cashier reads the bill, takes the money and closes it in one step.
            let due = desk.quote_session(session.id)?.amount;
            let payments = walk_in_payment(i, due);
            invoices.push(desk.checkout(session.id, Checkout::paying(payments))?);
        }
    }
    // Two meetings in the rooms.
    for (room, who, from, to) in [
        (&nile, 24, (11, 0), (13, 0)),
        (&delta, 25, (15, 30), (16, 45)),
    ] {
        let s = desk
            .at(cairo(from.0, from.1))
            .start_session(people[who].id, room.id)?;
        desk.at(cairo(from.0, from.1) + Duration::minutes(15))
            .add_consumption(s.id, coffee.id, 4)?;
        let desk = desk.at(cairo(to.0, to.1));
        let due = desk.quote_session(s.id)?.amount;
        let payments = walk_in_payment(invoices.len(), due);
        invoices.push(desk.checkout(s.id, Checkout::paying(payments))?);
    }
    // The regular with credit pays from it.
    for inv in desk.list_invoices(&backspace::InvoiceFilter {
        customer_id: Some(people[10].id),
        ..Default::default()
    })? {
        if inv.status != backspace::InvoiceStatus::Paid {
            desk.at(inv.issued_at + Duration::minutes(2))
                .record_payment(inv.id, NewPayment::new(inv.due(), PaymentMethod::Balance))?;
        }
    }

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

    Ok(desk)
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
    println!("  net             {:>10} {cur}\n", r.net);

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

    println!("Utilization");
    for u in desk.utilization(day, day)? {
        let pct = u.utilization * Decimal::ONE_HUNDRED;
        println!(
            "  {:<12} {:>5} min  {:>6}%",
            u.resource_name,
            u.occupied_minutes,
            pct.round_dp(1)
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
