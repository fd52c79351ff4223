//! Opening files: fresh files get the current schema version (2), version-1 files are
//! upgraded, newer files are refused, reopening is idempotent, foreign files are refused
//! (R-DB-2).

#![allow(clippy::unwrap_used)]

mod common;

use backspace_core::{ErrorKind, Store};
use backspace_sqlite::{APPLICATION_ID, SCHEMA_VERSION, SqliteOptions, SqliteStore, Synchronous};
use common::{TempDb, open};
use rusqlite::Connection;

fn raw(db: &TempDb) -> Connection {
    Connection::open(db.path()).unwrap()
}

fn user_version(conn: &Connection) -> i64 {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn fresh_file_has_version_2_wal_and_every_table() {
    let db = TempDb::new("fresh");
    drop(open(&db));
    let conn = raw(&db);
    assert_eq!(SCHEMA_VERSION, 2);
    assert_eq!(user_version(&conn), 2);
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app, APPLICATION_ID);
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(
        tables(&conn),
        [
            "consumptions",
            "counters",
            "customers",
            "inventory_items",
            "invoice_lines",
            "invoices",
            "ledger_entries",
            "payments",
            "resources",
            "sessions",
            "settings",
            "stock_movements",
            "subscriptions",
        ]
    );
}

#[test]
fn report_indexes_exist() {
    let db = TempDb::new("indexes");
    drop(open(&db));
    let conn = raw(&db);
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for wanted in [
        "invoices_by_issue_date",
        "payments_by_paid_at",
        "ledger_entries_by_at",
        "ledger_entries_by_customer",
        "sessions_by_started_at",
        "sessions_by_resource",
        "consumptions_by_session",
        "stock_movements_by_item",
        "sessions_one_active_per_resource",
        "sessions_one_active_per_customer",
        "sessions_by_length",
        "ledger_deposits_by_at",
    ] {
        assert!(names.iter().any(|n| n == wanted), "missing index {wanted}");
    }
}

#[test]
fn a_version_1_file_is_upgraded_in_place() {
    let db = TempDb::new("upgrade");
    let (bs, _) = common::desk(open(&db));
    let mona = bs
        .register_customer("Mona", "010 1234 5678", None, None, None)
        .unwrap();
    drop(bs);
    // Back to what version 1 left: no version-2 indexes, user_version 1.
    raw(&db)
        .execute_batch(
            "DROP INDEX sessions_by_length; DROP INDEX ledger_deposits_by_at; \
             PRAGMA user_version = 1;",
        )
        .unwrap();
    let store = open(&db);
    assert_eq!(user_version(&raw(&db)), 2);
    let indexes: i64 = raw(&db)
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' \
             AND name IN ('sessions_by_length', 'ledger_deposits_by_at')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexes, 2);
    assert_eq!(store.read(|tx| tx.customer(mona.id)).unwrap(), Some(mona));
}

#[test]
fn newer_schema_version_is_a_clear_storage_error() {
    let db = TempDb::new("newer");
    drop(open(&db));
    raw(&db).pragma_update(None, "user_version", 99).unwrap();
    let err = SqliteStore::open(db.path()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage);
    let msg = err.to_string();
    assert!(
        msg.contains("database schema version 99 is newer than this Backspace supports (2)"),
        "{msg}"
    );
    assert!(msg.contains("upgrade Backspace"), "{msg}");
    // Nothing was changed by the refused open.
    assert_eq!(user_version(&raw(&db)), 99);
}

#[test]
fn opening_twice_is_idempotent() {
    let db = TempDb::new("twice");
    let (bs, _) = common::desk(open(&db));
    let mona = bs
        .register_customer("Mona", "010 1234 5678", None, None, None)
        .unwrap();
    drop(bs);
    let first = open(&db);
    let second = open(&db); // two connections at once, both migrated
    assert_eq!(user_version(&raw(&db)), SCHEMA_VERSION);
    let again = first.read(|tx| tx.customer(mona.id)).unwrap();
    assert_eq!(again, Some(mona.clone()));
    assert_eq!(second.read(|tx| tx.customers()).unwrap(), vec![mona]);
}

#[test]
fn options_are_applied() {
    let db = TempDb::new("options");
    let store = SqliteStore::open_with(
        db.path(),
        SqliteOptions {
            synchronous: Synchronous::Normal,
            busy_timeout: std::time::Duration::from_millis(250),
        },
    )
    .unwrap();
    store.read(|tx| tx.settings()).unwrap();
    assert_eq!(SqliteOptions::default().synchronous, Synchronous::Full);
    assert_eq!(
        SqliteOptions::default().busy_timeout,
        std::time::Duration::from_secs(5)
    );
}

#[test]
fn a_foreign_database_is_refused() {
    let db = TempDb::new("foreign");
    raw(&db)
        .execute_batch("CREATE TABLE notes (body TEXT)")
        .unwrap();
    let err = SqliteStore::open(db.path()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage);
    assert!(
        err.to_string().contains("not a Backspace database"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_a_storage_error() {
    let db = TempDb::new("garbage");
    std::fs::write(db.path(), vec![b'x'; 4096]).unwrap();
    let err = SqliteStore::open(db.path()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage);
}

#[test]
fn in_memory_store_is_migrated() {
    let store = SqliteStore::in_memory().unwrap();
    assert_eq!(
        store.read(|tx| tx.settings()).unwrap(),
        backspace_core::Settings::default()
    );
}
