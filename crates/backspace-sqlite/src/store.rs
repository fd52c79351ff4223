//! `Store` for [`SqliteStore`]: writes in `BEGIN IMMEDIATE` transactions (R-TIME-4, R-DB-1),
//! reads in deferred ones that see one snapshot, refuse writes (`ReadOnly`) and are rolled back.

use std::sync::MutexGuard;

use backspace_core::{Result, Store, StoreTx};
use rusqlite::{Connection, TransactionBehavior};

use crate::SqliteStore;
use crate::error::Db;
use crate::tx::{Known, SqliteTx};

/// `PRAGMA data_version`: changes when another connection commits to the database.
fn data_version(conn: &Connection) -> Result<i64> {
    crate::query::count();
    conn.prepare_cached("PRAGMA data_version")
        .and_then(|mut stmt| stmt.query_row([], |r| r.get(0)))
        .db()
}

impl SqliteStore {
    /// The connection, recovering it if a closure panicked while holding it: the panic's
    /// transaction was rolled back when it unwound, and any transaction left open is ended here.
    fn lock(&self) -> Result<MutexGuard<'_, Connection>> {
        let guard = match self.conn.lock() {
            Ok(guard) => guard,
            Err(poisoned) => {
                let guard = poisoned.into_inner();
                if !guard.is_autocommit() {
                    guard.execute_batch("ROLLBACK").db()?;
                }
                self.conn.clear_poison();
                guard
            }
        };
        Ok(guard)
    }

    /// Runs `f` in a transaction of `behavior`; commits on `Ok` when `commit`, else rolls back.
    fn run<T>(
        &self,
        behavior: TransactionBehavior,
        commit: bool,
        f: impl FnOnce(&mut dyn StoreTx) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.lock()?;
        // BEGIN and COMMIT/ROLLBACK count as statements too.
        crate::query::count();
        crate::query::count();
        let tx = conn.transaction_with_behavior(behavior).db()?;
        // A write carries over what the last committed write of this connection knew, unless
        // another connection has committed since (SQLite's data version moves only then). Once
        // `BEGIN IMMEDIATE` returns, no other connection can commit until this one ends.
        let version = if commit {
            Some(data_version(&tx)?)
        } else {
            None
        };
        let mut cache = self.known.lock().unwrap_or_else(|p| p.into_inner());
        // A read leaves the carried-over context for the next write; a write takes it, and
        // only a commit puts back what it knows then.
        let known = match version {
            Some(now) => match cache.take() {
                Some((then, known)) if then == now => *known,
                _ => Known::default(),
            },
            None => Known::default(),
        };
        let mut store_tx = SqliteTx::new(&tx, known);
        let out = f(&mut store_tx);
        match out {
            Ok(value) if commit => {
                let known = store_tx.into_known();
                tx.commit().db()?;
                *cache = version.map(|v| (v, Box::new(known)));
                Ok(value)
            }
            Ok(value) => {
                tx.rollback().db()?;
                Ok(value)
            }
            Err(e) => {
                // The operation's own error says more than a failed rollback would;
                // dropping the transaction retries the rollback.
                let _ = tx.rollback();
                Err(e)
            }
        }
    }
}

impl Store for SqliteStore {
    fn write<T>(&self, f: impl Fn(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
        self.run(TransactionBehavior::Immediate, true, f)
    }

    fn read<T>(&self, f: impl FnOnce(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
        self.run(TransactionBehavior::Deferred, false, |tx| {
            f(&mut backspace_core::read_only::ReadOnly(tx))
        })
    }
}
