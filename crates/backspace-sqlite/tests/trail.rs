//! The trail and closed days on a file (R-CORR-4, R-CORR-5): an edit made with raw SQL, as with
//! the `sqlite3` shell, is found and named; a day closed through one connection is closed for
//! every other connection that had the file open before.

#![allow(clippy::unwrap_used)]

mod common;

use backspace_core::{
    Backspace, EndSession, ErrorKind, NewCustomer, NewPayment, PaymentMethod, ResourceType,
    TrailKind,
};
use common::{TempDb, dec, open, utc};
use rusqlite::Connection;

/// Three invoices, a credit note, a void and a write-off, back-dated to 2026-11-20.
fn documents(db: &TempDb) {
    let desk = Backspace::new(open(db));
    let mona = desk
        .register_customer(NewCustomer::new("منى عادل", "010 1234 5678"))
        .unwrap();
    let seat = desk
        .add_resource("Seat 1", ResourceType::Seat, dec("30"))
        .unwrap();
    let mut invoices = Vec::new();
    for h in [8, 10, 12] {
        let s = desk
            .at(utc(2026, 11, 20, h, 0, 0))
            .start_session(mona.id, seat.id)
            .unwrap();
        invoices.push(
            desk.at(utc(2026, 11, 20, h + 1, 0, 0))
                .end_session(s.id, EndSession::default())
                .unwrap(),
        );
    }
    let at = desk.at(utc(2026, 11, 20, 15, 0, 0));
    at.record_payment(invoices[0].id, NewPayment::cash(dec("30")))
        .unwrap();
    at.refund(invoices[0].id, dec("10"), PaymentMethod::Cash, "noise")
        .unwrap();
    at.void_invoice(invoices[1].id, "wrong customer").unwrap();
    at.write_off(invoices[2].id, "left").unwrap();
    assert!(desk.verify_trail().unwrap().is_intact());
}

#[test]
fn r_corr_5_a_raw_sql_edit_of_an_invoice_names_that_invoice() {
    let db = TempDb::new("trail-edit");
    documents(&db);
    let conn = Connection::open(db.path()).unwrap();
    // Someone lowers INV-0002's total with the sqlite3 shell.
    conn.execute(
        "UPDATE invoices SET total_piastres = 2000 WHERE invoice_number = 'INV-0002'",
        [],
    )
    .unwrap();
    drop(conn);
    let desk = Backspace::new(open(&db));
    let report = desk.verify_trail().unwrap();
    let broken = report.first_broken.expect("the edit is found");
    assert_eq!(
        (broken.kind, broken.number.as_str()),
        (TrailKind::Invoice, "INV-0002")
    );
    assert!(broken.reason.contains("no longer match"), "{broken:?}");
}

#[test]
fn r_corr_5_edits_of_lines_customers_and_corrections_are_found_too() {
    for (edit, kind, number) in [
        (
            "UPDATE invoice_lines SET description = 'Room A' WHERE invoice_id = \
             (SELECT id FROM invoices WHERE invoice_number = 'INV-0003')",
            TrailKind::Invoice,
            "INV-0003",
        ),
        (
            "UPDATE invoices SET correction_reason = 'typo' WHERE invoice_number = 'INV-0002'",
            TrailKind::Void,
            "INV-0002",
        ),
        (
            "UPDATE invoices SET written_off_piastres = 1 WHERE invoice_number = 'INV-0003'",
            TrailKind::WriteOff,
            "INV-0003",
        ),
    ] {
        let db = TempDb::new("trail-edit-more");
        documents(&db);
        Connection::open(db.path())
            .unwrap()
            .execute(edit, [])
            .unwrap();
        let broken = Backspace::new(open(&db))
            .verify_trail()
            .unwrap()
            .first_broken
            .expect(edit);
        assert_eq!(
            (broken.kind, broken.number.as_str()),
            (kind, number),
            "{edit}"
        );
    }
}

#[test]
fn r_corr_5_credit_notes_and_the_trail_refuse_changes() {
    let db = TempDb::new("trail-immutable");
    documents(&db);
    let conn = Connection::open(db.path()).unwrap();
    for sql in [
        "UPDATE credit_notes SET amount_piastres = 1",
        "DELETE FROM credit_notes",
        "UPDATE trail SET footprint = 'x'",
        "DELETE FROM trail",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("never"), "{sql}: {err}");
    }
}

#[test]
fn r_corr_4_a_day_closed_by_one_desk_is_closed_for_a_desk_opened_before() {
    let db = TempDb::new("closed-across");
    documents(&db);
    let first = Backspace::new(open(&db));
    let second = Backspace::new(open(&db)); // open before the close, its own connection
    let mona = second.find_customer("C-001").unwrap();
    first
        .close_day(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
        .unwrap();
    let err = second
        .at(utc(2026, 11, 20, 16, 0, 0))
        .deposit(mona.id, dec("5"), PaymentMethod::Cash)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
    assert!(err.to_string().contains("2026-11-20"), "{err}");
    let z = second
        .z_report(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
        .unwrap();
    assert_eq!(
        (
            z.revenue.sessions,
            z.revenue.voids,
            z.revenue.refunds_cash,
            z.revenue.write_offs
        ),
        (dec("90.00"), dec("30.00"), dec("10.00"), dec("30.00"))
    );
}
