//! `Store` for [`SqliteStore`]: writes in `BEGIN IMMEDIATE` transactions (R-TIME-4, R-DB-1),
//! reads in deferred ones that see one snapshot, refuse writes (`ReadOnly`) and are rolled back.

use std::sync::MutexGuard;

use backspace_core::{Result, Store, StoreTx};
use rusqlite::{Connection, TransactionBehavior};

use crate::SqliteStore;
use crate::error::Db;
use crate::tx::SqliteTx;

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
        let out = f(&mut SqliteTx::new(&tx));
        match out {
            Ok(value) if commit => {
                tx.commit().db()?;
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
