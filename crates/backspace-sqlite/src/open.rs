//! Opening a store: options, PRAGMAs (R-DB-1, R-DB-3) and migrations (R-DB-2).

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use backspace_core::{Error, Result};
use rusqlite::Connection;
use rusqlite::config::DbConfig;

use crate::SqliteStore;
use crate::error::Db;
use crate::schema;

/// How hard SQLite works to make a commit durable (`PRAGMA synchronous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Synchronous {
    /// Every commit survives power loss (the default, R-DB-3).
    #[default]
    Full,
    /// Faster; in WAL mode the last commits may be lost on power loss, never corrupted.
    Normal,
}

impl Synchronous {
    /// The PRAGMA value.
    pub fn as_str(self) -> &'static str {
        match self {
            Synchronous::Full => "FULL",
            Synchronous::Normal => "NORMAL",
        }
    }
}

/// Options of [`SqliteStore::open_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SqliteOptions {
    /// Durability of commits (default [`Synchronous::Full`]).
    pub synchronous: Synchronous,
    /// How long to wait for another connection's lock before failing as busy (default 5 s).
    pub busy_timeout: Duration,
}

impl Default for SqliteOptions {
    fn default() -> Self {
        SqliteOptions {
            synchronous: Synchronous::Full,
            busy_timeout: Duration::from_secs(5),
        }
    }
}

/// Statements kept prepared per connection.
const STATEMENT_CACHE: usize = 128;

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` with default options.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        Self::open_with(path, SqliteOptions::default())
    }

    /// Opens (creating if needed) the database file at `path`.
    pub fn open_with(path: impl AsRef<Path>, options: SqliteOptions) -> Result<SqliteStore> {
        let path = path.as_ref();
        let conn = Connection::open(path)
            .map_err(|e| Error::storage(format!("cannot open {}: {e}", path.display())))?;
        Self::setup(conn, options).map_err(|e| match e {
            Error::Storage {
                message,
                retryable,
                source,
            } => Error::Storage {
                message: format!("{}: {message}", path.display()),
                retryable,
                source,
            },
            other => other,
        })
    }

    /// A fresh store in memory (`:memory:`), for tests and throwaway desks.
    pub fn in_memory() -> Result<SqliteStore> {
        let conn = Connection::open_in_memory().db()?;
        Self::setup(conn, SqliteOptions::default())
    }

    /// Applies the PRAGMAs and migrations to a new connection.
    fn setup(mut conn: Connection, options: SqliteOptions) -> Result<SqliteStore> {
        conn.busy_timeout(options.busy_timeout).db()?;
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .db()?;
        let mode = mode.to_ascii_lowercase();
        if mode != "wal" && mode != "memory" {
            return Err(Error::storage(format!(
                "cannot use WAL journal mode (SQLite kept {mode:?})"
            )));
        }
        conn.pragma_update(None, "foreign_keys", true).db()?;
        let fk: bool = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .db()?;
        if !fk {
            return Err(Error::storage("cannot turn foreign keys on"));
        }
        conn.pragma_update(None, "synchronous", options.synchronous.as_str())
            .db()?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // The query planner stability guarantee: a cached statement keeps its plan whatever the
        // values bound. Without it, SQLite (built with STAT4) marks statements whose plan a bound
        // value might change — a range on `started_at`, a column a partial index names — and
        // prepares them again on every run, which cost a third of a walk-in's time.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .db()?;
        schema::migrate(&mut conn)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            known: Mutex::new(None),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pragma(store: &SqliteStore, name: &str) -> Result<i64> {
        let conn = store.conn.lock().map_err(|_| Error::storage("poisoned"))?;
        conn.pragma_query_value(None, name, |r| r.get(0)).db()
    }

    #[test]
    fn defaults_are_full_sync_foreign_keys_and_five_seconds() -> Result<()> {
        let store = SqliteStore::in_memory()?;
        assert_eq!(pragma(&store, "synchronous")?, 2);
        assert_eq!(pragma(&store, "foreign_keys")?, 1);
        assert_eq!(pragma(&store, "busy_timeout")?, 5000);
        Ok(())
    }

    #[test]
    fn cached_statements_keep_their_plan_whatever_the_values_bound() -> Result<()> {
        let store = SqliteStore::in_memory()?;
        let conn = store.conn.lock().map_err(|_| Error::storage("poisoned"))?;
        assert!(conn.db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG).db()?);
        // The overlap check's query (a range on `started_at` of a table with partial indexes):
        // prepared again for every new value without the guarantee.
        let sql = "SELECT id FROM sessions WHERE resource_id = ?1 AND started_at = \
                   (SELECT max(started_at) FROM sessions WHERE resource_id = ?1 AND started_at < ?2)";
        for at in ["2026-01-01", "2026-06-01", "2026-12-01"] {
            let mut stmt = conn.prepare_cached(sql).db()?;
            stmt.query(["r", at]).db()?.next().db()?;
        }
        let stmt = conn.prepare_cached(sql).db()?;
        assert_eq!(
            stmt.get_status(rusqlite::StatementStatus::RePrepare),
            0,
            "the statement was prepared again"
        );
        Ok(())
    }

    #[test]
    fn options_set_synchronous_and_busy_timeout() -> Result<()> {
        let path =
            std::env::temp_dir().join(format!("backspace-open-{}.sqlite", uuid::Uuid::new_v4()));
        let store = SqliteStore::open_with(
            &path,
            SqliteOptions {
                synchronous: Synchronous::Normal,
                busy_timeout: Duration::from_millis(1500),
            },
        )?;
        let found = (
            pragma(&store, "synchronous")?,
            pragma(&store, "busy_timeout")?,
            {
                let conn = store.conn.lock().map_err(|_| Error::storage("poisoned"))?;
                conn.pragma_query_value(None, "journal_mode", |r| r.get::<_, String>(0))
                    .db()?
            },
        );
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
        assert_eq!(found, (1, 1500, "wal".to_string()));
        Ok(())
    }
}
