//! Opening files: fresh files get the current schema version (4), files of versions 1 to 3
//! are upgraded in place (version 3's sums by kind summed from the lines already there,
//! version 4's overlap guard added over sessions that may overlap),
//! newer files are refused, reopening is idempotent, foreign files are refused (R-DB-2).

#![allow(clippy::unwrap_used)]

mod common;

use backspace_core::NewCustomer;
use backspace_core::{ErrorKind, Store};
use backspace_sqlite::{APPLICATION_ID, SCHEMA_VERSION, SqliteOptions, SqliteStore, Synchronous};
use common::{TempDb, invoices_with_wrong_kind_sums, open};
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
fn fresh_file_has_version_8_wal_and_every_table() {
    let db = TempDb::new("fresh");
    drop(open(&db));
    let conn = raw(&db);
    assert_eq!(SCHEMA_VERSION, 8);
    assert_eq!(user_version(&conn), 8);
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
            "audit_log",
            "consumptions",
            "counters",
            "credit_notes",
            "customers",
            "drawer_entries",
            "e_receipts",
            "inventory_items",
            "invoice_lines",
            "invoices",
            "ledger_entries",
            "operators",
            "payments",
            "reservations",
            "resources",
            "sessions",
            "settings",
            "shifts",
            "stock_movements",
            "subscriptions",
            "trail",
            "z_reports",
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
        "payments_by_method_and_paid_at",
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

/// Takes a current file back to what version 7 left: no VAT, seller data or e-receipts.
const BACK_TO_VERSION_7: &str = "
    DROP TABLE e_receipts;
    ALTER TABLE settings DROP COLUMN vat_hundredths;
    ALTER TABLE settings DROP COLUMN prices_include_vat;
    ALTER TABLE settings DROP COLUMN seller;
    ALTER TABLE invoices DROP COLUMN vat_rate_hundredths;
    ALTER TABLE invoices DROP COLUMN prices_include_vat;
    ALTER TABLE invoices DROP COLUMN vat_piastres;
    ALTER TABLE z_reports DROP COLUMN vat_piastres;
    ALTER TABLE z_reports DROP COLUMN vat_on_top_piastres;
    PRAGMA user_version = 7;";

/// Takes a current file back to what version 6 left: no reservations, opening hours or
/// reservation fees.
const BACK_TO_VERSION_6: &str = "
    DROP TABLE reservations;
    ALTER TABLE sessions DROP COLUMN reservation_id;
    DROP TRIGGER invoices_kind_sums_on_insert;
    DROP TRIGGER invoices_kind_sums_on_update;
    CREATE TRIGGER invoices_kind_sums_on_insert BEFORE INSERT ON invoices
    WHEN NEW.sessions_piastres + NEW.consumptions_piastres + NEW.subscriptions_piastres
        <> NEW.amount_piastres
    BEGIN
        SELECT RAISE(ABORT, 'invoice sums by kind do not add up to its amount');
    END;
    CREATE TRIGGER invoices_kind_sums_on_update
    BEFORE UPDATE OF amount_piastres, sessions_piastres, consumptions_piastres,
        subscriptions_piastres ON invoices
    WHEN NEW.sessions_piastres + NEW.consumptions_piastres + NEW.subscriptions_piastres
        <> NEW.amount_piastres
    BEGIN
        SELECT RAISE(ABORT, 'invoice sums by kind do not add up to its amount');
    END;
    DROP INDEX invoices_by_issue_date;
    CREATE INDEX invoices_by_issue_date ON invoices (issue_date, customer_id, total_piastres,
        sessions_piastres, consumptions_piastres, subscriptions_piastres, discount_amount_piastres,
        correction);
    ALTER TABLE invoices DROP COLUMN reservation_fees_piastres;
    CREATE TABLE invoice_lines_v6 (
        invoice_id TEXT NOT NULL REFERENCES invoices (id),
        position INTEGER NOT NULL CHECK (position >= 0),
        kind TEXT NOT NULL CHECK (kind IN ('session', 'consumption', 'subscription')),
        description TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity >= 0),
        unit_price_piastres INTEGER NOT NULL CHECK (unit_price_piastres >= 0),
        amount_piastres INTEGER NOT NULL CHECK (amount_piastres >= 0),
        PRIMARY KEY (invoice_id, position)
    ) STRICT;
    INSERT INTO invoice_lines_v6 SELECT * FROM invoice_lines;
    DROP TABLE invoice_lines;
    ALTER TABLE invoice_lines_v6 RENAME TO invoice_lines;
    ALTER TABLE z_reports DROP COLUMN reservation_fees_piastres;
    CREATE TABLE counters_v6 (
        name TEXT PRIMARY KEY NOT NULL CHECK (name IN ('customer', 'invoice', 'credit_note')),
        value INTEGER NOT NULL CHECK (value >= 0)
    ) STRICT;
    INSERT INTO counters_v6 SELECT name, value FROM counters WHERE name <> 'reservation';
    DROP TABLE counters;
    ALTER TABLE counters_v6 RENAME TO counters;
    ALTER TABLE settings DROP COLUMN opening_hours;
    ALTER TABLE settings DROP COLUMN buffer_minutes;
    ALTER TABLE settings DROP COLUMN max_booking_days;
    ALTER TABLE settings DROP COLUMN cancel_notice_hours;
    ALTER TABLE settings DROP COLUMN late_cancel_hundredths;
    ALTER TABLE settings DROP COLUMN no_show_minutes;
    ALTER TABLE settings DROP COLUMN no_show_hundredths;
    PRAGMA user_version = 6;";

/// Takes a current file back to what version 5 left: no operators, audit log, shifts or
/// drawer entries, and no staff settings.
const BACK_TO_VERSION_5: &str = "
    DROP TABLE drawer_entries;
    DROP TABLE shifts;
    DROP TABLE audit_log;
    DROP TABLE operators;
    ALTER TABLE settings DROP COLUMN max_cashier_discount_hundredths;
    ALTER TABLE settings DROP COLUMN require_shift;
    PRAGMA user_version = 5;";

/// Takes a current file back to what version 4 left: no credit notes, trail or Z reports, no
/// correction columns on invoices, the earlier counters and ledger kinds.
const BACK_TO_VERSION_4: &str = "
    DROP TABLE credit_notes;
    DROP TABLE trail;
    DROP TABLE z_reports;
    DROP INDEX invoices_corrected;
    DROP INDEX invoices_unpaid;
    CREATE INDEX invoices_unpaid ON invoices (due_date, invoice_number) WHERE status <> 'paid';
    DROP INDEX invoices_by_issue_date;
    CREATE INDEX invoices_by_issue_date ON invoices (issue_date, customer_id, total_piastres,
        sessions_piastres, consumptions_piastres, subscriptions_piastres, discount_amount_piastres);
    ALTER TABLE invoices DROP COLUMN refunded_piastres;
    ALTER TABLE invoices DROP COLUMN written_off_piastres;
    ALTER TABLE invoices DROP COLUMN correction;
    ALTER TABLE invoices DROP COLUMN corrected_at;
    ALTER TABLE invoices DROP COLUMN correction_date;
    ALTER TABLE invoices DROP COLUMN correction_reason;
    ALTER TABLE invoices DROP COLUMN correction_footprint;
    ALTER TABLE invoices DROP COLUMN footprint;
    CREATE TABLE counters_v4 (
        name TEXT PRIMARY KEY NOT NULL CHECK (name IN ('customer', 'invoice')),
        value INTEGER NOT NULL CHECK (value >= 0)
    ) STRICT;
    INSERT INTO counters_v4 SELECT name, value FROM counters WHERE name <> 'credit_note';
    DROP TABLE counters;
    ALTER TABLE counters_v4 RENAME TO counters;
    CREATE TABLE ledger_v4 (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        customer_id TEXT NOT NULL REFERENCES customers (id),
        kind TEXT NOT NULL CHECK (kind IN ('invoice', 'payment', 'deposit', 'discount')),
        amount_piastres INTEGER NOT NULL,
        reference TEXT NOT NULL,
        at TEXT NOT NULL
    ) STRICT;
    INSERT INTO ledger_v4 SELECT * FROM ledger_entries;
    DROP TABLE ledger_entries;
    ALTER TABLE ledger_v4 RENAME TO ledger_entries;
    CREATE INDEX ledger_entries_by_at ON ledger_entries (at);
    CREATE INDEX ledger_entries_by_customer ON ledger_entries (customer_id, at);
    CREATE INDEX ledger_deposits_by_at ON ledger_entries (at) WHERE kind = 'deposit';
    PRAGMA user_version = 4;";

/// Takes a version-4 file back to what version 3 left: no overlap trigger, sessions of a customer
/// indexed by customer alone.
const BACK_TO_VERSION_3: &str = "
    DROP TRIGGER sessions_never_overlap;
    DROP INDEX sessions_by_customer;
    CREATE INDEX sessions_by_customer ON sessions (customer_id);
    PRAGMA user_version = 3;";

/// Takes a version-3 file back to what version 2 left, rows and all: no sums by kind on the
/// invoices, no triggers guarding them, the version-2 indexes of issue dates and payments.
const BACK_TO_VERSION_2: &str = "
    DROP TRIGGER invoices_kind_sums_on_insert;
    DROP TRIGGER invoices_kind_sums_on_update;
    DROP INDEX invoices_by_issue_date;
    DROP INDEX payments_by_method_and_paid_at;
    ALTER TABLE invoices DROP COLUMN sessions_piastres;
    ALTER TABLE invoices DROP COLUMN consumptions_piastres;
    ALTER TABLE invoices DROP COLUMN subscriptions_piastres;
    CREATE INDEX invoices_by_issue_date ON invoices (issue_date);
    CREATE INDEX payments_by_paid_at ON payments (paid_at);
    PRAGMA user_version = 2;";

/// Every table, index and trigger of a file with its SQL.
fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_version_1_file_is_upgraded_in_place() {
    let db = TempDb::new("upgrade");
    let (bs, _) = common::desk(open(&db));
    let mona = bs
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
        .unwrap();
    drop(bs);
    // Back to what version 1 left: no version-2 indexes, user_version 1.
    raw(&db)
        .execute_batch(&format!(
            "{BACK_TO_VERSION_7}{BACK_TO_VERSION_6}{BACK_TO_VERSION_5}{BACK_TO_VERSION_4}{BACK_TO_VERSION_3}{BACK_TO_VERSION_2}"
        ))
        .unwrap();
    raw(&db)
        .execute_batch(
            "DROP INDEX sessions_by_length; DROP INDEX ledger_deposits_by_at; \
             PRAGMA user_version = 1;",
        )
        .unwrap();
    let store = open(&db);
    assert_eq!(user_version(&raw(&db)), SCHEMA_VERSION);
    let indexes: i64 = raw(&db)
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' \
             AND name IN ('sessions_by_length', 'ledger_deposits_by_at', \
                 'invoices_by_issue_date', 'payments_by_method_and_paid_at')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexes, 4);
    assert_eq!(store.read(|tx| tx.customer(mona.id)).unwrap(), Some(mona));
}

/// A version-2 file with invoices of every kind of line gets each invoice's sums by kind from
/// its lines, and reports as it did before the upgrade.
#[test]
fn a_version_2_file_is_upgraded_in_place_with_its_sums_by_kind() {
    let db = TempDb::new("upgrade-2");
    let (bs, _) = common::desk(open(&db));
    common::populate(&bs);
    let (from, to) = (
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    );
    let revenue = bs.revenue(from, to).unwrap();
    let before = common::everything(bs.store());
    drop(bs);
    let fresh = TempDb::new("upgrade-2-fresh");
    drop(open(&fresh));

    raw(&db)
        .execute_batch(&format!(
            "{BACK_TO_VERSION_7}{BACK_TO_VERSION_6}{BACK_TO_VERSION_5}{BACK_TO_VERSION_4}{BACK_TO_VERSION_3}{BACK_TO_VERSION_2}"
        ))
        .unwrap();
    let kinds: i64 = raw(&db)
        .query_row(
            "SELECT count(DISTINCT kind) FROM invoice_lines WHERE amount_piastres > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kinds, 3, "lines of every kind to sum");

    let (bs, _) = common::desk(open(&db));
    let conn = raw(&db);
    assert_eq!(user_version(&conn), SCHEMA_VERSION);
    assert_eq!(invoices_with_wrong_kind_sums(&conn), 0);
    let summed: i64 = conn
        .query_row(
            "SELECT count(*) FROM invoices WHERE sessions_piastres > 0 \
             OR consumptions_piastres > 0 OR subscriptions_piastres > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(summed > 0);
    // The same tables, indexes and triggers as a new file, up to the text of `invoices`,
    // where the dropped and re-added columns leave other spaces.
    let squeeze = |s: Vec<(String, String, Option<String>)>| -> Vec<_> {
        s.into_iter()
            .map(|(t, n, sql)| (t, n, sql.map(|q| q.split_whitespace().collect::<String>())))
            .collect()
    };
    assert_eq!(squeeze(schema(&conn)), squeeze(schema(&raw(&fresh))));
    // Every record as it was, but for footprints: documents written before version 5 have none.
    let mut before = before;
    for i in &mut before.invoices {
        i.footprint.clear();
    }
    assert_eq!(common::everything(bs.store()), before);
    assert_eq!(bs.revenue(from, to).unwrap(), revenue);
    assert!(revenue.iter().any(|r| r.subscriptions > common::dec("0")));
    assert!(revenue.iter().any(|r| r.consumptions > common::dec("0")));
}

/// What the store writes keeps each invoice's sums by kind equal to its lines'.
#[test]
fn written_invoices_carry_their_lines_sums_by_kind() {
    let db = TempDb::new("kind-sums");
    let (bs, _) = common::desk(open(&db));
    common::populate(&bs);
    let conn = raw(&db);
    assert_eq!(invoices_with_wrong_kind_sums(&conn), 0);
    let (invoices, with_two_kinds): (i64, i64) = conn
        .query_row(
            "SELECT count(*), sum((sessions_piastres > 0) + (consumptions_piastres > 0) \
                 + (subscriptions_piastres > 0) >= 2) FROM invoices",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(
        invoices >= 4 && with_two_kinds >= 1,
        "{invoices} {with_two_kinds}"
    );
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
        msg.contains("database schema version 99 is newer than this Backspace supports (8)"),
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
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
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

/// A file written before R-SESS-7 may hold overlapping sessions: it still opens and upgrades,
/// the overlaps are listed (never rewritten), and new sessions are checked from then on.
#[test]
fn r_sess_7_a_version_3_file_with_overlapping_sessions_opens_and_lists_them() {
    let db = TempDb::new("overlaps-v3");
    let (bs, _) = common::desk(open(&db));
    let mona = bs
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
        .unwrap();
    let ali = bs
        .register_customer(NewCustomer::new("Ali", "010 1234 5679"))
        .unwrap();
    let seat = bs
        .add_resource(
            "Seat 1",
            backspace_core::ResourceType::Seat,
            "30".parse().unwrap(),
        )
        .unwrap();
    drop(bs);
    raw(&db)
        .execute_batch(&format!(
            "{BACK_TO_VERSION_7}{BACK_TO_VERSION_6}{BACK_TO_VERSION_5}{BACK_TO_VERSION_4}{BACK_TO_VERSION_3}"
        ))
        .unwrap();
    // What 0.1 let two desks write: Mona and Ali on one seat at once.
    let mut ids = Vec::new();
    for (who, start, end) in [
        (
            mona.id,
            "2026-11-24T08:00:00.000000Z",
            "2026-11-24T12:00:00.000000Z",
        ),
        (
            ali.id,
            "2026-11-24T10:00:00.000000Z",
            "2026-11-24T11:00:00.000000Z",
        ),
    ] {
        let id = backspace_core::new_id();
        raw(&db)
            .execute(
                "INSERT INTO sessions (id, customer_id, resource_id, started_at, ended_at,
                     rate_per_hour_piastres, is_active) VALUES (?1, ?2, ?3, ?4, ?5, 3000, 0)",
                rusqlite::params![
                    id.to_string(),
                    who.to_string(),
                    seat.id.to_string(),
                    start,
                    end
                ],
            )
            .unwrap();
        ids.push(id);
    }
    let (bs, _) = common::desk(open(&db));
    assert_eq!(user_version(&raw(&db)), SCHEMA_VERSION);
    assert_eq!(
        bs.session_overlaps().unwrap(),
        [backspace_core::SessionOverlap {
            first: ids[0],
            second: ids[1],
            shared: backspace_core::Shared::Resource,
        }]
    );
    // The guard reads the latest session to start (Ali's, until 11:00); over an old overlap that
    // is all it sees, so the listing above is how such files are found.
    let err = bs
        .at(common::utc(2026, 11, 24, 10, 30, 0))
        .start_session(ali.id, seat.id)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
}
