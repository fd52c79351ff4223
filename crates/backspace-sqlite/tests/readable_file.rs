//! R-DB-4: the file is plain to read with the `sqlite3` shell and other tools.

mod common;

use backspace_core::{Backspace, PaymentMethod, ResourceType};
use backspace_core::{EndSession, NewCustomer, NewPayment};
use common::{TempDb, dec, open};
use rusqlite::Connection;

#[test]
fn r_db_4_plain_tables_iso_instants_and_integer_piastres() {
    let db = TempDb::new("readable");
    let desk = Backspace::new(open(&db));
    let mona = desk
        .register_customer(NewCustomer::new("منى عادل", "010 1234 5678"))
        .expect("customer");
    let seat = desk
        .add_resource("Seat 1", ResourceType::Seat, dec("37.5"))
        .expect("seat");
    let start = desk.now() - chrono::Duration::minutes(90);
    let s = desk
        .at(start)
        .start_session(mona.id, seat.id)
        .expect("start");
    let inv = desk.end_session(s.id, EndSession::default()).expect("end");
    desk.record_payment(inv.id, NewPayment::new(dec("10"), PaymentMethod::Cash))
        .expect("pay");
    drop(desk);

    let conn = Connection::open(db.path()).expect("raw open");
    let (name, phone, human_id, created_at): (String, String, String, String) = conn
        .query_row(
            "SELECT name, phone, human_id, created_at FROM customers",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("customer row");
    assert_eq!(
        (name.as_str(), phone.as_str(), human_id.as_str()),
        ("منى عادل", "+201012345678", "C-001")
    );
    // ISO-8601 UTC text with a fixed microsecond precision, so text order is time order.
    assert_eq!(
        created_at.len(),
        "2026-11-24T09:15:00.000000Z".len(),
        "{created_at}"
    );
    assert!(
        created_at.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(&created_at).is_ok(),
        "{created_at}"
    );
    let rate: i64 = conn
        .query_row("SELECT rate_per_hour_piastres FROM resources", [], |r| {
            r.get(0)
        })
        .expect("rate");
    assert_eq!(rate, 3750);
    let (number, issue_date, total, paid, status): (String, String, i64, i64, String) = conn
        .query_row(
            "SELECT invoice_number, issue_date, total_piastres, paid_amount_piastres, status FROM invoices",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .expect("invoice row");
    assert_eq!(
        (number.as_str(), total, paid, status.as_str()),
        ("INV-0001", 5625, 1000, "pending")
    );
    assert!(
        chrono::NaiveDate::parse_from_str(&issue_date, "%Y-%m-%d").is_ok(),
        "{issue_date}"
    );
    let kinds: Vec<String> = conn
        .prepare("SELECT kind FROM invoice_lines ORDER BY position")
        .expect("lines")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("kinds");
    assert_eq!(kinds, ["session"]);
}
