//! SQLite failures as Backspace storage errors: busy and locked are retryable, everything else
//! is not, and the SQLite error is kept as the source. Writes that can break a constraint go
//! through `constraints::translate` first, the one table of what each constraint means.

use backspace_core::Error;
use rusqlite::ErrorCode;

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

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

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
}
