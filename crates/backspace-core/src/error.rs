//! The one error type of Backspace (R-ERR-1). Every failure is one of these kinds.

use rust_decimal::Decimal;

/// Result of every Backspace operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The kind of an [`Error`], for bindings that map each kind to a native exception.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Bad input: which field and why.
    Validation,
    /// An id, number or phone that names nothing.
    NotFound,
    /// The request clashes with current state (busy seat, duplicate phone, …).
    Conflict,
    /// Not enough items in stock.
    InsufficientStock,
    /// The entity is in the wrong state for the operation.
    InvalidState,
    /// A payment above what is due.
    Overpayment,
    /// A `balance` payment above the customer's credit.
    InsufficientCredit,
    /// The operator may not do this, or no one is signed in, or the operator is locked (R-STAFF-2, R-STAFF-3).
    Forbidden,
    /// The store failed (disk, lock, corrupt file).
    Storage,
}

/// A failed operation. A failed operation writes nothing (R-ERR-2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule; nothing was looked up or written.
    #[error("invalid {field}: {reason}")]
    Validation {
        /// The argument or field at fault (`phone`, `amount`, …).
        field: String,
        /// Why it was refused, with the offending value where useful.
        reason: String,
    },
    /// The entity does not exist.
    #[error("{entity} not found: {id}")]
    NotFound {
        /// `customer`, `resource`, `session`, …
        entity: &'static str,
        /// The id, number or phone that was asked for.
        id: String,
    },
    /// The operation clashes with existing state.
    #[error("{0}")]
    Conflict(String),
    /// Stock does not cover the request; nothing changed.
    #[error("insufficient stock for {item}: {available} available, {requested} requested")]
    InsufficientStock {
        /// Item name.
        item: String,
        /// Units in stock.
        available: i64,
        /// Units asked for.
        requested: i64,
    },
    /// The entity is not in a state that allows the operation.
    #[error("{0}")]
    InvalidState(String),
    /// A payment above the amount still due, or a refund above what can be refunded.
    #[error("overpayment on {invoice}: {amount} asked but only {due} is {limit}")]
    Overpayment {
        /// Invoice number.
        invoice: String,
        /// What can still be paid (or refunded).
        due: Decimal,
        /// Amount asked for.
        amount: Decimal,
        /// `"due"` for a payment, `"refundable"` for a refund (R-CORR-2).
        limit: &'static str,
    },
    /// A `balance` payment above the customer's credit.
    #[error("insufficient credit: {amount} asked but the customer holds {available}")]
    InsufficientCredit {
        /// Credit held for the customer.
        available: Decimal,
        /// Amount asked for.
        amount: Decimal,
    },
    /// Staff rules refuse it (R-STAFF-2, R-STAFF-3): no one signed in, a wrong or locked PIN,
    /// a deactivated operator, or a role without the permission.
    #[error("forbidden: {reason}")]
    Forbidden {
        /// The operator as `role name` (`cashier Mona`), or `None` when no one is signed in.
        operator: Option<String>,
        /// The permission needed (`corrections`, `settings`, …) or `sign_in`.
        permission: String,
        /// Why, in a sentence (never containing a PIN).
        reason: String,
    },
    /// The store failed.
    #[error("storage error: {message}")]
    Storage {
        /// What failed, in a sentence.
        message: String,
        /// Whether the same call may succeed if made again (a busy or locked database, a
        /// transaction aborted for serialization); nothing was written either way.
        retryable: bool,
        /// The store's own error, when there is one.
        #[source]
        source: Option<StorageSource>,
    },
}

/// A store's own error behind [`Error::Storage`], shared so that errors stay `Clone`; two
/// sources are equal when their texts are.
#[derive(Clone)]
pub struct StorageSource(pub std::sync::Arc<dyn std::error::Error + Send + Sync>);

impl std::fmt::Debug for StorageSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

impl std::fmt::Display for StorageSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for StorageSource {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl PartialEq for StorageSource {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_string() == other.0.to_string()
    }
}

impl Eq for StorageSource {}

impl Error {
    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Validation { .. } => ErrorKind::Validation,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::InsufficientStock { .. } => ErrorKind::InsufficientStock,
            Error::InvalidState(_) => ErrorKind::InvalidState,
            Error::Overpayment { .. } => ErrorKind::Overpayment,
            Error::InsufficientCredit { .. } => ErrorKind::InsufficientCredit,
            Error::Forbidden { .. } => ErrorKind::Forbidden,
            Error::Storage { .. } => ErrorKind::Storage,
        }
    }

    /// A validation error on `field`.
    pub fn validation(field: &str, reason: impl Into<String>) -> Self {
        Error::Validation {
            field: field.to_string(),
            reason: reason.into(),
        }
    }

    /// A storage failure that retrying will not cure.
    pub fn storage(message: impl Into<String>) -> Self {
        Error::Storage {
            message: message.into(),
            retryable: false,
            source: None,
        }
    }

    /// A storage failure caused by the store's own error `source`.
    pub fn storage_from(
        message: impl Into<String>,
        retryable: bool,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Error::Storage {
            message: message.into(),
            retryable,
            source: Some(StorageSource(std::sync::Arc::new(source))),
        }
    }

    /// Whether the same call may succeed if made again (R-ERR-1: a busy database).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::Storage {
                retryable: true,
                ..
            }
        )
    }

    /// A not-found error for `entity` with `id`.
    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            entity,
            id: id.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_err_1_every_kind_has_a_clear_message() {
        let cases = [
            (
                Error::validation("phone", "\"0101\" is too short"),
                ErrorKind::Validation,
                "invalid phone: \"0101\" is too short",
            ),
            (
                Error::not_found("customer", "C-042"),
                ErrorKind::NotFound,
                "customer not found: C-042",
            ),
            (
                Error::Conflict("Seat 1 is busy".into()),
                ErrorKind::Conflict,
                "Seat 1 is busy",
            ),
            (
                Error::InsufficientStock {
                    item: "Tea".into(),
                    available: 2,
                    requested: 3,
                },
                ErrorKind::InsufficientStock,
                "insufficient stock for Tea: 2 available, 3 requested",
            ),
            (
                Error::InvalidState("INV-0001 is already paid".into()),
                ErrorKind::InvalidState,
                "INV-0001 is already paid",
            ),
            (
                Error::Overpayment {
                    invoice: "INV-0001".into(),
                    due: Decimal::new(3000, 2),
                    amount: Decimal::new(3001, 2),
                    limit: "due",
                },
                ErrorKind::Overpayment,
                "overpayment on INV-0001: 30.01 asked but only 30.00 is due",
            ),
            (
                Error::InsufficientCredit {
                    available: Decimal::new(0, 2),
                    amount: Decimal::new(100, 2),
                },
                ErrorKind::InsufficientCredit,
                "insufficient credit: 1.00 asked but the customer holds 0.00",
            ),
            (
                Error::storage("disk full"),
                ErrorKind::Storage,
                "storage error: disk full",
            ),
        ];
        for (err, kind, text) in cases {
            assert_eq!(err.kind(), kind);
            assert_eq!(err.to_string(), text);
        }
    }
}
