//! Running cached statements: optional single rows, lists, and writes that must touch a row.

use backspace_core::{Error, Result};
use rusqlite::{Connection, OptionalExtension, Params, Row};

use crate::error::Db;

/// Statements run through this module since the process started (feature `stmt-count`: for the
/// benchmarks' statements-per-operation table; absent, and free, otherwise).
#[cfg(feature = "stmt-count")]
pub static STATEMENTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Counts one statement (feature `stmt-count`).
#[inline]
pub(crate) fn count() {
    #[cfg(feature = "stmt-count")]
    STATEMENTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// The one row `sql` returns, if any, mapped by `map`.
pub(crate) fn one<T, P: Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Option<T>> {
    count();
    conn.prepare_cached(sql)
        .and_then(|mut stmt| stmt.query_row(params, map).optional())
        .db()
}

/// Every row `sql` returns, mapped by `map`.
pub(crate) fn many<T, P: Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    count();
    conn.prepare_cached(sql)
        .and_then(|mut stmt| stmt.query_map(params, map)?.collect())
        .db()
}

/// Runs a write statement, returning SQLite's own error so callers can map constraints.
pub(crate) fn exec<P: Params>(conn: &Connection, sql: &str, params: P) -> rusqlite::Result<usize> {
    count();
    conn.prepare_cached(sql)?.execute(params)
}

/// `NotFound` for `entity` unless the write changed a row.
pub(crate) fn touched(changed: usize, entity: &'static str, id: impl ToString) -> Result<()> {
    if changed == 0 {
        Err(Error::not_found(entity, id))
    } else {
        Ok(())
    }
}
