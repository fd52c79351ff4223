//! Cash drawers and shifts (R-SHIFT-1..3): who held the drawer, the cash that went through it,
//! and whether the count at the end matched.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::error::Error;
use crate::model::PaymentMethod;

/// The drawer used when none is named.
pub const MAIN_DRAWER: &str = "main";

/// One operator's time on one drawer, from opening float to counted cash.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Shift {
    /// UUID v7.
    pub id: Uuid,
    /// The drawer's name (`main` unless named).
    pub drawer: String,
    /// Who opened it (`None` in single-user mode).
    pub opened_by: Option<Uuid>,
    /// When it opened.
    pub opened_at: DateTime<Utc>,
    /// Cash in the drawer at the start.
    pub opening_float: Decimal,
    /// Who closed it.
    pub closed_by: Option<Uuid>,
    /// When it closed; `None` while open.
    pub closed_at: Option<DateTime<Utc>>,
    /// Cash counted at the close.
    pub counted_cash: Option<Decimal>,
    /// Cash that should have been there at the close (R-SHIFT-3).
    pub expected_cash: Option<Decimal>,
    /// counted − expected: positive over, negative short.
    pub over_short: Option<Decimal>,
}

impl Shift {
    /// Whether the shift is still open.
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }
}

string_enum!(
    /// What moved money during a shift.
    DrawerEntryKind, "kind" {
        /// A payment on an invoice, any method.
        Payment = "payment",
        /// A deposit to a customer's credit.
        Deposit = "deposit",
        /// A refund paid out (cash, card or transfer).
        Refund = "refund",
        /// Cash put into the drawer.
        PayIn = "pay_in",
        /// Cash taken out of the drawer.
        PayOut = "pay_out",
    }
);

/// Money that went through a shift: a payment, deposit or refund taken while it was open, or
/// a pay-in or pay-out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DrawerEntry {
    /// UUID v7.
    pub id: Uuid,
    /// The shift.
    pub shift_id: Uuid,
    /// What it was.
    pub kind: DrawerEntryKind,
    /// How the money moved (pay-ins and pay-outs are cash).
    pub method: PaymentMethod,
    /// Amount, > 0.
    pub amount: Decimal,
    /// The invoice, customer or credit note it belongs to, or the pay-in/out's reason.
    pub reference: String,
    /// Who recorded it.
    pub operator_id: Option<Uuid>,
    /// When.
    pub at: DateTime<Utc>,
}

/// Money per method.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MethodTotals {
    /// Cash.
    pub cash: Decimal,
    /// Card.
    pub card: Decimal,
    /// Bank transfer.
    pub transfer: Decimal,
    /// From the customer's credit.
    pub balance: Decimal,
}

/// A shift's figures (R-SHIFT-3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ShiftReport {
    /// The shift as stored.
    pub shift: Shift,
    /// Name of who opened it.
    pub opened_by_name: Option<String>,
    /// Name of who closed it.
    pub closed_by_name: Option<String>,
    /// Payments and deposits taken during the shift, per method.
    pub received: MethodTotals,
    /// Refunds paid out during the shift, per method (`balance` stays 0).
    pub refunded: MethodTotals,
    /// Cash put in.
    pub pay_ins: Decimal,
    /// Cash taken out.
    pub pay_outs: Decimal,
    /// opening float + cash received + pay-ins − cash refunds − pay-outs, now or at the close.
    pub expected_cash: Decimal,
    /// Counted at the close.
    pub counted_cash: Option<Decimal>,
    /// counted − expected.
    pub over_short: Option<Decimal>,
    /// Every entry, in order.
    pub entries: Vec<DrawerEntry>,
}

/// Validates a drawer's name: trimmed, 1–40 characters.
pub fn drawer_name(name: &str) -> Result<String, Error> {
    let t = name.trim();
    let n = t.chars().count();
    if n == 0 || n > 40 {
        return Err(Error::validation(
            "drawer",
            format!("must be 1–40 characters, got {n}"),
        ));
    }
    Ok(t.to_string())
}
