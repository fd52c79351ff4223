//! Mirrors of the staff records (§16): operators, audit entries, shifts and their figures.

use backspace_core as bs;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::enums::{DrawerEntryKind, PaymentMethod, Role};

/// A member of staff (R-STAFF-1). The PIN is never part of it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Operator {
    /// UUID v7.
    pub id: Uuid,
    /// Display name, any script.
    pub name: String,
    /// Cashier, manager or owner.
    pub role: Role,
    /// False once deactivated.
    pub is_active: bool,
    /// When added.
    pub created_at: DateTime<Utc>,
}

impl From<bs::Operator> for Operator {
    fn from(o: bs::Operator) -> Self {
        let bs::Operator {
            id,
            name,
            role,
            is_active,
            created_at,
        } = o;
        Operator {
            id,
            name,
            role: role.into(),
            is_active,
            created_at,
        }
    }
}

/// One successful write (R-STAFF-4), never changed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditEntry {
    /// 1, 2, … in the order written.
    pub seq: u64,
    /// When the operation ran.
    pub at: DateTime<Utc>,
    /// The signed-in operator, or null in single-user mode.
    pub operator_id: Option<Uuid>,
    /// The operation's name (`void_invoice`).
    pub operation: String,
    /// The records it touched.
    pub ids: Vec<Uuid>,
    /// Its arguments as JSON (never a PIN).
    pub args: String,
    /// SHA-256 footprint in the audit chain.
    pub footprint: String,
}

impl From<bs::AuditEntry> for AuditEntry {
    fn from(e: bs::AuditEntry) -> Self {
        let bs::AuditEntry {
            seq,
            at,
            operator_id,
            operation,
            ids,
            args,
            footprint,
        } = e;
        AuditEntry {
            seq,
            at,
            operator_id,
            operation,
            ids,
            args,
            footprint,
        }
    }
}

/// One operator's time on one cash drawer (R-SHIFT-1, R-SHIFT-3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Shift {
    /// UUID v7.
    pub id: Uuid,
    /// The drawer (`main` unless named).
    pub drawer: String,
    /// Who opened it (null in single-user mode).
    pub opened_by: Option<Uuid>,
    /// When it opened.
    pub opened_at: DateTime<Utc>,
    /// Cash in the drawer at the start.
    pub opening_float: Decimal,
    /// Who closed it.
    pub closed_by: Option<Uuid>,
    /// When it closed; null while open.
    pub closed_at: Option<DateTime<Utc>>,
    /// Cash counted at the close.
    pub counted_cash: Option<Decimal>,
    /// Cash expected at the close.
    pub expected_cash: Option<Decimal>,
    /// counted − expected.
    pub over_short: Option<Decimal>,
}

impl From<bs::Shift> for Shift {
    fn from(s: bs::Shift) -> Self {
        let bs::Shift {
            id,
            drawer,
            opened_by,
            opened_at,
            opening_float,
            closed_by,
            closed_at,
            counted_cash,
            expected_cash,
            over_short,
        } = s;
        Shift {
            id,
            drawer,
            opened_by,
            opened_at,
            opening_float,
            closed_by,
            closed_at,
            counted_cash,
            expected_cash,
            over_short,
        }
    }
}

/// Money that went through a shift (R-SHIFT-2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DrawerEntry {
    /// UUID v7.
    pub id: Uuid,
    /// The shift.
    pub shift_id: Uuid,
    /// What it was.
    pub kind: DrawerEntryKind,
    /// How the money moved.
    pub method: PaymentMethod,
    /// Amount, > 0.
    pub amount: Decimal,
    /// The invoice, customer or credit note, or the pay-in/out's reason.
    pub reference: String,
    /// Who recorded it.
    pub operator_id: Option<Uuid>,
    /// When.
    pub at: DateTime<Utc>,
}

impl From<bs::DrawerEntry> for DrawerEntry {
    fn from(e: bs::DrawerEntry) -> Self {
        let bs::DrawerEntry {
            id,
            shift_id,
            kind,
            method,
            amount,
            reference,
            operator_id,
            at,
        } = e;
        DrawerEntry {
            id,
            shift_id,
            kind: kind.into(),
            method: method.into(),
            amount,
            reference,
            operator_id,
            at,
        }
    }
}

/// Money per method.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
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

impl From<bs::MethodTotals> for MethodTotals {
    fn from(t: bs::MethodTotals) -> Self {
        let bs::MethodTotals {
            cash,
            card,
            transfer,
            balance,
        } = t;
        MethodTotals {
            cash,
            card,
            transfer,
            balance,
        }
    }
}

/// A shift's figures (R-SHIFT-3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ShiftReport {
    /// The shift as stored.
    pub shift: Shift,
    /// Who opened it.
    pub opened_by_name: Option<String>,
    /// Who closed it.
    pub closed_by_name: Option<String>,
    /// Payments and deposits taken, per method.
    pub received: MethodTotals,
    /// Refunds paid out, per method.
    pub refunded: MethodTotals,
    /// Cash put in.
    pub pay_ins: Decimal,
    /// Cash taken out.
    pub pay_outs: Decimal,
    /// opening float + cash received + pay-ins − cash refunds − pay-outs.
    pub expected_cash: Decimal,
    /// Counted at the close.
    pub counted_cash: Option<Decimal>,
    /// counted − expected.
    pub over_short: Option<Decimal>,
    /// Every entry, in order.
    pub entries: Vec<DrawerEntry>,
}

impl From<bs::ShiftReport> for ShiftReport {
    fn from(r: bs::ShiftReport) -> Self {
        let bs::ShiftReport {
            shift,
            opened_by_name,
            closed_by_name,
            received,
            refunded,
            pay_ins,
            pay_outs,
            expected_cash,
            counted_cash,
            over_short,
            entries,
        } = r;
        ShiftReport {
            shift: shift.into(),
            opened_by_name,
            closed_by_name,
            received: received.into(),
            refunded: refunded.into(),
            pay_ins,
            pay_outs,
            expected_cash,
            counted_cash,
            over_short,
            entries: entries.into_iter().map(Into::into).collect(),
        }
    }
}
