//! # backspace-sqlite
//!
//! The SQLite store of Backspace (SPEC §13): one file in WAL mode with foreign keys on, a busy
//! timeout, versioned migrations, write transactions that take the write lock at start, the
//! invariants as schema constraints, and the reports as indexed SQL aggregates.
//!
//! The file is plain to read with the `sqlite3` shell: instants are ISO-8601 UTC text, dates
//! `YYYY-MM-DD`, money integer piastres in columns ending `_piastres`.
//!
//! ```
//! use backspace_core::{Backspace, ResourceType};
//! use backspace_sqlite::SqliteStore;
//! use rust_decimal::Decimal;
//!
//! let desk = Backspace::new(SqliteStore::in_memory()?);
//! let seat = desk.add_resource("Seat 1", ResourceType::Seat, Decimal::new(3000, 2))?;
//! assert_eq!(desk.list_resources()?, vec![seat]);
//! # Ok::<(), backspace_core::Error>(())
//! ```

#![warn(missing_docs)]

use std::sync::Mutex;

use rusqlite::Connection;

/// SQL statements the SQLite stores of this process have run (feature `stmt-count`), BEGIN and
/// COMMIT included: the benchmarks' statements-per-operation table.
#[cfg(feature = "stmt-count")]
pub fn statements() -> u64 {
    query::STATEMENTS.load(std::sync::atomic::Ordering::Relaxed)
}

mod constraints;
mod convert;
mod credit_notes;
mod customers;
mod ereceipts;
mod error;
mod inventory;
mod invoices;
mod ledger;
mod open;
mod query;
mod reports;
mod reservations;
mod resources;
mod schema;
mod sessions;
mod settings;
mod shifts;
mod staff;
mod store;
mod subscriptions;
mod trail;
mod tx;

pub use open::{SqliteOptions, Synchronous};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};

/// A Backspace store in one SQLite database: one connection behind a lock.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Mutex<Connection>,
    /// What the last committed write knew ([`tx::Known`]), with the data version it saw.
    known: Mutex<Option<(i64, Box<tx::Known>)>>,
}

/// The code blocks of the crate's README, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
