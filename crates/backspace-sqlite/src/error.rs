//! Mapping SQLite failures to Backspace errors: busy/locked and everything else become
//! `Error::Storage` (busy and locked marked retryable, the SQLite error kept as its source); the entity modules turn the constraints they know into conflicts.

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

/// The constraint message of a failed statement, when it broke one with this extended code.
fn constraint(e: &rusqlite::Error, extended: std::ffi::c_int) -> Option<&str> {
    match e {
        rusqlite::Error::SqliteFailure(f, msg)
            if f.code == ErrorCode::ConstraintViolation && f.extended_code == extended =>
        {
            Some(msg.as_deref().unwrap_or(""))
        }
        _ => None,
    }
}

/// Whether `e` broke a UNIQUE (or primary key) constraint on `table.column`.
pub(crate) fn is_unique(e: &rusqlite::Error, column: &str) -> bool {
    [
        ffi::SQLITE_CONSTRAINT_UNIQUE,
        ffi::SQLITE_CONSTRAINT_PRIMARYKEY,
    ]
    .into_iter()
    .filter_map(|code| constraint(e, code))
    .any(|msg| msg.split([':', ',', ' ']).any(|part| part == column))
}

/// Whether `e` was raised by a trigger whose message starts with `name`.
pub(crate) fn is_trigger(e: &rusqlite::Error, name: &str) -> bool {
    constraint(e, ffi::SQLITE_CONSTRAINT_TRIGGER).is_some_and(|msg| msg.starts_with(name))
}

/// Whether `e` broke the CHECK constraint named `name`.
pub(crate) fn is_check(e: &rusqlite::Error, name: &str) -> bool {
    constraint(e, ffi::SQLITE_CONSTRAINT_CHECK).is_some_and(|msg| msg.contains(name))
}

/// Whether `e` broke a foreign key.
pub(crate) fn is_foreign_key(e: &rusqlite::Error) -> bool {
    constraint(e, ffi::SQLITE_CONSTRAINT_FOREIGNKEY).is_some()
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
        assert!(is_unique(&e, "customers.phone"));
        assert!(!is_unique(&e, "customers.human_id"));
        assert!(!is_check(&e, "phone"));
    }
}
