//! # backspace
//!
//! The front desk of a coworking space: customers, seats and rooms, timed sessions,
//! subscriptions, café stock, invoices, payments, balances and reports, kept in one SQLite file.
//!
//! This crate is the facade: everything of [`backspace_core`] (the rules, the entities, the
//! [`Backspace`] operations) plus the SQLite store of [`backspace_sqlite`].
//!
//! ```
//! use backspace::prelude::*;
//!
//! let desk = Backspace::in_memory()?; // or Backspace::open("space.sqlite")?
//! let mona = desk.register_customer(NewCustomer::new("منى عادل", "010 1234 5678"))?;
//! let seat = desk.add_resource("Seat 1", ResourceType::Seat, Decimal::new(3000, 2))?;
//! let now = desk.now();
//! let an_hour_ago = now - backspace::chrono::Duration::hours(1);
//! let session = desk.at(an_hour_ago).start_session(mona.id, seat.id)?;
//! let invoice = desk.at(now).end_session(session.id, EndSession::default())?; // 60 minutes at 30.00 an hour
//! assert_eq!((invoice.invoice_number.as_str(), invoice.total), ("INV-0001", Decimal::new(3000, 2)));
//! desk.record_payment(invoice.id, NewPayment::new(invoice.total, PaymentMethod::Cash))?;
//! # Ok::<(), backspace::Error>(())
//! ```
//!
//! The free functions [`open`] and [`in_memory`] do the same without the prelude.

#![warn(missing_docs)]

use std::path::Path;

pub use backspace_core::*;
pub use backspace_sqlite::{SqliteOptions, SqliteStore, Synchronous};

/// A front desk over a SQLite store.
pub type Desk = Backspace<SqliteStore>;

/// Opens (creating if needed) the desk kept in the SQLite file at `path`.
pub fn open(path: impl AsRef<Path>) -> Result<Desk> {
    SqliteStore::open(path).map(Backspace::new)
}

/// Opens the desk kept in the SQLite file at `path` with explicit durability and busy timeout.
pub fn open_with(path: impl AsRef<Path>, options: SqliteOptions) -> Result<Desk> {
    SqliteStore::open_with(path, options).map(Backspace::new)
}

/// A fresh desk in memory (nothing is written to disk).
pub fn in_memory() -> Result<Desk> {
    SqliteStore::in_memory().map(Backspace::new)
}

#[cfg(feature = "postgres")]
mod any_store;
#[cfg(feature = "postgres")]
pub use any_store::AnyStore;

/// A front desk over one branch of a chain on PostgreSQL (feature `postgres`).
#[cfg(feature = "postgres")]
pub type ChainDesk = Backspace<backspace_postgres::PostgresStore>;

/// The PostgreSQL store and the chain's administration (feature `postgres`).
#[cfg(feature = "postgres")]
pub use backspace_postgres::{Branch, Chain, NewBranch, PostgresStore};

/// Opens branch `branch_code` of the chain whose database is at `url` (R-CHAIN-2), creating or
/// upgrading its schema (feature `postgres`).
#[cfg(feature = "postgres")]
pub fn open_postgres(url: &str, branch_code: &str) -> Result<ChainDesk> {
    PostgresStore::open(url, branch_code).map(Backspace::new)
}

/// Moves the single-space SQLite file at `from` into branch `branch_code` of the chain at `url`
/// (R-CHAIN-4): every record copied as it is, in one transaction; the branch must be empty and
/// the chain without customers or staff (feature `postgres`). The file is not changed.
#[cfg(feature = "postgres")]
pub fn migrate_sqlite_to_postgres(
    from: impl AsRef<Path>,
    url: &str,
    branch_code: &str,
) -> Result<backspace_postgres::ImportReport> {
    let from = from.as_ref();
    if !from.is_file() {
        return Err(Error::not_found("file", from.display()));
    }
    let source = SqliteStore::open(from)?;
    PostgresStore::open(url, branch_code)?.import_space(&source)
}

/// Constructors of a [`Backspace`] over SQLite: `Backspace::open(path)`, `Backspace::in_memory()`.
pub trait BackspaceSqlite: Sized {
    /// Opens (creating if needed) the desk kept in the SQLite file at `path`.
    fn open(path: impl AsRef<Path>) -> Result<Self>;
    /// A fresh desk in memory.
    fn in_memory() -> Result<Self>;
}

impl BackspaceSqlite for Backspace<SqliteStore> {
    fn open(path: impl AsRef<Path>) -> Result<Self> {
        open(path)
    }

    fn in_memory() -> Result<Self> {
        in_memory()
    }
}

/// The names most programs need: `use backspace::prelude::*;`.
pub mod prelude {
    pub use crate::{BackspaceSqlite, Desk, SqliteOptions, SqliteStore, Synchronous};
    pub use backspace_core::{
        Backspace, Category, Checkout, CloseShift, Customer, CustomerType, Decimal, EndSession,
        Error, ErrorKind, Invoice, InvoiceFilter, InvoiceStatus, NewCustomer, NewOperator,
        NewPayment, NewSubscription, OpenShift, OperatorUpdate, PaymentMethod, Plan, Resource,
        ResourceType, Result, Role, Session, Settings, SettingsUpdate, Uuid,
    };
}

/// The Rust code blocks of the README, run as doc tests so that a newcomer's first snippet works.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
