//! The invariants live in the schema: raw SQL cannot break them, and the store maps the
//! violations to clear errors. Malformed rows are storage errors, never panics.

#![allow(clippy::unwrap_used)]

mod common;

use backspace_core::{EndSession, NewCustomer};
use std::time::Duration;

use backspace_core::{
    Customer, CustomerType, Error, ErrorKind, ResourceType, Session, Store, Uuid,
};
use backspace_sqlite::{SqliteOptions, SqliteStore, Synchronous};
use common::{TempDb, dec, desk, open, utc};
use rusqlite::{Connection, params};

fn raw(db: &TempDb) -> Connection {
    let conn = Connection::open(db.path()).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    conn
}

/// A file with two customers, two seats, a café item, and Mona's session on Seat 1 running.
fn busy_seat(db: &TempDb) -> (Uuid, Uuid, Uuid, Uuid) {
    let (bs, _) = desk(open(db));
    let mona = bs
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
        .unwrap();
    let ali = bs
        .register_customer(NewCustomer::new("Ali", "010 1234 5679"))
        .unwrap();
    let seat = bs
        .add_resource("Seat 1", ResourceType::Seat, dec("30"))
        .unwrap();
    bs.add_resource("Seat 2", ResourceType::Seat, dec("30"))
        .unwrap();
    bs.at(utc(2026, 11, 24, 9, 0, 0))
        .start_session(mona.id, seat.id)
        .unwrap();
    let tea = bs
        .add_inventory_item("Tea", backspace_core::Category::Beverage, dec("5"), 3, 1)
        .unwrap();
    (mona.id, ali.id, seat.id, tea.id)
}

const INSERT_SESSION: &str = "INSERT INTO sessions (id, customer_id, resource_id, started_at,
    rate_per_hour_piastres, is_active) VALUES (?1, ?2, ?3, '2026-11-24T10:00:00.000000Z', 3000, ?4)";

/// Removes the overlap trigger (R-SESS-7) so that the layer beneath it, the one-active
/// indexes, is tested on its own.
fn without_overlap_trigger(conn: &rusqlite::Connection) {
    conn.execute("DROP TRIGGER sessions_never_overlap", [])
        .unwrap();
}

#[test]
fn r_sess_7_raw_sql_cannot_insert_an_overlapping_session() {
    let db = TempDb::new("overlap");
    let (mona, ali, seat, _) = busy_seat(&db);
    let conn = raw(&db);
    let insert = |customer: Uuid, resource: &str, start: &str, end: Option<&str>| {
        conn.execute(
            "INSERT INTO sessions (id, customer_id, resource_id, started_at, ended_at,
                 rate_per_hour_piastres, is_active) VALUES (?1, ?2, ?3, ?4, ?5, 3000, 0)",
            params![
                Uuid::new_v4().to_string(),
                customer.to_string(),
                resource,
                start,
                end
            ],
        )
    };
    let seat2: String = conn
        .query_row("SELECT id FROM resources WHERE name = 'Seat 2'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let seat = seat.to_string();
    // The seat is busy from 2026-11-24 09:00 on: an ended session inside that time is refused,
    // and so is one of Mona's on another seat.
    for (who, wher) in [(ali, seat.as_str()), (mona, seat2.as_str())] {
        let err = insert(
            who,
            wher,
            "2026-11-24T11:00:00.000000Z",
            Some("2026-11-24T12:00:00.000000Z"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("sessions_overlap"), "{err}");
    }
    // Before it, back to back, is fine; overlapping that one is not.
    insert(
        ali,
        &seat,
        "2026-11-24T07:00:00.000000Z",
        Some("2026-11-24T08:00:00.000000Z"),
    )
    .unwrap();
    let err = insert(
        ali,
        &seat2,
        "2026-11-24T07:59:00.000000Z",
        Some("2026-11-24T08:30:00.000000Z"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("sessions_overlap"), "{err}");
    insert(
        ali,
        &seat2,
        "2026-11-24T08:00:00.000000Z",
        Some("2026-11-24T08:30:00.000000Z"),
    )
    .unwrap();
}

#[test]
fn raw_sql_cannot_start_a_second_active_session_on_a_resource() {
    let db = TempDb::new("two-active");
    let (_, ali, seat, _) = busy_seat(&db);
    let conn = raw(&db);
    without_overlap_trigger(&conn);
    let err = conn
        .execute(
            INSERT_SESSION,
            params![
                Uuid::new_v4().to_string(),
                ali.to_string(),
                seat.to_string(),
                1
            ],
        )
        .unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");
    // An ended session on the same resource is fine.
    conn.execute(
        INSERT_SESSION,
        params![
            Uuid::new_v4().to_string(),
            ali.to_string(),
            seat.to_string(),
            0
        ],
    )
    .unwrap();
}

#[test]
fn raw_sql_cannot_give_a_customer_two_active_sessions() {
    let db = TempDb::new("two-active-customer");
    let (mona, _, _, _) = busy_seat(&db);
    let conn = raw(&db);
    without_overlap_trigger(&conn);
    let seat2: String = conn
        .query_row("SELECT id FROM resources WHERE name = 'Seat 2'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let err = conn
        .execute(
            INSERT_SESSION,
            params![Uuid::new_v4().to_string(), mona.to_string(), seat2, 1],
        )
        .unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");
}

#[test]
fn raw_sql_cannot_break_stock_phone_enums_money_or_references() {
    let db = TempDb::new("raw-checks");
    let (_, _, _, tea) = busy_seat(&db);
    let conn = raw(&db);
    let refused = [
        format!("UPDATE inventory_items SET quantity = -1 WHERE id = '{tea}'"),
        "UPDATE customers SET phone = '+201012345678'".to_string(),
        "UPDATE customers SET customer_type = 'vip'".to_string(),
        "UPDATE resources SET rate_per_hour_piastres = -100".to_string(),
        "UPDATE resources SET resource_type = 'sofa'".to_string(),
        "UPDATE resources SET name = 'seat 1' WHERE name = 'Seat 2'".to_string(),
        format!(
            "INSERT INTO sessions (id, customer_id, resource_id, started_at, \
             rate_per_hour_piastres, is_active) VALUES ('{}', '{}', '{}', 'x', 0, 0)",
            Uuid::new_v4(),
            Uuid::new_v4(),
            Uuid::new_v4()
        ),
        "INSERT INTO counters (name, value) VALUES ('other', 1)".to_string(),
        "UPDATE customers SET balance_piastres = 'a lot'".to_string(),
    ];
    for sql in refused {
        assert!(conn.execute(&sql, []).is_err(), "accepted: {sql}");
    }
}

/// An invoice's sums by kind (schema version 3) add up to its amount: a writer that leaves
/// them out or changes one alone is refused, one that keeps them adding up is not.
#[test]
fn raw_sql_cannot_write_invoice_sums_by_kind_that_miss_the_amount() {
    let db = TempDb::new("raw-kind-sums");
    let (bs, _) = desk(open(&db));
    let mona = bs
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
        .unwrap();
    let seat = bs
        .add_resource("Seat 1", ResourceType::Seat, dec("30"))
        .unwrap();
    let s = bs
        .at(utc(2026, 11, 24, 9, 0, 0))
        .start_session(mona.id, seat.id)
        .unwrap();
    let inv = bs
        .at(utc(2026, 11, 24, 11, 0, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!(inv.amount, dec("60"));
    drop(bs);
    let conn = raw(&db);
    let insert = |sums: &str| {
        format!(
            "INSERT INTO invoices (id, invoice_number, customer_id, issued_at, issue_date, \
                 due_date, amount_piastres, discount_basis_points, discount_amount_piastres, \
                 total_piastres, paid_amount_piastres, status{}) \
             VALUES ('{}', 'INV-9999', '{}', '2026-11-24T12:00:00.000000Z', '2026-11-24', \
                 '2026-11-24', 500, 0, 0, 500, 0, 'unpaid'{})",
            if sums.is_empty() {
                ""
            } else {
                ", sessions_piastres, consumptions_piastres, subscriptions_piastres"
            },
            Uuid::new_v4(),
            mona.id,
            sums
        )
    };
    let id = inv.id;
    for sql in [
        insert(""),
        insert(", 400, 0, 0"),
        format!("UPDATE invoices SET sessions_piastres = 0 WHERE id = '{id}'"),
        format!("UPDATE invoices SET amount_piastres = 7000 WHERE id = '{id}'"),
        format!(
            "UPDATE invoices SET consumptions_piastres = -6000, sessions_piastres = 12000 WHERE id = '{id}'"
        ),
    ] {
        let err = conn.execute(&sql, []).unwrap_err();
        assert!(
            err.to_string().contains("sums by kind") || err.to_string().contains("CHECK"),
            "{sql}: {err}"
        );
    }
    conn.execute(&insert(", 300, 150, 50"), []).unwrap();
    conn.execute(
        &format!(
            "UPDATE invoices SET status = 'paid', paid_amount_piastres = 6000 WHERE id = '{id}'"
        ),
        [],
    )
    .unwrap();
}

#[test]
fn duplicate_phone_is_a_conflict_naming_the_owner() {
    let store = SqliteStore::in_memory().unwrap();
    let (bs, _) = desk(store);
    let mona = bs
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
        .unwrap();
    let copy = Customer {
        id: Uuid::new_v4(),
        human_id: "C-999".into(),
        ..mona.clone()
    };
    let err = bs
        .store()
        .write(|tx| tx.insert_customer(&copy))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert!(
        err.to_string()
            .contains("already belongs to customer C-001"),
        "{err}"
    );
    // Through the operations too.
    let err = bs
        .register_customer(NewCustomer::new("Other", "+201012345678"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
}

#[test]
fn second_active_session_through_the_store_is_a_conflict() {
    let db = TempDb::new("store-two-active");
    let (_, ali, seat, _) = busy_seat(&db);
    let store = open(&db);
    let session = Session {
        id: Uuid::new_v4(),
        customer_id: ali,
        resource_id: seat,
        started_at: utc(2026, 11, 24, 10, 0, 0),
        ended_at: None,
        rate_per_hour: dec("30"),
        is_active: true,
        duration_minutes: None,
        billed_minutes: None,
        amount: None,
        subscription_id: None,
        invoice_id: None,
        reservation_id: None,
    };
    let err = store.write(|tx| tx.insert_session(&session)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert!(err.to_string().contains("overlap"), "{err}");
}

#[test]
fn negative_stock_through_the_store_is_refused() {
    let db = TempDb::new("store-stock");
    let (_, _, _, tea) = busy_seat(&db);
    let store = open(&db);
    let err = store
        .write(|tx| {
            let mut item = tx.item(tea)?.unwrap();
            item.quantity = -1;
            tx.update_item(&item)
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage);
    assert!(err.to_string().contains("would go negative"), "{err}");
    assert_eq!(store.read(|tx| tx.item(tea)).unwrap().unwrap().quantity, 3);
}

#[test]
fn updating_or_deleting_a_missing_record_is_not_found() {
    let store = SqliteStore::in_memory().unwrap();
    let ghost = Customer {
        id: Uuid::new_v4(),
        human_id: "C-001".into(),
        name: "Ghost".into(),
        phone: "+201000000000".into(),
        email: None,
        customer_type: CustomerType::Visitor,
        balance: dec("0"),
        credit: dec("0"),
        notes: None,
        created_at: utc(2026, 1, 1, 0, 0, 0),
    };
    let err = store.write(|tx| tx.update_customer(&ghost)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let err = store
        .write(|tx| tx.delete_resource(Uuid::new_v4()))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let err = store
        .write(|tx| tx.delete_consumption(Uuid::new_v4()))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[test]
fn a_failed_write_rolls_everything_back() {
    let store = SqliteStore::in_memory().unwrap();
    let (bs, _) = desk(store);
    let err = bs
        .store()
        .write(|tx| {
            tx.next_number(backspace_core::Counter::Customer)?;
            Err::<(), _>(Error::InvalidState("changed my mind".into()))
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidState);
    let c = bs
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
        .unwrap();
    assert_eq!(c.human_id, "C-001");
}

#[test]
fn malformed_rows_are_storage_errors() {
    let db = TempDb::new("malformed");
    let (mona, _, _, _) = busy_seat(&db);
    let store = open(&db);
    let conn = raw(&db);
    for (sql, what) in [
        (
            "UPDATE customers SET created_at = 'last tuesday'",
            "created_at",
        ),
        (
            "UPDATE customers SET created_at = '2026-01-01T00:00:00.000000Z', id = 'not-a-uuid' \
             WHERE human_id = 'C-001'",
            "id",
        ),
    ] {
        conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
        conn.execute(sql, []).unwrap();
        let err = store.read(|tx| tx.customers()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Storage, "{err}");
        assert!(err.to_string().contains(what), "{err}");
    }
    let _ = mona;
    // Only a damaged or hand-edited file gets past the CHECKs.
    conn.execute_batch("PRAGMA ignore_check_constraints = ON")
        .unwrap();
    conn.execute("UPDATE resources SET is_available = 7", [])
        .unwrap();
    assert_eq!(
        store.read(|tx| tx.resources()).unwrap_err().kind(),
        ErrorKind::Storage
    );
    conn.execute(
        "INSERT OR REPLACE INTO settings (id, time_zone, unit_minutes, rounding, grace_minutes, \
         minimum_minutes, invoice_due_days, currency) \
         VALUES (1, 'Mars/Olympus', 1, 'up', 0, 0, 7, 'EGP')",
        [],
    )
    .unwrap();
    assert_eq!(
        store.read(|tx| tx.settings()).unwrap_err().kind(),
        ErrorKind::Storage
    );
}

#[test]
fn a_held_write_lock_makes_another_writer_busy() {
    let db = TempDb::new("busy");
    drop(open(&db));
    let options = SqliteOptions {
        synchronous: Synchronous::Full,
        busy_timeout: Duration::from_millis(100),
    };
    let first = SqliteStore::open_with(db.path(), options).unwrap();
    let second = SqliteStore::open_with(db.path(), options).unwrap();
    let inner = first
        .write(|tx| {
            tx.next_number(backspace_core::Counter::Invoice)?;
            // The write lock is held from BEGIN: another writer times out…
            let busy = second.write(|tx| tx.next_number(backspace_core::Counter::Invoice));
            // …while a reader still sees the last committed state.
            let seen = second.read(|tx| tx.customers())?;
            Ok((busy, seen))
        })
        .unwrap();
    let (busy, seen) = inner;
    let err = busy.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage);
    assert!(err.to_string().contains("database is busy"), "{err}");
    assert!(seen.is_empty());
    // Once the first commits, the second writer goes on from its number.
    assert_eq!(
        second
            .write(|tx| tx.next_number(backspace_core::Counter::Invoice))
            .unwrap(),
        2
    );
}
