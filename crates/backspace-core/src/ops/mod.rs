//! `Backspace<S>`: every operation of the front desk (SPEC §14), as one unit of work on a store.
//! Each operation validates its input first, then opens one write transaction, reads "now"
//! inside it (R-TIME-4), checks state, and writes. An `Err` anywhere leaves the store untouched.

mod access;
mod audit;
mod checkout;
mod corrections;
mod customers;
mod ereceipts;
mod inputs;
mod inventory;
mod invoices;
mod overlaps;
mod reports;
mod reservations;
mod resources;
mod sessions;
mod shifts;
mod staff;
mod subscriptions;
mod trail;

pub use inputs::{
    Checkout, CloseShift, EndSession, NewCustomer, NewOperator, NewPayment, NewReservation,
    NewSubscription, OpenShift, OperatorUpdate,
};

use access::Op;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::clock::{Clock, SystemClock, resolve_at};
use crate::error::{Error, Result};
use crate::settings::{Settings, SettingsUpdate};
use crate::staff::Permission;
use crate::store::{Store, StoreTx};

/// The largest item quantity, stock delta or restock accepted in one call.
pub const MAX_QUANTITY: i64 = 1_000_000_000;

/// A coworking space's front desk over a store `S`.
///
/// Operations record the current instant, read inside their write transaction (R-TIME-4).
/// [`Backspace::at`] gives the same desk recording a chosen instant instead (R-TIME-3):
/// `desk.at(nine_am).start_session(customer, seat)`. Cloning is cheap: clones share the store.
pub struct Backspace<S: Store> {
    store: Arc<S>,
    clock: Arc<dyn Clock>,
    at: Option<DateTime<Utc>>,
    operator: Option<Uuid>,
}

impl<S: Store> Clone for Backspace<S> {
    fn clone(&self) -> Self {
        Backspace {
            store: Arc::clone(&self.store),
            clock: Arc::clone(&self.clock),
            at: self.at,
            operator: self.operator,
        }
    }
}

impl<S: Store> std::fmt::Debug for Backspace<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backspace")
            .field("at", &self.at)
            .field("operator", &self.operator)
            .finish_non_exhaustive()
    }
}

impl<S: Store> Backspace<S> {
    /// A front desk over `store`, reading time from the system clock.
    pub fn new(store: S) -> Self {
        Self::with_clock(store, Arc::new(SystemClock))
    }

    /// A front desk over `store` with an injected clock (tests, simulations).
    pub fn with_clock(store: S, clock: Arc<dyn Clock>) -> Self {
        Backspace {
            store: Arc::new(store),
            clock,
            at: None,
            operator: None,
        }
    }

    /// The same desk, recording `at` as the instant of every operation (R-TIME-3): a back-dated
    /// entry, or a deterministic test. `None` goes back to "now". An instant more than five
    /// minutes in the future is refused by each operation.
    ///
    /// ```
    /// # use backspace_core::{Backspace, MemoryStore, NewCustomer};
    /// # use chrono::{TimeZone, Utc};
    /// let desk = Backspace::new(MemoryStore::new());
    /// let yesterday = Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap();
    /// let mona = desk.at(yesterday).register_customer(NewCustomer::new("منى", "01012345678"))?;
    /// assert_eq!(mona.created_at, yesterday);
    /// # Ok::<(), backspace_core::Error>(())
    /// ```
    pub fn at(&self, at: impl Into<Option<DateTime<Utc>>>) -> Self {
        Backspace {
            at: at.into(),
            ..self.clone()
        }
    }

    /// The instant this desk records, when one was chosen with [`Backspace::at`].
    pub fn fixed_at(&self) -> Option<DateTime<Utc>> {
        self.at
    }

    /// The underlying store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The clock's current instant.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Runs `f` over a consistent snapshot with the instant resolved inside it.
    fn read_at<T>(
        &self,
        f: impl FnOnce(&mut dyn StoreTx, DateTime<Utc>) -> Result<T>,
    ) -> Result<T> {
        self.store.read(|tx| {
            let at = resolve_at(self.at, self.clock.now())?;
            f(tx, at)
        })
    }

    /// Runs `f` over a consistent snapshot.
    fn read<T>(&self, f: impl FnOnce(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
        self.store.read(f)
    }

    /// The space's settings.
    pub fn settings(&self) -> Result<Settings> {
        self.read(|tx| tx.settings())
    }

    /// Changes some settings; every given field is validated first.
    ///
    /// The time zone can change only before any money is recorded: invoices carry their
    /// business dates, but payments and deposits are grouped into days by the zone, so a later
    /// change would mix two zones in one revenue day.
    pub fn update_settings(&self, update: SettingsUpdate) -> Result<Settings> {
        Settings::default().updated(&update)?;
        let u = &update;
        let text = |d: &Option<Option<rust_decimal::Decimal>>| {
            d.map(|v| v.map(|p| p.to_string()).unwrap_or_else(|| "none".into()))
        };
        let op = Op::new("update_settings", Permission::Settings)
            .undated()
            .opt("time_zone", u.time_zone.clone())
            .opt("unit_minutes", u.unit_minutes)
            .opt("rounding", u.rounding.map(|r| r.as_str()))
            .opt("grace_minutes", u.grace_minutes)
            .opt("minimum_minutes", u.minimum_minutes)
            .opt("daily_cap", text(&u.daily_cap))
            .opt("weekly_price", text(&u.weekly_price))
            .opt("half_monthly_price", text(&u.half_monthly_price))
            .opt("monthly_price", text(&u.monthly_price))
            .opt("invoice_due_days", u.invoice_due_days)
            .opt("currency", u.currency.clone())
            .opt(
                "max_cashier_discount",
                u.max_cashier_discount.map(|p| p.to_string()),
            )
            .opt("require_shift", u.require_shift);
        self.write(op, |tx, _| {
            let before = tx.settings()?;
            let settings = before.updated(&update)?;
            if settings.time_zone != before.time_zone && tx.has_money()? {
                return Err(Error::InvalidState(format!(
                    "the time zone stays {}: money is already recorded in it, and reports group \
                     it into business days of that zone",
                    before.time_zone.name()
                )));
            }
            tx.save_settings(&settings)?;
            Ok(settings)
        })
    }
}

/// Unwraps a looked-up record or names what was not found.
fn found<T>(record: Option<T>, entity: &'static str, id: impl ToString) -> Result<T> {
    record.ok_or_else(|| Error::not_found(entity, id))
}

/// Validates a count of items (≥ `min`, ≤ [`MAX_QUANTITY`]).
fn quantity(field: &str, n: i64, min: i64) -> Result<i64> {
    if n < min || n > MAX_QUANTITY {
        return Err(Error::validation(
            field,
            format!("must be between {min} and {MAX_QUANTITY}, got {n}"),
        ));
    }
    Ok(n)
}
