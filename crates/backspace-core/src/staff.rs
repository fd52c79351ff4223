//! Staff (§16): operators and their roles, what each role may do, and PINs.
//!
//! A PIN is stored only as an Argon2id hash in PHC form (`$argon2id$v=19$m=19456,t=2,p=1$…`),
//! salted with 16 random bytes from the operating system. The parameters are the `argon2`
//! crate's defaults (OWASP's first recommendation: 19 MiB, 2 passes, 1 lane). The PIN itself
//! is never stored, returned, logged or put in an error message.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::error::{Error, Result};

string_enum!(
    /// What an operator may do (R-STAFF-1); each role may do everything the ones before it may.
    Role, "role" {
        /// Runs the desk: customers, sessions, subscriptions, payments, deposits, restocks,
        /// small discounts, their own shift.
        Cashier = "cashier",
        /// A cashier, plus corrections, stock adjustments, resources, items, closing days,
        /// reports, pay-outs and larger discounts.
        Manager = "manager",
        /// Everything, including settings and operators.
        Owner = "owner",
    }
);

string_enum!(
    /// A permission an operation needs (R-STAFF-3), named in forbidden errors.
    Permission, "permission" {
        /// The cashier's work at the desk.
        Desk = "desk",
        /// A discount above `max_cashier_discount`.
        LargeDiscount = "large_discount",
        /// Voids, refunds and write-offs.
        Corrections = "corrections",
        /// Stock adjustments.
        AdjustStock = "adjust_stock",
        /// Adding, changing, retiring and deleting resources.
        Resources = "resources",
        /// Adding and changing inventory items.
        InventoryItems = "inventory_items",
        /// Closing business days.
        CloseDay = "close_day",
        /// Reports, Z reports, the audit log, shift reports and the trail check.
        Reports = "reports",
        /// Taking cash out of a drawer.
        PayOut = "pay_out",
        /// Closing a shift someone else opened.
        OthersShifts = "others_shifts",
        /// Changing settings.
        Settings = "settings",
        /// Adding, listing, changing and deactivating operators.
        Operators = "operators",
    }
);

impl Permission {
    /// The least role that holds this permission.
    pub fn role(self) -> Role {
        match self {
            Permission::Desk => Role::Cashier,
            Permission::Settings | Permission::Operators => Role::Owner,
            _ => Role::Manager,
        }
    }
}

/// Wrong PINs in a row that lock an operator (R-STAFF-2).
pub const MAX_WRONG_PINS: u32 = 5;

/// How long a lock lasts.
pub const LOCK_MINUTES: i64 = 5;

/// A member of staff who signs in with a PIN (R-STAFF-1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Operator {
    /// UUID v7.
    pub id: Uuid,
    /// Display name, any script.
    pub name: String,
    /// Cashier, manager or owner.
    pub role: Role,
    /// False once deactivated; a deactivated operator cannot sign in or act.
    pub is_active: bool,
    /// When added.
    pub created_at: DateTime<Utc>,
}

/// An operator as stored: with the PIN's hash and the count of wrong PINs. Never leaves the
/// core through the public API.
#[derive(Clone, PartialEq, Eq)]
pub struct OperatorRecord {
    /// The operator.
    pub operator: Operator,
    /// Argon2id hash of the PIN, PHC string.
    pub pin_hash: String,
    /// Wrong PINs since the last right one or the last lock.
    pub wrong_pins: u32,
    /// Locked until this instant after too many wrong PINs.
    pub locked_until: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for OperatorRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OperatorRecord")
            .field("operator", &self.operator)
            .field("pin_hash", &"<argon2id hash>")
            .field("wrong_pins", &self.wrong_pins)
            .field("locked_until", &self.locked_until)
            .finish()
    }
}

impl OperatorRecord {
    /// The record after a wrong PIN at `at`: the fifth in a row locks it.
    pub fn after_wrong_pin(&self, at: DateTime<Utc>) -> OperatorRecord {
        let mut next = self.clone();
        next.wrong_pins += 1;
        if next.wrong_pins >= MAX_WRONG_PINS {
            next.wrong_pins = 0;
            next.locked_until = Some(at + Duration::minutes(LOCK_MINUTES));
        }
        next
    }
}

/// Checks that a PIN is 4–12 ASCII digits, without ever echoing it.
pub fn check_pin(pin: &str) -> Result<()> {
    let n = pin.chars().count();
    if !(4..=12).contains(&n) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::validation(
            "pin",
            format!("must be 4 to 12 digits 0-9 (got {n} characters)"),
        ));
    }
    Ok(())
}

/// Hashes a valid PIN with Argon2id and a fresh random salt.
pub fn hash_pin(pin: &str) -> Result<String> {
    check_pin(pin)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::storage(format!("could not hash a PIN: {e}")))
}

/// Whether `pin` matches a stored hash.
pub fn pin_matches(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(pin.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A person's or operation's name for errors: `cashier Mona`.
pub fn describe(operator: &Operator) -> String {
    format!("{} {}", operator.role, operator.name)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn r_staff_1_pin_is_hashed_with_argon2id_and_salted() {
        let a = hash_pin("2468").unwrap();
        let b = hash_pin("2468").unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(!a.contains("2468"));
        assert!(pin_matches("2468", &a));
        assert!(!pin_matches("2469", &a));
    }

    #[test]
    fn r_staff_1_pin_must_be_4_to_12_digits_and_is_never_echoed() {
        for bad in ["123", "1234567890123", "12a4", "١٢٣٤", " 1234", ""] {
            let err = check_pin(bad).unwrap_err();
            if bad.len() >= 3 {
                assert!(!err.to_string().contains(bad), "{err}");
            }
        }
        check_pin("0000").unwrap();
        check_pin("123456789012").unwrap();
    }

    #[test]
    fn r_staff_3_roles_are_ordered_and_permissions_name_their_role() {
        assert!(Role::Cashier < Role::Manager && Role::Manager < Role::Owner);
        assert_eq!(Permission::Desk.role(), Role::Cashier);
        assert_eq!(Permission::Corrections.role(), Role::Manager);
        assert_eq!(Permission::Operators.role(), Role::Owner);
    }
}
