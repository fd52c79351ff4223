//! The one exception type of the bindings: a variant per [`crate::ErrorKind`] (R-ERR-1, R-ERR-2).
//!
//! Each variant carries the core error's data as fields (the same ones Python exposes:
//! `field`/`reason`, `entity`/`id`, `item`/`available`/`requested`, `invoice`/`due`/`amount`,
//! `available`/`amount`) plus `error_message`, the Rust error's text (not `message`: it
//! would clash with Kotlin's `Throwable.message`, which uniffi builds from the fields). Money fields are `Decimal`
//! (`BigDecimal` in Kotlin, `Decimal` in Swift). [`From<Error>`] is the one mapping.

use crate::Error;
use rust_decimal::Decimal;

/// A failed Backspace operation; nothing was written (R-ERR-2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum BackspaceError {
    /// Bad input: which field and why.
    #[error("{error_message}")]
    Validation {
        /// The argument or field at fault (`phone`, `amount`, …).
        field: String,
        /// Why it was refused.
        reason: String,
        /// The R-ERR-1 text.
        error_message: String,
    },
    /// An id, number or phone that names nothing.
    #[error("{error_message}")]
    NotFound {
        /// `customer`, `resource`, `session`, `invoice`, …
        entity: String,
        /// The id, number or phone asked for.
        id: String,
        /// The R-ERR-1 text.
        error_message: String,
    },
    /// The request clashes with current state (busy seat, duplicate phone, …).
    #[error("{error_message}")]
    Conflict {
        /// The R-ERR-1 text.
        error_message: String,
    },
    /// Not enough items in stock.
    #[error("{error_message}")]
    InsufficientStock {
        /// Item name.
        item: String,
        /// Units in stock.
        available: i64,
        /// Units asked for.
        requested: i64,
        /// The R-ERR-1 text.
        error_message: String,
    },
    /// The entity is in the wrong state for the operation (session ended, invoice paid).
    #[error("{error_message}")]
    InvalidState {
        /// The R-ERR-1 text.
        error_message: String,
    },
    /// A payment above what is due, or a refund above what is refundable.
    #[error("{error_message}")]
    Overpayment {
        /// Invoice number.
        invoice: String,
        /// What can still be paid (or refunded).
        due: Decimal,
        /// Amount offered.
        amount: Decimal,
        /// The R-ERR-1 text.
        error_message: String,
    },
    /// A `balance` payment above the customer's credit.
    #[error("{error_message}")]
    InsufficientCredit {
        /// Credit the customer holds.
        available: Decimal,
        /// Amount asked for.
        amount: Decimal,
        /// The R-ERR-1 text.
        error_message: String,
    },
    /// Staff rules refuse the call (R-STAFF-2, R-STAFF-3): no one signed in, a wrong or locked
    /// PIN, a deactivated operator, or a role without the permission.
    #[error("{error_message}")]
    Forbidden {
        /// The operator as `role name`, or null when no one is signed in.
        operator: Option<String>,
        /// The permission needed (`corrections`, `settings`, …) or `sign_in`.
        permission: String,
        /// The R-ERR-1 text.
        error_message: String,
    },
    /// The store failed (disk, lock, corrupt or newer file).
    #[error("{error_message}")]
    Storage {
        /// Whether the same call may succeed if made again (a busy database).
        retryable: bool,
        /// The R-ERR-1 text.
        error_message: String,
    },
}

impl From<Error> for BackspaceError {
    fn from(e: Error) -> Self {
        let message = e.to_string();
        match e {
            Error::Validation { field, reason } => BackspaceError::Validation {
                field,
                reason,
                error_message: message,
            },
            Error::NotFound { entity, id } => BackspaceError::NotFound {
                entity: entity.to_string(),
                id,
                error_message: message,
            },
            Error::Conflict(_) => BackspaceError::Conflict {
                error_message: message,
            },
            Error::InsufficientStock {
                item,
                available,
                requested,
            } => BackspaceError::InsufficientStock {
                item,
                available,
                requested,
                error_message: message,
            },
            Error::InvalidState(_) => BackspaceError::InvalidState {
                error_message: message,
            },
            Error::Overpayment {
                invoice,
                due,
                amount,
                ..
            } => BackspaceError::Overpayment {
                invoice,
                due,
                amount,
                error_message: message,
            },
            Error::InsufficientCredit { available, amount } => BackspaceError::InsufficientCredit {
                available,
                amount,
                error_message: message,
            },
            Error::Forbidden {
                operator,
                permission,
                ..
            } => BackspaceError::Forbidden {
                operator,
                permission,
                error_message: message,
            },
            Error::Storage { retryable, .. } => BackspaceError::Storage {
                retryable,
                error_message: message,
            },
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
pub fn non_negative(field: &str, v: i32) -> Result<u32> {
    u32::try_from(v)
        .map_err(|_| BackspaceError::validation(field, format!("must not be negative, got {v}")))
}

/// A `u32` count for the bindings' `Int` (every such count in the core is far below `i32::MAX`).
pub fn to_i32(v: u32) -> i32 {
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
                field: "phone".into(),
                reason: "\"0101\" is too short".into(),
                error_message: "invalid phone: \"0101\" is too short".into()
            }
        );
        assert_eq!(e.to_string(), "invalid phone: \"0101\" is too short");
        let e: BackspaceError = Error::not_found("customer", "C-042").into();
        assert!(matches!(e, BackspaceError::NotFound { .. }));
        assert_eq!(e.to_string(), "customer not found: C-042");
        let e: BackspaceError = Error::storage("disk full").into();
        assert_eq!(e.to_string(), "storage error: disk full");
        assert!(non_negative("unit_minutes", -1).is_err());
        assert_eq!(non_negative("unit_minutes", 15), Ok(15));
    }
}
