//! The floor does the same work as Backspace: its cycles leave a desk whose every invariant
//! holds and whose invoices read back like Backspace's own, and its reports give the same
//! numbers as Backspace's.

use backspace::{InvoiceStatus, LineKind, PaymentMethod};
use backspace_bench::cycle::{BackspaceRunner, Fixture, FloorRunner, backspace_cycle};
use backspace_bench::data::remove_db;
use backspace_bench::floor::{self, FloorDesk};
use backspace_bench::generator::{GenConfig, TZ, generate, invoices_with_wrong_kind_sums};
use backspace_core::testkit::invariants::check_invariants;

/// An amount Backspace returned, in piastres.
fn to_piastres(amount: backspace::Decimal) -> i64 {
    backspace_core::money::to_piastres(amount).expect("an amount in 64-bit piastres")
}

fn history(name: &str, sessions: u64) -> (std::path::PathBuf, GenConfig) {
    let path = std::env::temp_dir().join(format!(
        "backspace-floor-{name}-{}.sqlite",
        std::process::id()
    ));
    let cfg = GenConfig::new(sessions, 5);
    generate(&path, &cfg).expect("generate");
    (path, cfg)
}

#[test]
fn floor_cycles_write_what_backspace_writes() {
    let (path, _) = history("cycle", 1_500);
    let desk = backspace::open(&path).expect("open");
    let fixture = Fixture::from_desk(&desk, 30).expect("fixture");
    let mut bs = BackspaceRunner {
        desk: &desk,
        fixture: &fixture,
        k: 0,
    };
    let mut fl = FloorRunner::new(FloorDesk::open(&path, "NORMAL").expect("floor"), &fixture);
    for _ in 0..5 {
        bs.run(3).expect("backspace cycles");
        fl.run(3).expect("floor cycles");
    }
    // The same customer, seat and items through each: the invoices match line for line.
    let (c, r, items) = fixture.pick(7);
    backspace_cycle(&desk, c, r, items).expect("backspace");
    let ours = desk
        .list_invoices(&backspace::InvoiceFilter::default())
        .expect("invoices")
        .into_iter()
        .max_by_key(|i| (i.invoice_number.len(), i.invoice_number.clone()))
        .expect("an invoice");
    let mut floor_desk = FloorDesk::open(&path, "FULL").expect("floor");
    let text = |u: backspace::Uuid| u.hyphenated().to_string();
    let started = chrono::Utc::now();
    let session = floor_desk
        .start(&text(c), &text(r), started)
        .expect("start");
    floor_desk
        .consume(&session, &text(items[0]))
        .expect("consume");
    floor_desk
        .consume(&session, &text(items[1]))
        .expect("consume");
    let (invoice_id, total) = floor_desk.end(&session).expect("end");
    floor_desk.pay(&invoice_id, total).expect("pay");
    let theirs = desk
        .get_invoice(invoice_id.parse().expect("uuid"))
        .expect("the floor's invoice reads back");
    assert_eq!(theirs.status, InvoiceStatus::Paid);
    assert_eq!(theirs.payments.len(), 1);
    assert_eq!(theirs.payments[0].method, PaymentMethod::Cash);
    assert_eq!(to_piastres(theirs.total), total);
    let shape = |i: &backspace::Invoice| -> Vec<(LineKind, String, i64)> {
        i.line_items
            .iter()
            .map(|l| (l.kind, l.description.clone(), l.quantity))
            .collect()
    };
    // Same kinds, descriptions and consumption quantities; the session line's minutes may
    // differ by one when the two sessions straddle a second.
    assert_eq!(shape(&ours).len(), 3);
    assert_eq!(shape(&ours)[1..], shape(&theirs)[1..]);
    assert_eq!(shape(&ours)[0].1, shape(&theirs)[0].1);
    assert_eq!(ours.line_items[1..], theirs.line_items[1..]);
    let session = desk
        .get_session(theirs.session_id.expect("session"))
        .expect("session");
    assert!(!session.is_active && session.invoice_id == Some(theirs.id));
    // Both wrote each invoice's sums by kind from its lines.
    let wrong = invoices_with_wrong_kind_sums(floor_desk.conn()).expect("sums by kind");
    assert_eq!(wrong, 0);
    drop(floor_desk);
    drop(fl);
    check_invariants(&desk);
    drop(desk);
    remove_db(&path);
}

#[test]
fn floor_reports_give_backspace_s_numbers() {
    let (path, cfg) = history("reports", 3_000);
    let desk = backspace::open(&path).expect("open");
    let conn = floor::open(&path, "FULL").expect("floor");
    let (from, to) = cfg.report_month();
    let now = chrono::Utc::now();

    let ours = desk.revenue(from, to).expect("revenue");
    let theirs = floor::revenue(&conn, from, to, TZ).expect("floor revenue");
    assert_eq!(ours.len(), theirs.len());
    for (o, (day, sums)) in ours.iter().zip(&theirs) {
        assert_eq!(o.date.to_string(), *day);
        let mine = [
            o.sessions,
            o.consumptions,
            o.subscriptions,
            o.discounts,
            o.cash,
            o.card,
            o.transfer,
            o.credit_applied,
        ]
        .map(to_piastres);
        assert_eq!(mine, *sums, "{day}");
    }
    assert!(theirs.iter().any(|(_, s)| s[1] > 0 && s[4] > 0));

    let ours = desk.utilization(from, to).expect("utilization");
    let theirs = floor::utilization(&conn, from, to, TZ, now).expect("floor utilization");
    assert_eq!(ours.len(), theirs.len());
    for (o, (id, name, seconds)) in ours.iter().zip(&theirs) {
        assert_eq!(
            (o.resource_id.to_string(), &o.resource_name),
            (id.clone(), name)
        );
        assert_eq!(o.occupied_minutes, seconds / 60);
    }
    assert!(ours.iter().any(|u| u.occupied_minutes > 0));

    let ours = desk.outstanding_invoices().expect("outstanding");
    let theirs = floor::outstanding(&conn).expect("floor outstanding");
    assert!(!ours.is_empty());
    assert_eq!(ours.len(), theirs.len());
    for (o, t) in ours.iter().zip(&theirs) {
        assert_eq!(o.invoice.invoice_number, t.number);
        assert_eq!(o.customer_human_id, t.human_id);
        assert_eq!(o.customer_name, t.name);
        assert_eq!(to_piastres(o.due), t.due);
        assert_eq!(
            o.invoice.line_items.len(),
            t.lines.matches("],[").count() + 1
        );
    }

    let ours = desk.top_customers(from, to, 10).expect("top");
    let theirs = floor::top_customers(&conn, from, to, 10).expect("floor top");
    assert_eq!(ours.len(), 10);
    let ours: Vec<_> = ours
        .iter()
        .map(|t| (t.human_id.clone(), to_piastres(t.invoiced), t.invoice_count))
        .collect();
    let theirs: Vec<_> = theirs.iter().map(|t| (t.1.clone(), t.3, t.4)).collect();
    assert_eq!(ours, theirs);
    drop(desk);
    remove_db(&path);
}
