//! Staff on a file (R-STAFF-1, R-STAFF-2, R-STAFF-4, R-SHIFT-3): PINs appear nowhere in the
//! database or its WAL, a lock set through one connection holds for another, the audit log and
//! closed shifts refuse raw SQL edits, and an audit entry edited anyway is found.

#![allow(clippy::unwrap_used)]

mod common;

use backspace_core::{
    Backspace, CloseShift, ErrorKind, NewCustomer, NewOperator, OpenShift, OperatorUpdate,
    PaymentMethod, Role, Store, TrailKind,
};
use common::{TempDb, dec, open};
use rusqlite::Connection;

const OWNER_PIN: &str = "739150284613";
const NEW_PIN: &str = "864209175320";

/// An owner and a cashier who registered a customer and took cash in a shift.
fn staffed(db: &TempDb) -> Backspace<backspace_sqlite::SqliteStore> {
    let desk = Backspace::new(open(db));
    let hany = desk
        .add_operator(NewOperator::new("Hany", Role::Owner, OWNER_PIN))
        .unwrap();
    let owner = desk.sign_in(hany.id, OWNER_PIN).unwrap();
    let omar = owner
        .add_operator(NewOperator::new("Omar", Role::Cashier, "4815162342"))
        .unwrap();
    owner
        .update_operator(
            hany.id,
            OperatorUpdate {
                pin: Some(NEW_PIN.into()),
                ..Default::default()
            },
        )
        .unwrap();
    let cashier = desk.sign_in(omar.id, "4815162342").unwrap();
    let mona = cashier
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
        .unwrap();
    cashier.open_shift(OpenShift::new(dec("100"))).unwrap();
    cashier
        .deposit(mona.id, dec("50"), PaymentMethod::Cash)
        .unwrap();
    owner
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn r_staff_1_no_pin_is_in_the_database_or_its_wal() {
    let db = TempDb::new("pins");
    let desk = staffed(&db);
    let files: Vec<Vec<u8>> = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::read(format!("{}{s}", db.path().display())).ok())
        .collect();
    assert!(!files.is_empty() && files.iter().map(Vec::len).sum::<usize>() > 4096);
    for pin in [OWNER_PIN, NEW_PIN, "4815162342"] {
        for needle in [pin.as_bytes().to_vec(), utf16(pin, false), utf16(pin, true)] {
            for bytes in &files {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_slice()),
                    "a PIN's digits are in the file"
                );
            }
        }
    }
    drop(desk);
}

#[test]
fn r_staff_2_a_lock_set_through_one_connection_holds_for_another() {
    let db = TempDb::new("lock");
    drop(staffed(&db));
    let first = Backspace::new(open(&db));
    let second = Backspace::new(open(&db));
    let omar = first.store().read(|tx| tx.operators()).unwrap()[1]
        .operator
        .id;
    for _ in 0..5 {
        assert_eq!(
            first.sign_in(omar, "0000").unwrap_err().kind(),
            ErrorKind::Forbidden
        );
    }
    let err = second.sign_in(omar, "4815162342").unwrap_err();
    assert!(err.to_string().contains("locked until"), "{err}");
}

#[test]
fn r_staff_4_audit_entries_and_closed_shifts_refuse_raw_sql_edits() {
    let db = TempDb::new("immutable");
    let owner = staffed(&db);
    owner.close_shift(CloseShift::counted(dec("150"))).unwrap();
    let conn = Connection::open(db.path()).unwrap();
    for sql in [
        "UPDATE audit_log SET operation = 'nothing' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 1",
        "UPDATE shifts SET counted_piastres = 20000",
        "DELETE FROM shifts",
        "UPDATE drawer_entries SET amount_piastres = 1",
        "DELETE FROM drawer_entries",
        "DELETE FROM operators",
        "INSERT INTO drawer_entries (id, shift_id, kind, method, amount_piastres, reference, at)
         SELECT 'x', id, 'pay_in', 'cash', 100, 'late', opened_at FROM shifts",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(
            err.contains("never") || err.contains("closed"),
            "{sql}: {err}"
        );
    }
}

#[test]
fn r_staff_4_an_audit_entry_edited_anyway_is_found() {
    let db = TempDb::new("audit-edit");
    let owner = staffed(&db);
    assert!(owner.verify_trail().unwrap().is_intact());
    let conn = Connection::open(db.path()).unwrap();
    // Someone with the sqlite3 shell drops the trigger and blames the deposit on no one.
    conn.execute_batch(
        "DROP TRIGGER audit_log_never_changes;
         UPDATE audit_log SET operator_id = NULL WHERE operation = 'deposit';",
    )
    .unwrap();
    let report = owner.verify_trail().unwrap();
    let broken = report.first_broken.expect("the edit is found");
    let seq: i64 = conn
        .query_row(
            "SELECT seq FROM audit_log WHERE operation = 'deposit'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        (broken.kind, broken.seq, broken.number),
        (TrailKind::Audit, seq as u64, format!("audit #{seq}"))
    );
}
