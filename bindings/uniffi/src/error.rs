//! The one exception type of the bindings: a variant per [`backspace_core::ErrorKind`] (R-ERR-1, R-ERR-2).
//!
//! It is a *flat* error: only the variant and the Rust error's text cross the FFI, so Kotlin's
//! `BackspaceException.Validation(...).message` and Swift's `BackspaceError.Validation(message:)`
//! carry exactly the message the Rust core gives (`invalid phone: …`, `customer not found: …`).

use backspace_core::{Error, ErrorKind};

/// A failed Backspace operation; nothing was written (R-ERR-2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum BackspaceError {
    /// Bad input: which field and why.
    #[error("{message}")]
    Validation {
        /// The R-ERR-1 text.
        message: String,
    },
    /// An id, number or phone that names nothing.
    #[error("{message}")]
    NotFound {
        /// The R-ERR-1 text.
        message: String,
    },
    /// The request clashes with current state (busy seat, duplicate phone, …).
    #[error("{message}")]
    Conflict {
        /// The R-ERR-1 text.
        message: String,
    },
    /// Not enough items in stock.
    #[error("{message}")]
    InsufficientStock {
        /// The R-ERR-1 text.
        message: String,
    },
    /// The entity is in the wrong state for the operation (session ended, invoice paid).
    #[error("{message}")]
    InvalidState {
        /// The R-ERR-1 text.
        message: String,
    },
    /// A payment above what is due.
    #[error("{message}")]
    Overpayment {
        /// The R-ERR-1 text.
        message: String,
    },
    /// A `balance` payment above the customer's credit.
    #[error("{message}")]
    InsufficientCredit {
        /// The R-ERR-1 text.
        message: String,
    },
    /// The store failed (disk, lock, corrupt or newer file).
    #[error("{message}")]
    Storage {
        /// The R-ERR-1 text.
        message: String,
    },
}

impl From<Error> for BackspaceError {
    fn from(e: Error) -> Self {
        let message = e.to_string();
        match e.kind() {
            ErrorKind::Validation => BackspaceError::Validation { message },
            ErrorKind::NotFound => BackspaceError::NotFound { message },
            ErrorKind::Conflict => BackspaceError::Conflict { message },
            ErrorKind::InsufficientStock => BackspaceError::InsufficientStock { message },
            ErrorKind::InvalidState => BackspaceError::InvalidState { message },
            ErrorKind::Overpayment => BackspaceError::Overpayment { message },
            ErrorKind::InsufficientCredit => BackspaceError::InsufficientCredit { message },
            ErrorKind::Storage => BackspaceError::Storage { message },
        }
    }
}

impl BackspaceError {
    /// A validation error on `field`, worded as the core words them (`invalid {field}: {reason}`).
    pub fn validation(field: &str, reason: impl Into<String>) -> Self {
        Error::validation(field, reason).into()
    }
}

/// Result of every exported operation.
pub type Result<T, E = BackspaceError> = std::result::Result<T, E>;

/// A count argument (minutes, days, n) that must fit the core's `u32`.
pub(crate) fn non_negative(field: &str, v: i32) -> Result<u32> {
    u32::try_from(v)
        .map_err(|_| BackspaceError::validation(field, format!("must not be negative, got {v}")))
}

/// A `u32` count for the bindings' `Int` (every such count in the core is far below `i32::MAX`).
pub(crate) fn to_i32(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_maps_to_its_variant_with_the_core_message() {
        let e: BackspaceError = Error::validation("phone", "\"0101\" is too short").into();
        assert_eq!(
            e,
            BackspaceError::Validation {
                message: "invalid phone: \"0101\" is too short".into()
            }
        );
        assert_eq!(e.to_string(), "invalid phone: \"0101\" is too short");
        let e: BackspaceError = Error::not_found("customer", "C-042").into();
        assert!(matches!(e, BackspaceError::NotFound { .. }));
        assert_eq!(e.to_string(), "customer not found: C-042");
        let e: BackspaceError = Error::Storage("disk full".into()).into();
        assert_eq!(e.to_string(), "storage error: disk full");
        assert!(non_negative("unit_minutes", -1).is_err());
        assert_eq!(non_negative("unit_minutes", 15), Ok(15));
    }
}
