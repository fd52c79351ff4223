//! What the Kotlin and Swift bindings need from the core (feature `uniffi`; the default build has
//! none of it): the value types as uniffi custom types ([`custom_types`]), the one exception type
//! ([`error`]), and — through `cfg_attr` derives on the entities, reports and enums themselves —
//! every record the bindings return. Each entity is declared once, in the core; the binding crate
//! (`bindings/uniffi`) adds the `Backspace` object and the settings' FFI shapes.

pub mod custom_types;
pub mod error;

pub use custom_types::{BusinessDate, Timestamp};
pub use error::{BackspaceError, Result, non_negative, to_i32};
