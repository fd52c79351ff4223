//! Mapping SQLite failures to Backspace errors, in one place: busy/locked and everything else
//! become `Error::Storage` (busy and locked marked retryable, the SQLite error kept as its
//! source); a broken constraint is recognised by one table, [`CONSTRAINTS`], which says which
//! schema rule it is ([`Broken`]). The write path that broke it turns that into its error with
//! the record's own data ("phone … already belongs to customer C-007").

use backspace_core::Error;
use rusqlite::ErrorCode;
use rusqlite::ffi;

/// A SQLite failure as a Backspace storage error.
pub(crate) fn storage(e: rusqlite::Error) -> Error {
    if let rusqlite::Error::SqliteFailure(f, msg) = &e
        && matches!(f.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    {
        let detail = msg.clone().unwrap_or_else(|| f.to_string());
        // Another desk held the write lock past the busy timeout: nothing was written, and
        // the same call may succeed once that desk is done.
        return Error::storage_from(format!("database is busy: {detail}"), true, e);
    }
    Error::storage_from(e.to_string(), false, e)
}

/// `.db()` turns a rusqlite result into a Backspace result.
pub(crate) trait Db<T> {
    /// Maps the error with [`storage`].
    fn db(self) -> backspace_core::Result<T>;
}

impl<T> Db<T> for rusqlite::Result<T> {
    fn db(self) -> backspace_core::Result<T> {
        self.map_err(storage)
    }
}

/// How SQLite names a broken constraint in its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Names {
    /// UNIQUE or PRIMARY KEY: `UNIQUE constraint failed: table.column` (an index's columns).
    Unique,
    /// A trigger's `RAISE(ABORT, 'message')`: the message starts with this text.
    Trigger,
    /// A named `CHECK`: `CHECK constraint failed: name`.
    Check,
    /// Any foreign key (SQLite does not say which).
    ForeignKey,
}

/// The schema rules a desk's write can break (`schema.rs`). The core checks each before writing;
/// the constraint is the backstop when two desks race.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Broken {
    /// Two customers with one phone (R-CUST-5).
    CustomerPhone,
    /// A `C-…` number taken twice (R-CUST-2).
    CustomerHumanId,
    /// A customer id written twice.
    CustomerId,
    /// Two resources with one name.
    ResourceName,
    /// A resource id written twice.
    ResourceId,
    /// A resource deleted while sessions point at it.
    ResourceReferenced,
    /// A second active session on a resource (R-SESS-1).
    ActiveSessionOnResource,
    /// A second active session of a customer (R-SESS-1).
    ActiveSessionOfCustomer,
    /// Sessions that overlap in time (R-SESS-7).
    SessionOverlap,
    /// A session id written twice.
    SessionId,
    /// Stock below zero (R-INV-4).
    StockNegative,
    /// An inventory item id written twice.
    ItemId,
    /// An invoice number taken twice (R-INVC-1).
    InvoiceNumber,
    /// An invoice id written twice.
    InvoiceId,
    /// A credit note number taken twice (R-CORR-2).
    CreditNoteNumber,
    /// A reservation number taken twice (R-BOOK-1).
    ReservationNumber,
    /// A second e-receipt for one document, or one uuid twice (R-TAX-3).
    EReceiptTaken,
    /// A stored e-receipt changed after its submission was recorded (R-TAX-3).
    EReceiptChanged,
    /// A second open shift on one drawer (R-SHIFT-1).
    OpenShiftOnDrawer,
    /// A closed shift changed (R-SHIFT-3).
    ClosedShiftChanged,
    /// A business day closed twice (R-CORR-4).
    DayClosed,
}

/// Every constraint message the store recognises and the rule it stands for: the one place
/// where SQLite's message text is read.
const CONSTRAINTS: &[(Names, &str, Broken)] = &[
    (Names::Unique, "customers.phone", Broken::CustomerPhone),
    (Names::Unique, "customers.human_id", Broken::CustomerHumanId),
    (Names::Unique, "customers.id", Broken::CustomerId),
    (Names::Unique, "resources.name", Broken::ResourceName),
    (Names::Unique, "resources.id", Broken::ResourceId),
    (Names::ForeignKey, "", Broken::ResourceReferenced),
    (
        Names::Unique,
        "sessions.resource_id",
        Broken::ActiveSessionOnResource,
    ),
    (
        Names::Unique,
        "sessions.customer_id",
        Broken::ActiveSessionOfCustomer,
    ),
    (Names::Trigger, "sessions_overlap", Broken::SessionOverlap),
    (Names::Unique, "sessions.id", Broken::SessionId),
    (Names::Check, "stock_not_negative", Broken::StockNegative),
    (Names::Unique, "inventory_items.id", Broken::ItemId),
    (
        Names::Unique,
        "invoices.invoice_number",
        Broken::InvoiceNumber,
    ),
    (Names::Unique, "invoices.id", Broken::InvoiceId),
    (
        Names::Unique,
        "credit_notes.credit_note_number",
        Broken::CreditNoteNumber,
    ),
    (
        Names::Unique,
        "reservations.reservation_number",
        Broken::ReservationNumber,
    ),
    (
        Names::Unique,
        "e_receipts.document_id",
        Broken::EReceiptTaken,
    ),
    (Names::Unique, "e_receipts.uuid", Broken::EReceiptTaken),
    (
        Names::Trigger,
        "e-receipts never change",
        Broken::EReceiptChanged,
    ),
    (Names::Unique, "shifts.drawer", Broken::OpenShiftOnDrawer),
    (
        Names::Trigger,
        "a closed shift never changes",
        Broken::ClosedShiftChanged,
    ),
    (Names::Unique, "z_reports.date", Broken::DayClosed),
];

/// The schema rule `e` broke, when it is one of [`CONSTRAINTS`].
pub(crate) fn broken(e: &rusqlite::Error) -> Option<Broken> {
    let rusqlite::Error::SqliteFailure(f, msg) = e else {
        return None;
    };
    if f.code != ErrorCode::ConstraintViolation {
        return None;
    }
    let msg = msg.as_deref().unwrap_or("");
    let names = match f.extended_code {
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => Names::Unique,
        ffi::SQLITE_CONSTRAINT_TRIGGER => Names::Trigger,
        ffi::SQLITE_CONSTRAINT_CHECK => Names::Check,
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => Names::ForeignKey,
        _ => return None,
    };
    CONSTRAINTS
        .iter()
        .find(|(kind, name, _)| {
            *kind == names
                && match names {
                    // `UNIQUE constraint failed: t.a, t.b`: one of the columns.
                    Names::Unique => msg.split([':', ',', ' ']).any(|part| part == *name),
                    Names::Trigger => msg.starts_with(name),
                    Names::Check => msg.contains(name),
                    Names::ForeignKey => true,
                }
        })
        .map(|(_, _, rule)| *rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: ErrorCode, extended: std::ffi::c_int, msg: &str) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(
            ffi::Error {
                code,
                extended_code: extended,
            },
            Some(msg.to_string()),
        )
    }

    #[test]
    fn busy_and_locked_say_busy() {
        let e = failure(
            ErrorCode::DatabaseBusy,
            ffi::SQLITE_BUSY,
            "database is locked",
        );
        let mapped = storage(e);
        assert!(
            matches!(&mapped, Error::Storage { message, retryable: true, source: Some(_) }
                if message.starts_with("database is busy"))
        );
        assert!(mapped.is_retryable());
        assert!(std::error::Error::source(&mapped).is_some());
        let other = storage(failure(ErrorCode::DiskFull, ffi::SQLITE_FULL, "disk full"));
        assert!(!other.is_retryable());
    }

    #[test]
    fn unique_names_the_column() {
        let e = failure(
            ErrorCode::ConstraintViolation,
            ffi::SQLITE_CONSTRAINT_UNIQUE,
            "UNIQUE constraint failed: customers.phone",
        );
        assert_eq!(broken(&e), Some(Broken::CustomerPhone));
        let other = failure(
            ErrorCode::ConstraintViolation,
            ffi::SQLITE_CONSTRAINT_CHECK,
            "CHECK constraint failed: phone",
        );
        assert_eq!(broken(&other), None);
    }

    /// An in-memory database with the store's schema.
    fn schema() -> rusqlite::Connection {
        let mut conn = rusqlite::Connection::open_in_memory().expect("in-memory database");
        crate::schema::migrate(&mut conn).expect("schema");
        conn
    }

    /// Every UNIQUE column list of the schema, as `table.column` of each indexed column.
    fn unique_columns(conn: &rusqlite::Connection) -> Vec<(String, Vec<String>)> {
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
            .expect("tables");
        let mut out = Vec::new();
        for table in tables {
            let indexes: Vec<(String, bool)> = conn
                .prepare(&format!("PRAGMA index_list({table})"))
                .and_then(|mut st| {
                    st.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, bool>(2)?)))?
                        .collect()
                })
                .expect("index list");
            for (index, unique) in indexes.into_iter().filter(|(_, u)| *u) {
                let _ = unique;
                let columns: Vec<String> = conn
                    .prepare(&format!("PRAGMA index_info({index})"))
                    .and_then(|mut st| {
                        st.query_map([], |r| r.get::<_, Option<String>>(2))?
                            .map(|c| c.map(|c| format!("{table}.{}", c.unwrap_or_default())))
                            .collect()
                    })
                    .expect("index info");
                out.push((index, columns));
            }
        }
        out
    }

    /// The whole schema's SQL (tables and triggers).
    fn schema_sql(conn: &rusqlite::Connection) -> String {
        conn.prepare("SELECT group_concat(sql, char(10)) FROM sqlite_master WHERE sql IS NOT NULL")
            .and_then(|mut st| st.query_row([], |r| r.get(0)))
            .expect("schema sql")
    }

    #[test]
    fn every_recognised_constraint_is_in_the_schema() {
        let conn = schema();
        let unique = unique_columns(&conn);
        let sql = schema_sql(&conn);
        for (names, name, rule) in CONSTRAINTS {
            let present = match names {
                Names::Unique => unique
                    .iter()
                    .any(|(_, cols)| cols.iter().any(|c| c == name)),
                Names::Trigger => sql.contains(&format!("RAISE(ABORT, '{name}")),
                Names::Check => sql.contains(&format!("CONSTRAINT {name} CHECK")),
                Names::ForeignKey => sql.contains("REFERENCES resources"),
            };
            assert!(present, "{rule:?}: {name} is not in the schema");
        }
    }

    /// Unique columns no desk can break: ids are new UUIDs, a line's position is given by its
    /// invoice, and a counter's row is the database's own.
    const NOT_FROM_A_DESK: &[&str] = &[
        "subscriptions.id",
        "payments.id",
        "consumptions.id",
        "stock_movements.id",
        "ledger_entries.id",
        "credit_notes.id",
        "operators.id",
        "shifts.id",
        "drawer_entries.id",
        "reservations.id",
        "invoice_lines.invoice_id",
        "counters.name",
    ];

    #[test]
    fn every_unique_index_of_the_schema_is_recognised_or_not_from_a_desk() {
        let conn = schema();
        let mut unrecognised = Vec::new();
        for (index, columns) in unique_columns(&conn) {
            let mapped = columns.iter().any(|c| {
                CONSTRAINTS
                    .iter()
                    .any(|(n, name, _)| *n == Names::Unique && name == c)
                    || NOT_FROM_A_DESK.contains(&c.as_str())
            });
            if !mapped {
                unrecognised.push(format!("{index} on {columns:?}"));
            }
        }
        assert!(
            unrecognised.is_empty(),
            "unique indexes with no entry in CONSTRAINTS that are not listed as not from a desk: {unrecognised:#?}"
        );
        let all: Vec<String> = unique_columns(&conn)
            .into_iter()
            .flat_map(|(_, c)| c)
            .collect();
        for listed in NOT_FROM_A_DESK {
            assert!(
                all.iter().any(|c| c == listed),
                "{listed} is not a unique column of the schema"
            );
        }
        let sql = schema_sql(&conn);
        for raise in sql.split("RAISE(ABORT, '").skip(1) {
            let message = raise.split('\'').next().unwrap_or_default();
            let mapped = CONSTRAINTS
                .iter()
                .any(|(n, name, _)| *n == Names::Trigger && message.starts_with(name));
            // The rest guard documents the store never changes or deletes: a desk cannot reach them.
            let guard = message.contains("never") || message.contains("do not add up");
            assert!(
                mapped || guard,
                "trigger message {message:?} is not recognised"
            );
        }
    }

    #[test]
    fn r_cust_5_a_second_customer_with_the_phone_breaks_customer_phone() {
        let conn = schema();
        let insert = "INSERT INTO customers (id, human_id, name, phone, customer_type, \
                      balance_piastres, credit_piastres, created_at) \
                      VALUES (?1, ?2, 'Mona', '+201012345678', 'visitor', 0, 0, '2026-12-05T10:00:00Z')";
        conn.execute(insert, ["a", "C-001"])
            .expect("first customer");
        let e = conn
            .execute(insert, ["b", "C-002"])
            .expect_err("same phone");
        assert_eq!(broken(&e), Some(Broken::CustomerPhone));
        let customers: i64 = conn
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
            .expect("count");
        assert_eq!(customers, 1, "the refused customer was not written");
    }

    #[test]
    fn r_inv_4_stock_below_zero_breaks_stock_not_negative() {
        let conn = schema();
        conn.execute(
            "INSERT INTO inventory_items (id, name, category, price_piastres, quantity, min_stock, created_at) \
             VALUES ('tea', 'Tea', 'beverage', 1500, 2, 0, '2026-12-05T10:00:00Z')",
            [],
        )
        .expect("item");
        let e = conn
            .execute(
                "UPDATE inventory_items SET quantity = -1 WHERE id = 'tea'",
                [],
            )
            .expect_err("negative stock");
        assert_eq!(broken(&e), Some(Broken::StockNegative));
    }

    #[test]
    fn a_second_resource_named_alike_breaks_resource_name() {
        let conn = schema();
        let insert = "INSERT INTO resources (id, name, resource_type, rate_per_hour_piastres, \
                      is_available, out_of_service, created_at) \
                      VALUES (?1, ?2, 'seat', 3000, 1, 0, '2026-12-05T10:00:00Z')";
        conn.execute(insert, ["s1", "Seat 1"]).expect("first seat");
        let e = conn
            .execute(insert, ["s2", "SEAT 1"])
            .expect_err("same name, other case");
        assert_eq!(broken(&e), Some(Broken::ResourceName));
    }

    #[test]
    fn r_shift_1_a_second_open_shift_breaks_open_shift_on_drawer() {
        let conn = schema();
        let insert = "INSERT INTO shifts (id, drawer, opened_at, opening_float_piastres) \
                      VALUES (?1, 'main', '2026-12-05T10:00:00Z', 0)";
        conn.execute(insert, ["s1"]).expect("first shift");
        let e = conn.execute(insert, ["s2"]).expect_err("second open shift");
        assert_eq!(broken(&e), Some(Broken::OpenShiftOnDrawer));
    }
}
