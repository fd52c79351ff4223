//! # backspace-postgres
//!
//! The PostgreSQL store of Backspace (SPEC §19): a chain of branches on one database that many
//! desks and machines use at once. Each desk opens one branch; customers, balances,
//! subscriptions and staff are the chain's. Writes run `SERIALIZABLE` and are retried inside the
//! store when PostgreSQL aborts them for a concurrent one; the rules a store enforces (unique
//! phone, one active session per resource and per customer, gapless numbers, stock never
//! negative, bookings never overlapping) are constraints of the schema too.
//!
//! ```no_run
//! use backspace_core::{Backspace, ResourceType};
//! use backspace_postgres::{Chain, NewBranch, PostgresStore};
//! use rust_decimal::Decimal;
//!
//! let url = "host=/var/run/postgresql user=backspace dbname=backspace";
//! Chain::connect(url)?.add_branch(NewBranch::new("Alexandria", "ALX"))?;
//! let desk = Backspace::new(PostgresStore::open(url, "ALX")?);
//! desk.add_resource("Seat 1", ResourceType::Seat, Decimal::new(3000, 2))?;
//! # Ok::<(), backspace_core::Error>(())
//! ```

#![warn(missing_docs)]

use std::sync::Mutex;

mod chain;
mod context;
mod convert;
mod db;
mod error;
mod import;
mod migrations;
mod open;
mod store;
mod tx;

mod credit_notes;
mod customers;
mod ereceipts;
mod inventory;
mod invoices;
mod ledger;
mod reservations;
mod resources;
mod sessions;
mod settings;
mod shifts;
mod staff;
mod subscriptions;
mod trail;

#[cfg(feature = "testkit")]
pub mod testing;

pub use chain::{Branch, Chain, NewBranch};
pub use import::ImportReport;
pub use migrations::SCHEMA_VERSION;

/// Round trips to the server the stores of this process have made (feature `stmt-count`).
#[cfg(feature = "stmt-count")]
pub fn round_trips() -> u64 {
    db::ROUND_TRIPS.load(std::sync::atomic::Ordering::Relaxed)
}

/// A Backspace store on PostgreSQL: one branch of a chain (or the whole chain, read-only), one
/// connection behind a lock, reconnected when it drops.
pub struct PostgresStore {
    config: postgres::Config,
    scope: db::Scope,
    branch: Option<Branch>,
    conn: Mutex<Option<store::Conn>>,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The configuration may hold a password: never printed.
        f.debug_struct("PostgresStore")
            .field("branch", &self.branch)
            .finish_non_exhaustive()
    }
}

/// The code blocks of the crate's README, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
