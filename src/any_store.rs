//! [`AnyStore`]: a SQLite file or a branch on PostgreSQL behind one type, for programs that
//! choose the store when they run (the command line, the Python package).

use backspace_core::{Result, Store, StoreTx};
use backspace_postgres::PostgresStore;
use backspace_sqlite::SqliteStore;

/// Either store; every call goes to the one inside.
#[derive(Debug)]
pub enum AnyStore {
    /// A SQLite file (or `:memory:`).
    Sqlite(SqliteStore),
    /// A branch of a chain (or the chain view) on PostgreSQL (boxed: it is the larger).
    Postgres(Box<PostgresStore>),
}

impl Store for AnyStore {
    fn write<T>(&self, f: impl Fn(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
        match self {
            AnyStore::Sqlite(s) => s.write(f),
            AnyStore::Postgres(p) => p.as_ref().write(f),
        }
    }

    fn read<T>(&self, f: impl FnOnce(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
        match self {
            AnyStore::Sqlite(s) => s.read(f),
            AnyStore::Postgres(p) => p.as_ref().read(f),
        }
    }
}

impl From<SqliteStore> for AnyStore {
    fn from(store: SqliteStore) -> Self {
        AnyStore::Sqlite(store)
    }
}

impl From<PostgresStore> for AnyStore {
    fn from(store: PostgresStore) -> Self {
        AnyStore::Postgres(Box::new(store))
    }
}
