//! Running cached statements: optional single rows, lists, and writes that must touch a row.

use backspace_core::{Error, Result};
use rusqlite::{Connection, OptionalExtension, Params, Row};

use crate::error::Db;

/// The one row `sql` returns, if any, mapped by `map`.
pub(crate) fn one<T, P: Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Option<T>> {
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
    conn.prepare_cached(sql)
        .and_then(|mut stmt| stmt.query_map(params, map)?.collect())
        .db()
}

/// Runs a write statement, returning SQLite's own error so callers can map constraints.
pub(crate) fn exec<P: Params>(conn: &Connection, sql: &str, params: P) -> rusqlite::Result<usize> {
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
