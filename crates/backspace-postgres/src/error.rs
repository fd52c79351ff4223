//! Mapping PostgreSQL failures to Backspace errors, in one place: serialization failures,
//! deadlocks and lost connections are retryable storage errors (the store retries them itself);
//! a broken constraint becomes the conflict its name stands for (one table, [`CONFLICTS`]);
//! everything else is a storage error that keeps the driver's error as its source.

use backspace_core::Error;
use postgres::error::SqlState;

/// Constraint (or index) names and what breaking one means to a desk. The core checks each of
/// these before writing; the constraints are the backstop under concurrent desks.
const CONFLICTS: &[(&str, &str)] = &[
    (
        "customers_phone_key",
        "the phone already belongs to another customer",
    ),
    ("customers_human_id_key", "the customer id is already taken"),
    ("customers_pkey", "the customer already exists"),
    (
        "resources_name_unique",
        "a resource of this branch already has that name",
    ),
    (
        "sessions_one_active_per_resource",
        "the resource already has an active session",
    ),
    (
        "sessions_one_active_per_customer",
        "the customer already has an active session",
    ),
    (
        "sessions_resource_overlap",
        "a session of this resource overlaps it",
    ),
    (
        "sessions_customer_overlap",
        "a session of this customer overlaps it",
    ),
    ("stock_not_negative", "not enough stock"),
    (
        "invoices_number_per_branch",
        "the invoice number is already taken",
    ),
    (
        "credit_notes_number_per_branch",
        "the credit note number is already taken",
    ),
    (
        "reservations_number_per_branch",
        "the reservation number is already taken",
    ),
    (
        "reservations_never_overlap",
        "another booking of this resource overlaps it",
    ),
    (
        "shifts_one_open_per_drawer",
        "the drawer already has an open shift",
    ),
    (
        "e_receipts_uuid_key",
        "an e-receipt with this uuid already exists",
    ),
    (
        "e_receipts_document_id_key",
        "the document already has an e-receipt",
    ),
    (
        "trail_pkey",
        "another desk wrote the trail at the same time",
    ),
    (
        "audit_log_pkey",
        "another desk wrote the audit log at the same time",
    ),
    ("z_reports_pkey", "the day is already closed"),
    (
        "branches_code_key",
        "a branch with this code already exists",
    ),
    ("resources_pkey", "the resource already exists"),
    ("sessions_pkey", "the session already exists"),
    ("invoices_pkey", "the invoice already exists"),
];

/// Whether PostgreSQL aborted the transaction so that it can run again: a serialization
/// failure or a deadlock (nothing was written).
pub(crate) fn is_serialization(e: &postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED
    )
}

/// Whether the connection is gone (server restarted, network cut): nothing more can run on it.
pub(crate) fn is_connection_lost(e: &postgres::Error) -> bool {
    e.is_closed()
        || e.code().is_none() && e.as_db_error().is_none()
        || matches!(e.code(), Some(c) if c.code().starts_with("08") || c.code().starts_with("57P"))
}

/// The name of the constraint `e` broke, if it broke one.
pub(crate) fn constraint(e: &postgres::Error) -> Option<&str> {
    let db = e.as_db_error()?;
    db.code()
        .code()
        .starts_with("23")
        .then(|| db.constraint())?
}

/// A PostgreSQL failure as a Backspace error (see the module comment).
pub(crate) fn storage(e: postgres::Error) -> Error {
    if is_serialization(&e) {
        return Error::storage_from(
            "the database aborted the operation for a concurrent one",
            true,
            e,
        );
    }
    // A parameter that could not be bound (an amount beyond 64-bit piastres, `convert.rs`)
    // fails on this side of the connection: nothing was sent, and the same call fails again.
    if let Some(cause) = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<Error>()) {
        return Error::storage_from(format!("PostgreSQL: {e}: {cause}"), false, e);
    }
    if is_connection_lost(&e) {
        return Error::storage_from(format!("connection to PostgreSQL lost: {e}"), true, e);
    }
    if let Some(name) = constraint(&e)
        && let Some((_, meaning)) = CONFLICTS.iter().find(|(n, _)| *n == name)
    {
        return Error::Conflict((*meaning).to_string());
    }
    let message = match e.as_db_error() {
        Some(db) => format!("PostgreSQL: {}", db.message()),
        None => format!("PostgreSQL: {e}"),
    };
    Error::storage_from(message, false, e)
}

/// `.db()` turns a driver result into a Backspace result.
pub(crate) trait Db<T> {
    /// Maps the error with [`storage`].
    fn db(self) -> backspace_core::Result<T>;
}

impl<T> Db<T> for Result<T, postgres::Error> {
    fn db(self) -> backspace_core::Result<T> {
        self.map_err(storage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_conflict_names_a_constraint_of_the_schema() {
        let schema = crate::migrations::all_sql();
        for (name, _) in CONFLICTS {
            let implicit = name.ends_with("_pkey") || name.ends_with("_key");
            assert!(
                implicit || schema.contains(name),
                "{name} is not in the schema"
            );
        }
    }
}
