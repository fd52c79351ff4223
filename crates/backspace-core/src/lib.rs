//! # backspace-core
//!
//! The rules of a coworking space's front desk: money, pricing, sessions, subscriptions,
//! café stock, invoices, payments and the balance ledger, over any [`Store`].
//! No I/O and no FFI: storage lives in store crates (`backspace-sqlite`), bindings elsewhere.
//!
//! ```
//! use backspace_core::{Backspace, Checkout, MemoryStore, NewCustomer, NewPayment, ResourceType};
//! use chrono::Duration;
//! use rust_decimal::Decimal;
//!
//! let desk = Backspace::new(MemoryStore::new());
//! let mona = desk.register_customer(NewCustomer::new("منى عادل", "010 1234 5678"))?;
//! let seat = desk.add_resource("Seat 1", ResourceType::Seat, Decimal::new(3000, 2))?;
//! // `at` records an instant other than now (R-TIME-3): here, a session that began an hour ago.
//! let session = desk.at(desk.now() - Duration::hours(1)).start_session(mona.id, seat.id)?;
//! let invoice = desk.checkout(session.id, Checkout::paying([NewPayment::cash(Decimal::new(3000, 2))]))?;
//! assert_eq!((invoice.invoice_number.as_str(), invoice.total), ("INV-0001", Decimal::new(3000, 2)));
//! # Ok::<(), backspace_core::Error>(())
//! ```
//!
//! ## Features
//!
//! - `testkit`: the store conformance suite (`conformance_tests!`), the invariant checker and
//!   a settable test clock, for crates that implement [`Store`].

#![warn(missing_docs)]

pub mod clock;
pub mod error;
pub mod memory;
pub mod model;
pub mod money;
mod ops;
pub mod phone;
pub mod phone_metadata;
pub mod pricing;
pub mod reports;
pub mod settings;
pub mod store;
pub mod text;
pub mod trail;

#[cfg(any(test, feature = "testkit"))]
pub mod testkit;

pub use chrono;
pub use chrono_tz;
pub use clock::{Clock, SystemClock};
pub use error::{Error, ErrorKind, Result};
pub use memory::MemoryStore;
pub use model::*;
pub use ops::{
    Backspace, Checkout, EndSession, MAX_QUANTITY, NewCustomer, NewPayment, NewSubscription,
};
pub use reports::{OutstandingInvoice, ResourceUtilization, RevenueDay, TopCustomer, ZReport};
pub use rust_decimal::Decimal;
pub use settings::{PlanPrices, PricingPolicy, Rounding, Settings, SettingsUpdate};
pub use store::{Counter, SessionSpan, Store, StoreTx};
pub use trail::{BrokenDocument, TrailEntry, TrailKind, TrailReport};
pub use uuid::Uuid;

/// The code blocks of the crate's README, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
