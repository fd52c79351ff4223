//! Broken constraints as Backspace errors, in one table: [`CONSTRAINTS`] lists every schema
//! constraint (`schema.rs`) a desk's write can break, by the name SQLite gives it, with the
//! error breaking it means. The write paths hand every failure to [`translate`] with the table
//! they write and the record's values its messages name ("phone {phone} already belongs to
//! customer {owner}"); a failure that is no entry of the table is a storage error
//! ([`storage`]). The core checks each of these rules before writing; the constraint is the
//! backstop when two desks race.

use std::fmt::{self, Display, Write as _};

use backspace_core::Error;
use rusqlite::{ErrorCode, ffi};

use crate::error::storage;

/// How SQLite names a broken constraint in its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Names {
    /// A UNIQUE constraint, primary key or unique index on these columns of the table:
    /// `UNIQUE constraint failed: table.a, table.b`. (A unique index on an expression is named
    /// by the index instead, `index 'name'`; the schema has none.)
    Unique(&'static [&'static str]),
    /// A CHECK given a name with `CONSTRAINT name CHECK (…)`: `CHECK constraint failed: name`.
    Check(&'static str),
    /// A trigger's `RAISE(ABORT, 'message')`: the message itself.
    Trigger(&'static str),
    /// A foreign key; SQLite does not say which, so the table written tells them apart.
    ForeignKey,
}

use Names::{Check, ForeignKey, Trigger, Unique};

/// One row of [`CONSTRAINTS`]: the table the failed statement writes, how SQLite names the
/// constraint, the error's kind and its message. In the message, `{field}` is the value the
/// write path gives for `field` and `{field:?}` the same value quoted.
type Entry = (&'static str, Names, fn(String) -> Error, &'static str);

/// Every constraint a desk's write can break and the error it means. Unique columns, CHECKs
/// and triggers of the schema that no desk can break are listed by the tests
/// (`NOT_FROM_A_DESK`).
const CONSTRAINTS: &[Entry] = &[
    // R-CUST-5: the owner is looked up by the write path, only when this is the broken one.
    (
        "customers",
        Unique(&["phone"]),
        Error::Conflict,
        "phone {phone} already belongs to customer {owner}",
    ),
    // R-CUST-2
    (
        "customers",
        Unique(&["human_id"]),
        Error::Conflict,
        "customer id {human_id} is already taken",
    ),
    (
        "customers",
        Unique(&["id"]),
        Error::Conflict,
        "customer {id} already exists",
    ),
    // `resources_name_unique`, case-insensitive (`COLLATE NOCASE`).
    (
        "resources",
        Unique(&["name"]),
        Error::Conflict,
        "a resource named {name:?} already exists",
    ),
    (
        "resources",
        Unique(&["id"]),
        Error::Conflict,
        "resource {id} already exists",
    ),
    // Deleting a resource that sessions (or reservations) still name.
    (
        "resources",
        ForeignKey,
        Error::Conflict,
        "resource {id} has sessions and cannot be deleted",
    ),
    // R-SESS-1: `sessions_one_active_per_resource`.
    (
        "sessions",
        Unique(&["resource_id"]),
        Error::Conflict,
        "resource {resource_id} already has an active session",
    ),
    // R-SESS-1: `sessions_one_active_per_customer`.
    (
        "sessions",
        Unique(&["customer_id"]),
        Error::Conflict,
        "customer {customer_id} already has an active session",
    ),
    // R-SESS-7: `sessions_never_overlap`.
    (
        "sessions",
        Trigger("sessions_overlap: a session of this resource or customer overlaps it"),
        Error::Conflict,
        "session {id} would overlap another session of resource {resource_id} or customer {customer_id}",
    ),
    (
        "sessions",
        Unique(&["id"]),
        Error::Conflict,
        "session {id} already exists",
    ),
    // R-INV-4: the core refuses it first with `InsufficientStock`; this is the backstop.
    (
        "inventory_items",
        Check("stock_not_negative"),
        Error::storage,
        "stock of {name} would go negative",
    ),
    (
        "inventory_items",
        Unique(&["id"]),
        Error::Conflict,
        "inventory item {id} already exists",
    ),
    // R-INVC-1
    (
        "invoices",
        Unique(&["invoice_number"]),
        Error::Conflict,
        "invoice number {invoice_number} is already taken",
    ),
    (
        "invoices",
        Unique(&["id"]),
        Error::Conflict,
        "invoice {id} already exists",
    ),
    // R-CORR-2
    (
        "credit_notes",
        Unique(&["credit_note_number"]),
        Error::Conflict,
        "credit note number {credit_note_number} is already taken",
    ),
    // R-BOOK-1
    (
        "reservations",
        Unique(&["reservation_number"]),
        Error::Conflict,
        "reservation number {reservation_number} is already taken",
    ),
    // R-TAX-3: one e-receipt per document, one uuid per e-receipt.
    (
        "e_receipts",
        Unique(&["document_id"]),
        Error::Conflict,
        "{receipt_number} already has an e-receipt",
    ),
    (
        "e_receipts",
        Unique(&["uuid"]),
        Error::Conflict,
        "{receipt_number} already has an e-receipt",
    ),
    // R-TAX-3: only the submission is recorded, once.
    (
        "e_receipts",
        Trigger("e-receipts never change"),
        Error::InvalidState,
        "e-receipt {uuid} is already marked submitted",
    ),
    // R-SHIFT-1: `shifts_one_open_per_drawer`.
    (
        "shifts",
        Unique(&["drawer"]),
        Error::Conflict,
        "drawer {drawer} already has an open shift",
    ),
    // R-SHIFT-3: `shifts_closed_never_change`.
    (
        "shifts",
        Trigger("a closed shift never changes"),
        Error::InvalidState,
        "a closed shift never changes",
    ),
    // R-SHIFT-3: `drawer_entries_only_in_open_shifts`.
    (
        "drawer_entries",
        Trigger("a closed shift never changes"),
        Error::InvalidState,
        "a closed shift never changes",
    ),
    // R-CORR-4
    (
        "z_reports",
        Unique(&["date"]),
        Error::Conflict,
        "{date} is already closed",
    ),
];

/// A failed write to `table` as a Backspace error: the error of its [`CONSTRAINTS`] entry, with
/// the message filled from `values` (the record's fields, by the names the messages use), or
/// else a storage error.
pub(crate) fn translate(e: rusqlite::Error, table: &str, values: &[(&str, &dyn Display)]) -> Error {
    match entry(&e, table) {
        Some((_, _, error, message)) => error(fill(message, values)),
        None => storage(e),
    }
}

/// The entry of [`CONSTRAINTS`] that `e`, a failed write to `table`, broke.
fn entry(e: &rusqlite::Error, table: &str) -> Option<&'static Entry> {
    let rusqlite::Error::SqliteFailure(f, msg) = e else {
        return None;
    };
    if f.code != ErrorCode::ConstraintViolation {
        return None;
    }
    let msg = msg.as_deref().unwrap_or("");
    CONSTRAINTS.iter().find(|(t, names, _, _)| {
        *t == table
            && match *names {
                Unique(columns) => {
                    matches!(
                        f.extended_code,
                        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                    ) && msg
                        .strip_prefix("UNIQUE constraint failed: ")
                        .is_some_and(|named| {
                            named
                                .split(", ")
                                .eq(columns.iter().map(|c| format!("{table}.{c}")))
                        })
                }
                Check(name) => {
                    f.extended_code == ffi::SQLITE_CONSTRAINT_CHECK
                        && msg.strip_prefix("CHECK constraint failed: ") == Some(name)
                }
                Trigger(message) => {
                    f.extended_code == ffi::SQLITE_CONSTRAINT_TRIGGER && msg == message
                }
                ForeignKey => f.extended_code == ffi::SQLITE_CONSTRAINT_FOREIGNKEY,
            }
    })
}

/// `message` with each `{field}` (or quoted, `{field:?}`) replaced by its value; a field with
/// no value stays as written.
fn fill(message: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(message.len() + 32);
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let field = &rest[open + 1..close];
        let (name, quoted) = match field.strip_suffix(":?") {
            Some(name) => (name, true),
            None => (field, false),
        };
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, v)) if quoted => {
                let _ = write!(out, "{:?}", v.to_string());
            }
            Some((_, v)) => {
                let _ = write!(out, "{v}");
            }
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A value worked out only when a message names it, e.g. a lookup on the failed write's
/// connection: `("owner", &Lazy(|| …))`.
pub(crate) struct Lazy<F>(pub F);

impl<F: Fn() -> String> Display for Lazy<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&(self.0)())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use backspace_core::chrono::{DateTime, NaiveDate, TimeZone, Utc};
    use backspace_core::{
        Category, Customer, CustomerType, Decimal, DrawerEntry, DrawerEntryKind, EReceipt,
        InventoryItem, Invoice, InvoiceStatus, PaymentMethod, ReceiptKind, Reservation,
        ReservationStatus, Resource, ResourceType, RevenueDay, Session, Shift, Store, Uuid,
        ZReport,
    };

    use crate::SqliteStore;

    #[test]
    fn a_message_takes_the_records_values_by_name_quoted_where_asked() {
        let name = "Seat \"1\"";
        assert_eq!(
            fill(
                "a resource named {name:?} is {id}; {id} again",
                &[("id", &7), ("name", &name)]
            ),
            "a resource named \"Seat \\\"1\\\"\" is 7; 7 again"
        );
        assert_eq!(fill("{missing} stays", &[]), "{missing} stays");
        assert_eq!(fill("no { close", &[]), "no { close");
    }

    #[test]
    fn a_lazy_value_is_worked_out_only_when_the_message_names_it() {
        let asked = std::cell::Cell::new(0);
        let owner = Lazy(|| {
            asked.set(asked.get() + 1);
            "C-001".to_string()
        });
        assert_eq!(
            fill("{id} exists", &[("id", &1), ("owner", &owner)]),
            "1 exists"
        );
        assert_eq!(asked.get(), 0);
        assert_eq!(
            fill("owned by {owner}", &[("owner", &owner)]),
            "owned by C-001"
        );
        assert_eq!(asked.get(), 1);
    }

    #[test]
    fn a_failure_of_no_entry_stays_a_storage_error_with_its_source() {
        let e = rusqlite::Error::SqliteFailure(
            ffi::Error {
                code: ErrorCode::ConstraintViolation,
                extended_code: ffi::SQLITE_CONSTRAINT_UNIQUE,
            },
            Some("UNIQUE constraint failed: customers.phone".into()),
        );
        // The columns of another table's write, even with a matching column name.
        let mapped = translate(e, "resources", &[]);
        assert!(
            matches!(
                &mapped,
                Error::Storage {
                    retryable: false,
                    source: Some(_),
                    ..
                }
            ),
            "{mapped:?}"
        );
    }

    // Records with fixed ids and instants (2026-12-05, UTC), for the store's write paths.

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 5, hour, 0, 0)
            .single()
            .expect("an instant")
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 5).expect("a date")
    }

    fn egp(piastres: i64) -> Decimal {
        Decimal::new(piastres, 2)
    }

    fn customer(n: u128, human_id: &str, phone: &str) -> Customer {
        Customer {
            id: id(n),
            human_id: human_id.into(),
            name: "Mona".into(),
            phone: phone.into(),
            email: None,
            customer_type: CustomerType::Visitor,
            balance: egp(0),
            credit: egp(0),
            notes: None,
            created_at: at(8),
        }
    }

    fn resource(n: u128, name: &str) -> Resource {
        Resource {
            id: id(n),
            name: name.into(),
            resource_type: ResourceType::Seat,
            rate_per_hour: egp(3000),
            is_available: true,
            out_of_service: false,
            created_at: at(8),
        }
    }

    /// A session from `start` to `end` (running when `None`).
    fn session(n: u128, customer: u128, resource: u128, start: u32, end: Option<u32>) -> Session {
        Session {
            id: id(n),
            customer_id: id(customer),
            resource_id: id(resource),
            started_at: at(start),
            ended_at: end.map(at),
            rate_per_hour: egp(3000),
            is_active: end.is_none(),
            duration_minutes: None,
            billed_minutes: None,
            amount: None,
            subscription_id: None,
            invoice_id: None,
            reservation_id: None,
        }
    }

    fn item(n: u128, quantity: i64) -> InventoryItem {
        InventoryItem {
            id: id(n),
            name: "Tea".into(),
            category: Category::Beverage,
            price: egp(1500),
            quantity,
            min_stock: 0,
            created_at: at(8),
        }
    }

    /// An invoice of nothing (no lines, zero amounts) to customer 1.
    fn invoice(n: u128, number: &str) -> Invoice {
        Invoice {
            id: id(n),
            invoice_number: number.into(),
            customer_id: id(1),
            session_id: None,
            subscription_id: None,
            issued_at: at(9),
            issue_date: day(),
            due_date: day(),
            amount: egp(0),
            discount: egp(0),
            discount_amount: egp(0),
            total: egp(0),
            vat_rate: egp(0),
            prices_include_vat: true,
            net_amount: egp(0),
            vat_amount: egp(0),
            paid_amount: egp(0),
            status: InvoiceStatus::Unpaid,
            paid_date: None,
            line_items: Vec::new(),
            payments: Vec::new(),
            refunded_amount: egp(0),
            written_off_amount: egp(0),
            correction: None,
            credit_notes: Vec::new(),
            footprint: String::new(),
        }
    }

    /// A credit note on invoice 10 of customer 1.
    fn credit_note(n: u128, number: &str) -> backspace_core::CreditNote {
        backspace_core::CreditNote {
            id: id(n),
            credit_note_number: number.into(),
            invoice_id: id(10),
            invoice_number: "INV-0001".into(),
            customer_id: id(1),
            amount: egp(500),
            method: PaymentMethod::Cash,
            reason: "overcharged".into(),
            issued_at: at(10),
            issue_date: day(),
            footprint: String::new(),
        }
    }

    /// A booking of resource 2 by customer 1, 14:00–15:00.
    fn reservation(n: u128, number: &str) -> Reservation {
        Reservation {
            id: id(n),
            reservation_number: number.into(),
            customer_id: id(1),
            resource_id: id(2),
            start: at(14),
            end: at(15),
            status: ReservationStatus::Booked,
            rate_per_hour: egp(3000),
            created_at: at(9),
            closed_at: None,
            session_id: None,
            fee_invoice_id: None,
        }
    }

    fn receipt(uuid: &str, document: u128) -> EReceipt {
        EReceipt {
            uuid: uuid.into(),
            kind: ReceiptKind::Sale,
            document_id: id(document),
            receipt_number: "INV-0001".into(),
            device_serial_number: "POS-1".into(),
            previous_uuid: String::new(),
            produced_at: at(9),
            document: "{}".into(),
            submitted_at: None,
            submission_id: None,
        }
    }

    fn shift(n: u128, drawer: &str) -> Shift {
        Shift {
            id: id(n),
            drawer: drawer.into(),
            opened_by: None,
            opened_at: at(8),
            opening_float: egp(50000),
            closed_by: None,
            closed_at: None,
            counted_cash: None,
            expected_cash: None,
            over_short: None,
        }
    }

    /// `s` closed at 18:00 with its float counted.
    fn closed(s: &Shift) -> Shift {
        Shift {
            closed_at: Some(at(18)),
            counted_cash: Some(s.opening_float),
            expected_cash: Some(s.opening_float),
            over_short: Some(egp(0)),
            ..s.clone()
        }
    }

    fn drawer_entry(n: u128, shift: u128) -> DrawerEntry {
        DrawerEntry {
            id: id(n),
            shift_id: id(shift),
            kind: DrawerEntryKind::PayIn,
            method: PaymentMethod::Cash,
            amount: egp(1000),
            reference: "change".into(),
            operator_id: None,
            at: at(12),
        }
    }

    fn z_report() -> ZReport {
        let zero = egp(0);
        ZReport {
            date: day(),
            closed_at: at(23),
            revenue: RevenueDay {
                date: day(),
                sessions: zero,
                consumptions: zero,
                subscriptions: zero,
                reservation_fees: zero,
                discounts: zero,
                vat: zero,
                vat_on_top: zero,
                voids: zero,
                refunds_cash: zero,
                refunds_card: zero,
                refunds_transfer: zero,
                refunds_to_balance: zero,
                write_offs: zero,
                net: zero,
                cash: zero,
                card: zero,
                transfer: zero,
                received: zero,
                credit_applied: zero,
            },
        }
    }

    /// One test per entry of [`CONSTRAINTS`]: `|tx| { … }` breaks the entry's constraint through
    /// the store's own write path, on a fresh in-memory store with the real schema, and the
    /// error must be exactly the one given. Each test also names the entry it breaks, which
    /// `every_entry_is_broken_by_a_test` checks against the table.
    macro_rules! breaks {
        ($($(#[doc = $doc:literal])* $name:ident: $table:literal, $names:expr,
            |$tx:ident| $provoke:block => $expected:expr;)*) => {
            $(
                $(#[doc = $doc])*
                #[test]
                fn $name() {
                    let store = SqliteStore::in_memory().expect("in-memory store");
                    let got = store
                        .write(|$tx| $provoke)
                        .expect_err("the last write breaks the constraint");
                    assert_eq!(got, $expected);
                }
            )*

            /// The entry each test of `breaks!` breaks.
            const BROKEN_BY_A_TEST: &[(&str, Names)] = &[$(($table, $names)),*];
        };
    }

    breaks! {
        /// A second customer with the phone names the first one by its `C-…` id.
        r_cust_5_a_taken_phone_is_a_conflict_naming_its_owner: "customers", Unique(&["phone"]),
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_customer(&customer(2, "C-002", "+201012345678"))
        } => Error::Conflict("phone +201012345678 already belongs to customer C-001".into());

        r_cust_2_a_taken_customer_id_is_a_conflict: "customers", Unique(&["human_id"]),
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_customer(&customer(2, "C-001", "+201012345679"))
        } => Error::Conflict("customer id C-001 is already taken".into());

        a_customer_written_twice_is_a_conflict: "customers", Unique(&["id"]),
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_customer(&customer(1, "C-002", "+201012345679"))
        } => Error::Conflict(format!("customer {} already exists", id(1)));

        /// Names compare without case (`COLLATE NOCASE`); the message quotes the new name.
        a_resource_named_like_another_in_any_case_is_a_conflict: "resources", Unique(&["name"]),
        |tx| {
            tx.insert_resource(&resource(2, "Seat 1"))?;
            tx.insert_resource(&resource(3, "SEAT 1"))
        } => Error::Conflict("a resource named \"SEAT 1\" already exists".into());

        a_resource_written_twice_is_a_conflict: "resources", Unique(&["id"]),
        |tx| {
            tx.insert_resource(&resource(2, "Seat 1"))?;
            tx.insert_resource(&resource(2, "Seat 2"))
        } => Error::Conflict(format!("resource {} already exists", id(2)));

        deleting_a_resource_with_sessions_is_a_conflict: "resources", ForeignKey,
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_resource(&resource(2, "Seat 1"))?;
            tx.insert_session(&session(20, 1, 2, 9, Some(10)))?;
            tx.delete_resource(id(2))
        } => Error::Conflict(format!("resource {} has sessions and cannot be deleted", id(2)));

        /// The overlap trigger guards inserts; an update that makes an ended session active
        /// again meets the one-active-session index.
        r_sess_1_a_second_active_session_on_a_resource_is_a_conflict:
        "sessions", Unique(&["resource_id"]),
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_customer(&customer(3, "C-002", "+201012345679"))?;
            tx.insert_resource(&resource(2, "Seat 1"))?;
            tx.insert_session(&session(20, 1, 2, 9, Some(10)))?;
            tx.insert_session(&session(21, 3, 2, 11, None))?;
            tx.update_session(&session(20, 1, 2, 9, None))
        } => Error::Conflict(format!("resource {} already has an active session", id(2)));

        r_sess_1_a_second_active_session_of_a_customer_is_a_conflict:
        "sessions", Unique(&["customer_id"]),
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_resource(&resource(2, "Seat 1"))?;
            tx.insert_resource(&resource(3, "Seat 2"))?;
            tx.insert_session(&session(20, 1, 2, 9, Some(10)))?;
            tx.insert_session(&session(21, 1, 3, 11, None))?;
            tx.update_session(&session(20, 1, 2, 9, None))
        } => Error::Conflict(format!("customer {} already has an active session", id(1)));

        r_sess_7_a_session_overlapping_another_is_a_conflict: "sessions",
        Trigger("sessions_overlap: a session of this resource or customer overlaps it"),
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_customer(&customer(3, "C-002", "+201012345679"))?;
            tx.insert_resource(&resource(2, "Seat 1"))?;
            tx.insert_session(&session(20, 1, 2, 9, Some(11)))?;
            tx.insert_session(&session(21, 3, 2, 10, Some(12)))
        } => Error::Conflict(format!(
            "session {} would overlap another session of resource {} or customer {}",
            id(21),
            id(2),
            id(3)
        ));

        a_session_written_twice_is_a_conflict: "sessions", Unique(&["id"]),
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_resource(&resource(2, "Seat 1"))?;
            tx.insert_session(&session(20, 1, 2, 9, Some(10)))?;
            tx.insert_session(&session(20, 1, 2, 11, Some(12)))
        } => Error::Conflict(format!("session {} already exists", id(20)));

        /// A storage error, as before: the core refuses it first with `InsufficientStock`.
        r_inv_4_stock_below_zero_is_refused_by_the_schema: "inventory_items",
        Check("stock_not_negative"),
        |tx| {
            tx.insert_item(&item(30, 2))?;
            tx.update_item(&item(30, -1))
        } => Error::storage("stock of Tea would go negative");

        an_item_written_twice_is_a_conflict: "inventory_items", Unique(&["id"]),
        |tx| {
            tx.insert_item(&item(30, 2))?;
            tx.insert_item(&item(30, 5))
        } => Error::Conflict(format!("inventory item {} already exists", id(30)));

        r_invc_1_a_taken_invoice_number_is_a_conflict: "invoices", Unique(&["invoice_number"]),
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_invoice(&invoice(10, "INV-0001"))?;
            tx.insert_invoice(&invoice(11, "INV-0001"))
        } => Error::Conflict("invoice number INV-0001 is already taken".into());

        an_invoice_written_twice_is_a_conflict: "invoices", Unique(&["id"]),
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_invoice(&invoice(10, "INV-0001"))?;
            tx.insert_invoice(&invoice(10, "INV-0002"))
        } => Error::Conflict(format!("invoice {} already exists", id(10)));

        r_corr_2_a_taken_credit_note_number_is_a_conflict: "credit_notes",
        Unique(&["credit_note_number"]),
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_invoice(&invoice(10, "INV-0001"))?;
            tx.insert_credit_note(&credit_note(40, "CN-0001"))?;
            tx.insert_credit_note(&credit_note(41, "CN-0001"))
        } => Error::Conflict("credit note number CN-0001 is already taken".into());

        r_book_1_a_taken_reservation_number_is_a_conflict: "reservations",
        Unique(&["reservation_number"]),
        |tx| {
            tx.insert_customer(&customer(1, "C-001", "+201012345678"))?;
            tx.insert_resource(&resource(2, "Room A"))?;
            tx.insert_reservation(&reservation(50, "R-0001"))?;
            tx.insert_reservation(&reservation(51, "R-0001"))
        } => Error::Conflict("reservation number R-0001 is already taken".into());

        r_tax_3_a_second_e_receipt_of_a_document_is_a_conflict: "e_receipts",
        Unique(&["document_id"]),
        |tx| {
            tx.insert_e_receipt(&receipt("A1", 10))?;
            tx.insert_e_receipt(&receipt("B2", 10))
        } => Error::Conflict("INV-0001 already has an e-receipt".into());

        r_tax_3_an_e_receipt_uuid_taken_twice_is_a_conflict: "e_receipts", Unique(&["uuid"]),
        |tx| {
            tx.insert_e_receipt(&receipt("A1", 10))?;
            tx.insert_e_receipt(&receipt("A1", 11))
        } => Error::Conflict("INV-0001 already has an e-receipt".into());

        r_tax_3_a_submission_is_recorded_once: "e_receipts", Trigger("e-receipts never change"),
        |tx| {
            tx.insert_e_receipt(&receipt("A1", 10))?;
            tx.mark_e_receipt_submitted("A1", "S-1", at(10))?;
            tx.mark_e_receipt_submitted("A1", "S-2", at(11))
        } => Error::InvalidState("e-receipt A1 is already marked submitted".into());

        r_shift_1_a_second_open_shift_on_a_drawer_is_a_conflict: "shifts", Unique(&["drawer"]),
        |tx| {
            tx.insert_shift(&shift(60, "main"))?;
            tx.insert_shift(&shift(61, "main"))
        } => Error::Conflict("drawer main already has an open shift".into());

        r_shift_3_a_closed_shift_is_not_closed_again: "shifts",
        Trigger("a closed shift never changes"),
        |tx| {
            let open = shift(60, "main");
            tx.insert_shift(&open)?;
            tx.close_shift(&closed(&open))?;
            tx.close_shift(&closed(&open))
        } => Error::InvalidState("a closed shift never changes".into());

        r_shift_3_a_closed_shift_takes_no_more_money: "drawer_entries",
        Trigger("a closed shift never changes"),
        |tx| {
            let open = shift(60, "main");
            tx.insert_shift(&open)?;
            tx.insert_drawer_entry(&drawer_entry(70, 60))?;
            tx.close_shift(&closed(&open))?;
            tx.insert_drawer_entry(&drawer_entry(71, 60))
        } => Error::InvalidState("a closed shift never changes".into());

        r_corr_4_a_day_closed_twice_is_a_conflict: "z_reports", Unique(&["date"]),
        |tx| {
            tx.insert_z_report(&z_report())?;
            tx.insert_z_report(&z_report())
        } => Error::Conflict("2026-12-05 is already closed".into());
    }

    #[test]
    fn every_entry_is_broken_by_a_test() {
        for (table, names, _, message) in CONSTRAINTS {
            assert!(
                BROKEN_BY_A_TEST.contains(&(*table, *names)),
                "no test breaks {table} {names:?} ({message})"
            );
        }
        for (table, names) in BROKEN_BY_A_TEST {
            assert!(
                CONSTRAINTS
                    .iter()
                    .any(|(t, n, _, _)| t == table && n == names),
                "{table} {names:?} is tested but has no entry"
            );
        }
    }

    /// Constraints of the schema that no desk's write can break, and why. With
    /// [`CONSTRAINTS`], they are every unique key, named CHECK and trigger message of the
    /// schema (`every_constraint_of_the_schema_has_an_entry_or_is_not_from_a_desk`).
    const NOT_FROM_A_DESK: &[(&str, &[(&str, Names)])] = &[
        (
            "ids are new UUIDs, never written twice",
            &[
                ("subscriptions", Unique(&["id"])),
                ("payments", Unique(&["id"])),
                ("consumptions", Unique(&["id"])),
                ("stock_movements", Unique(&["id"])),
                ("ledger_entries", Unique(&["id"])),
                ("credit_notes", Unique(&["id"])),
                ("operators", Unique(&["id"])),
                ("shifts", Unique(&["id"])),
                ("drawer_entries", Unique(&["id"])),
                ("reservations", Unique(&["id"])),
            ],
        ),
        (
            "row numbers SQLite assigns, or the store numbers inside the write transaction, \
             which holds SQLite's write lock; the settings row is the only one",
            &[
                ("settings", Unique(&["id"])),
                ("counters", Unique(&["name"])),
                ("invoice_lines", Unique(&["invoice_id", "position"])),
                ("payments", Unique(&["seq"])),
                ("subscriptions", Unique(&["seq"])),
                ("consumptions", Unique(&["seq"])),
                ("stock_movements", Unique(&["seq"])),
                ("ledger_entries", Unique(&["seq"])),
                ("credit_notes", Unique(&["seq"])),
                ("trail", Unique(&["seq"])),
                ("operators", Unique(&["seq"])),
                ("audit_log", Unique(&["seq"])),
                ("shifts", Unique(&["seq"])),
                ("drawer_entries", Unique(&["seq"])),
                ("reservations", Unique(&["seq"])),
                ("e_receipts", Unique(&["seq"])),
            ],
        ),
        (
            "the store writes an invoice's sums by kind from its own lines",
            &[(
                "invoices",
                Trigger("invoice sums by kind do not add up to its amount"),
            )],
        ),
        (
            "the store never updates or deletes these rows",
            &[
                ("credit_notes", Trigger("credit notes never change")),
                ("credit_notes", Trigger("credit notes are never deleted")),
                ("trail", Trigger("trail entries never change")),
                ("trail", Trigger("trail entries are never deleted")),
                ("z_reports", Trigger("Z reports never change")),
                ("z_reports", Trigger("Z reports are never deleted")),
                (
                    "operators",
                    Trigger("operators are never deleted; deactivate them"),
                ),
                ("audit_log", Trigger("audit entries never change")),
                ("audit_log", Trigger("audit entries are never deleted")),
                ("shifts", Trigger("shifts are never deleted")),
                ("drawer_entries", Trigger("drawer entries never change")),
                (
                    "drawer_entries",
                    Trigger("drawer entries are never deleted"),
                ),
                (
                    "reservations",
                    Trigger("reservations are never deleted; cancel them"),
                ),
                ("e_receipts", Trigger("e-receipts are never deleted")),
            ],
        ),
    ];

    /// A constraint as text: `table unique a, b`, `table check name`, `table trigger message`.
    fn key(table: &str, names: Names) -> Option<String> {
        match names {
            Unique(columns) => Some(format!("{table} unique {}", columns.join(", "))),
            Check(name) => Some(format!("{table} check {name}")),
            Trigger(message) => Some(format!("{table} trigger {message}")),
            ForeignKey => None,
        }
    }

    /// Every unique key (UNIQUE, primary key, unique index), named CHECK and trigger message
    /// of the migrated schema, as [`key`] writes them.
    fn schema_constraints() -> Vec<String> {
        let mut conn = rusqlite::Connection::open_in_memory().expect("in-memory database");
        crate::schema::migrate(&mut conn).expect("schema");
        let rows = |sql: &str| -> Vec<(String, String, Option<String>)> {
            conn.prepare(sql)
                .and_then(|mut st| {
                    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                        .collect()
                })
                .expect(sql)
        };
        let mut found = Vec::new();
        let tables = rows(
            "SELECT name, name, sql FROM sqlite_schema \
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        );
        for (table, _, sql) in &tables {
            // Unique indexes, those of UNIQUE and PRIMARY KEY constraints included.
            let indexes = rows(&format!(
                "SELECT name, origin, NULL FROM pragma_index_list('{table}') WHERE \"unique\""
            ));
            for (index, _, _) in &indexes {
                let columns = rows(&format!(
                    "SELECT coalesce(name, ''), '', NULL FROM pragma_index_info('{index}') \
                     ORDER BY seqno"
                ));
                let columns: Vec<String> = columns.into_iter().map(|(c, _, _)| c).collect();
                if columns.iter().any(String::is_empty) {
                    found.push(format!("{table} unique index '{index}'"));
                } else {
                    found.push(format!("{table} unique {}", columns.join(", ")));
                }
            }
            // An INTEGER PRIMARY KEY is the rowid: a key without an index.
            if !indexes.iter().any(|(_, origin, _)| origin == "pk") {
                let pk = rows(&format!(
                    "SELECT name, '', NULL FROM pragma_table_info('{table}') WHERE pk > 0"
                ));
                if !pk.is_empty() {
                    let columns: Vec<String> = pk.into_iter().map(|(c, _, _)| c).collect();
                    found.push(format!("{table} unique {}", columns.join(", ")));
                }
            }
            // Named CHECKs: `CONSTRAINT name CHECK`.
            let sql = sql.as_deref().unwrap_or_default();
            for part in sql.split("CONSTRAINT ").skip(1) {
                let mut words = part.split_whitespace();
                if let (Some(name), Some("CHECK")) = (words.next(), words.next()) {
                    found.push(format!("{table} check {name}"));
                }
            }
        }
        for (_, table, sql) in
            rows("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'trigger'")
        {
            let sql = sql.unwrap_or_default();
            for raise in sql.split("RAISE(").skip(1) {
                let message = raise.split('\'').nth(1).unwrap_or_default();
                found.push(format!("{table} trigger {message}"));
            }
        }
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn every_constraint_of_the_schema_has_an_entry_or_is_not_from_a_desk() {
        let schema = schema_constraints();
        let entries: Vec<String> = CONSTRAINTS
            .iter()
            .filter_map(|(table, names, _, _)| key(table, *names))
            .collect();
        let listed: Vec<String> = NOT_FROM_A_DESK
            .iter()
            .flat_map(|(_, all)| all.iter().filter_map(|(t, n)| key(t, *n)))
            .collect();
        let missing: Vec<&String> = schema
            .iter()
            .filter(|c| !entries.contains(c) && !listed.contains(c))
            .collect();
        assert!(
            missing.is_empty(),
            "constraints of the schema with no entry in CONSTRAINTS, nor in NOT_FROM_A_DESK: {missing:#?}"
        );
        let stale: Vec<&String> = entries
            .iter()
            .chain(&listed)
            .filter(|c| !schema.contains(c))
            .collect();
        assert!(
            stale.is_empty(),
            "entries that name no constraint of the schema: {stale:#?}"
        );
        for c in &entries {
            assert!(
                !listed.contains(c),
                "{c} has an entry and is listed as not from a desk"
            );
        }
    }

    #[test]
    fn a_foreign_key_entry_is_a_table_other_tables_reference() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("in-memory database");
        crate::schema::migrate(&mut conn).expect("schema");
        for (table, names, _, _) in CONSTRAINTS {
            if *names == ForeignKey {
                let referencing: i64 = conn
                    .query_row(
                        "SELECT count(*) FROM sqlite_schema AS t, pragma_foreign_key_list(t.name) AS f \
                         WHERE t.type = 'table' AND f.\"table\" = ?1",
                        [table],
                        |r| r.get(0),
                    )
                    .expect("foreign keys");
                assert!(referencing > 0, "no table references {table}");
            }
        }
    }
}
