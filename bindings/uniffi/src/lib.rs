//! # backspace-uniffi
//!
//! Kotlin and Swift bindings of Backspace, made with uniffi's proc-macros. The entities, reports
//! and enums are the core's own types, which derive their uniffi traits in `backspace-core`
//! behind its `uniffi` feature (re-exported here from [`records`], [`enums`], [`reports`],
//! [`staff`]), as are the value types' mappings and the one exception type
//! (`backspace_core::ffi`). This crate adds the [`Backspace`] object with every operation of SPEC
//! §14, and the settings' FFI shapes ([`settings`]).
//!
//! Kotlin: `Backspace.open(path)` / `Backspace.inMemory()`, `java.math.BigDecimal`, `java.util.UUID`,
//! `java.time.Instant`, `java.time.LocalDate`, `BackspaceException.Validation` …
//! Swift: `Backspace.open(path:)`, `Decimal`, `UUID`, `Date`, `BackspaceError.Validation(message:)` …
//!
//! No panic crosses the FFI (R-ERR-2): nothing here unwraps caller input, and a value that cannot be
//! lifted (a decimal, uuid or date string that is none) is a `Validation` error.

pub mod desk;
pub mod enums;
pub mod records;
pub mod reports;
pub mod settings;
pub mod staff;

pub use backspace_core::ffi::{BackspaceError, custom_types};
pub use desk::Backspace;

/// The core's error mapping and count helpers, under the names the operations use.
pub(crate) mod error {
    pub use backspace_core::ffi::{BackspaceError, Result, non_negative, to_i32};
}

uniffi::setup_scaffolding!("backspace");

// The value types cross as the core declares them (`backspace_core::ffi::custom_types`).
use backspace_core::ffi::{BusinessDate, Timestamp};
use backspace_core::{Decimal, Uuid};
uniffi::use_remote_type!(backspace_core::Decimal);
uniffi::use_remote_type!(backspace_core::Uuid);
uniffi::use_remote_type!(backspace_core::Timestamp);
uniffi::use_remote_type!(backspace_core::BusinessDate);
