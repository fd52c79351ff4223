//! The context every entity module works in: one open transaction, the connection's prepared
//! statements, and the branch the desk opened (or the whole chain, read-only).

use std::collections::HashMap;

use backspace_core::{Error, Result};
use postgres::types::ToSql;
use postgres::{Client, GenericClient, Row, Statement, Transaction};

use crate::error::Db as _;

/// Parameters of a statement.
pub(crate) type Params<'p> = [&'p (dyn ToSql + Sync)];

/// Round trips to the server since the process started (feature `stmt-count`).
#[cfg(feature = "stmt-count")]
pub static ROUND_TRIPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Counts one round trip (feature `stmt-count`).
#[inline]
pub(crate) fn count() {
    #[cfg(feature = "stmt-count")]
    ROUND_TRIPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// What a desk sees: one branch, or every branch (the chain view, which only reads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scope {
    /// The branch's id, `None` in the chain view.
    pub(crate) branch: Option<i32>,
    /// The code numbers carry (`INV-ALX-0001`), `None` for plain numbers or the chain view.
    pub(crate) number_code: Option<String>,
}

/// What a transaction runs its statements on: the store's connection inside a transaction it
/// began itself (one round trip with the branch's turn lock), or a driver `Transaction`.
pub(crate) trait Queries {
    fn prepare(&mut self, sql: &str) -> std::result::Result<Statement, postgres::Error>;
    fn query_opt(
        &mut self,
        statement: &Statement,
        params: &Params<'_>,
    ) -> std::result::Result<Option<Row>, postgres::Error>;
    fn query(
        &mut self,
        statement: &Statement,
        params: &Params<'_>,
    ) -> std::result::Result<Vec<Row>, postgres::Error>;
    fn query_text(
        &mut self,
        sql: &str,
        params: &Params<'_>,
    ) -> std::result::Result<Vec<Row>, postgres::Error>;
    fn execute(
        &mut self,
        statement: &Statement,
        params: &Params<'_>,
    ) -> std::result::Result<u64, postgres::Error>;
}

macro_rules! queries_for {
    ($($t:ty),+) => {$(
        impl Queries for $t {
            fn prepare(&mut self, sql: &str) -> std::result::Result<Statement, postgres::Error> {
                GenericClient::prepare(self, sql)
            }
            fn query_opt(
                &mut self,
                statement: &Statement,
                params: &Params<'_>,
            ) -> std::result::Result<Option<Row>, postgres::Error> {
                GenericClient::query_opt(self, statement, params)
            }
            fn query(
                &mut self,
                statement: &Statement,
                params: &Params<'_>,
            ) -> std::result::Result<Vec<Row>, postgres::Error> {
                GenericClient::query(self, statement, params)
            }
            fn query_text(
                &mut self,
                sql: &str,
                params: &Params<'_>,
            ) -> std::result::Result<Vec<Row>, postgres::Error> {
                GenericClient::query(self, sql, params)
            }
            fn execute(
                &mut self,
                statement: &Statement,
                params: &Params<'_>,
            ) -> std::result::Result<u64, postgres::Error> {
                GenericClient::execute(self, statement, params)
            }
        }
    )+};
}
queries_for!(Client, Transaction<'_>);

/// One transaction of a store.
pub(crate) struct Db<'a, 'c> {
    tx: &'a mut (dyn Queries + 'c),
    statements: &'a mut HashMap<&'static str, Statement>,
    scope: &'a Scope,
}

impl<'a, 'c> Db<'a, 'c> {
    /// Wraps an open transaction.
    pub(crate) fn new(
        tx: &'a mut (dyn Queries + 'c),
        statements: &'a mut HashMap<&'static str, Statement>,
        scope: &'a Scope,
    ) -> Self {
        Db {
            tx,
            statements,
            scope,
        }
    }

    /// The branch to filter by: `$n::integer IS NULL OR branch_id = $n` matches every branch
    /// in the chain view.
    pub(crate) fn branch(&self) -> Option<i32> {
        self.scope.branch
    }

    /// The branch a write belongs to; the chain view refuses writes.
    pub(crate) fn writing_branch(&self) -> Result<i32> {
        self.scope.branch.ok_or_else(|| {
            Error::InvalidState(
                "the chain view only reads: open a branch to record anything".into(),
            )
        })
    }

    /// The code in this branch's numbers, if they carry one.
    pub(crate) fn number_code(&self) -> Option<&str> {
        self.scope.number_code.as_deref()
    }

    /// The prepared statement of `sql`, prepared once per connection.
    fn statement(&mut self, sql: &'static str) -> std::result::Result<Statement, postgres::Error> {
        if let Some(found) = self.statements.get(sql) {
            return Ok(found.clone());
        }
        count();
        let prepared = self.tx.prepare(sql)?;
        self.statements.insert(sql, prepared.clone());
        Ok(prepared)
    }

    /// The one row `sql` returns, if any, mapped by `map`.
    pub(crate) fn one<T>(
        &mut self,
        sql: &'static str,
        params: &Params<'_>,
        map: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        let statement = self.statement(sql).db()?;
        count();
        let row = self.tx.query_opt(&statement, params).db()?;
        row.as_ref().map(map).transpose()
    }

    /// Every row `sql` returns, mapped by `map`.
    pub(crate) fn many<T>(
        &mut self,
        sql: &'static str,
        params: &Params<'_>,
        map: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        let statement = self.statement(sql).db()?;
        count();
        let rows = self.tx.query(&statement, params).db()?;
        rows.iter().map(map).collect()
    }

    /// Every row of a statement built at run time (not cached), mapped by `map`.
    pub(crate) fn many_built<T>(
        &mut self,
        sql: &str,
        params: &Params<'_>,
        map: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        count();
        let rows = self.tx.query_text(sql, params).db()?;
        rows.iter().map(map).collect()
    }

    /// Runs a write statement; a broken constraint becomes its conflict (see `error.rs`).
    /// Returns the number of rows it changed.
    pub(crate) fn exec(&mut self, sql: &'static str, params: &Params<'_>) -> Result<u64> {
        let statement = self.statement(sql).db()?;
        count();
        self.tx.execute(&statement, params).db()
    }

    /// Runs a write statement and fails with not-found for `entity` unless it changed a row.
    pub(crate) fn exec_touching(
        &mut self,
        sql: &'static str,
        params: &Params<'_>,
        entity: &'static str,
        id: impl ToString,
    ) -> Result<()> {
        if self.exec(sql, params)? == 0 {
            Err(Error::not_found(entity, id))
        } else {
            Ok(())
        }
    }
}
