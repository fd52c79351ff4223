//! The `Backspace` object: every operation of SPEC §14 under the same names (uniffi turns them
//! into camelCase for Kotlin and Swift). Each method is a thin call into
//! `backspace_core::Backspace<SqliteStore>`: the rules, messages and errors are the core's.
//!
//! Optional arguments (`at`, `email`, `note`, …) default to null; `at` left null means "now",
//! read inside the operation's transaction (R-TIME-3, R-TIME-4).

mod corrections;
mod customers;
mod ereceipts;
mod inventory;
mod invoices;
mod reports;
mod reservations;
mod resources;
mod sessions;
mod staff;
mod subscriptions;

use std::sync::Arc;

use backspace_core as bs;
use backspace_sqlite::SqliteStore;
use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::settings::{Settings, SettingsUpdate};

/// A coworking space's front desk over one SQLite file (or memory). Safe to share between threads;
/// several objects (and processes) may open the same file (R-DB-5).
#[derive(uniffi::Object)]
pub struct Backspace {
    inner: bs::Backspace<SqliteStore>,
}

impl Backspace {
    /// The core front desk this object wraps.
    pub fn core(&self) -> &bs::Backspace<SqliteStore> {
        &self.inner
    }
}

#[uniffi::export]
impl Backspace {
    /// Opens (creating if needed) the database file at `path`, migrating an older file (R-DB-2).
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<Self>> {
        let store = SqliteStore::open(path)?;
        Ok(Arc::new(Backspace {
            inner: bs::Backspace::new(store),
        }))
    }

    /// A fresh front desk in memory (`:memory:`), for tests and throwaway desks.
    #[uniffi::constructor]
    pub fn in_memory() -> Result<Arc<Self>> {
        let store = SqliteStore::in_memory()?;
        Ok(Arc::new(Backspace {
            inner: bs::Backspace::new(store),
        }))
    }

    /// The clock's current instant (the "now" of operations called without `at`).
    pub fn now(&self) -> DateTime<Utc> {
        self.inner.now()
    }

    /// The space's settings: time zone, pricing policy, plan prices, due days, currency.
    pub fn settings(&self) -> Result<Settings> {
        Ok(self.inner.settings()?.into())
    }

    /// Changes the settings given in `update`; every given field is validated first.
    pub fn update_settings(&self, update: SettingsUpdate) -> Result<Settings> {
        Ok(self.inner.update_settings(update.try_into()?)?.into())
    }
}
