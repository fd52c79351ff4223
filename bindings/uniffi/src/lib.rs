//! # backspace-uniffi
//!
//! Kotlin and Swift bindings of Backspace, made with uniffi's proc-macros. The core stays free of
//! FFI attributes: this crate mirrors its records and enums ([`records`], [`enums`], [`reports`],
//! [`settings`]), maps its value types to native ones ([`custom_types`]), its errors to one
//! exception type ([`error`]), and exposes every operation of SPEC §14 on the [`Backspace`] object.
//!
//! Kotlin: `Backspace.open(path)` / `Backspace.inMemory()`, `java.math.BigDecimal`, `java.util.UUID`,
//! `java.time.Instant`, `java.time.LocalDate`, `BackspaceException.Validation` …
//! Swift: `Backspace.open(path:)`, `Decimal`, `UUID`, `Date`, `BackspaceError.Validation(message:)` …
//!
//! No panic crosses the FFI (R-ERR-2): nothing here unwraps caller input, and a value that cannot be
//! lifted (a decimal, uuid or date string that is none) is a `Validation` error.

pub mod custom_types;
pub mod desk;
pub mod enums;
pub mod error;
pub mod records;
pub mod reports;
pub mod settings;
pub mod staff;

pub use desk::Backspace;
pub use error::BackspaceError;

uniffi::setup_scaffolding!("backspace");
