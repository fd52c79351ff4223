//! Shifts and the cash drawer (R-SHIFT-1..3).
//!
//! Money taken while a shift is open goes to *the current shift*: the signed-in operator's open
//! shift, else the open shift of the `main` drawer, else the only open shift. Payments of every
//! method are attached (the shift report shows totals per method); only cash counts toward the
//! drawer's expected cash.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::access::{Op, forbidden};
use super::{Backspace, CloseShift, OpenShift, found};
use crate::drawer::{
    DrawerEntry, DrawerEntryKind, MAIN_DRAWER, MethodTotals, Shift, ShiftReport, drawer_name,
};
use crate::error::{Error, Result};
use crate::model::{PaymentMethod, new_id};
use crate::money::{Piastres, Zero, parse_amount};
use crate::staff::{Permission, Role, describe};
use crate::store::{Store, StoreTx};
use crate::text::normalize_name;

/// The shift money taken now by `operator` goes to (see the module's notes).
pub(super) fn current(tx: &mut dyn StoreTx, operator: Option<Uuid>) -> Result<Option<Shift>> {
    let open = tx.open_shifts()?;
    if let Some(mine) = operator.and_then(|o| open.iter().find(|s| s.opened_by == Some(o))) {
        return Ok(Some(mine.clone()));
    }
    if let Some(main) = open.iter().find(|s| s.drawer == MAIN_DRAWER) {
        return Ok(Some(main.clone()));
    }
    Ok(if open.len() == 1 {
        open.into_iter().next()
    } else {
        None
    })
}

/// Attaches money that moved at `at` to the current shift (R-SHIFT-2). With no shift open,
/// cash is refused when `require_shift` is on; other methods go unattached.
#[allow(clippy::too_many_arguments)]
pub(super) fn attach(
    tx: &mut dyn StoreTx,
    operator: Option<Uuid>,
    kind: DrawerEntryKind,
    method: PaymentMethod,
    amount: Piastres,
    reference: String,
    at: DateTime<Utc>,
) -> Result<()> {
    match current(tx, operator)? {
        Some(shift) => tx.insert_drawer_entry(&DrawerEntry {
            id: new_id(),
            shift_id: shift.id,
            kind,
            method,
            amount: amount.to_decimal(),
            reference,
            operator_id: operator,
            at,
        }),
        None if method == PaymentMethod::Cash && tx.settings()?.require_shift => {
            Err(Error::InvalidState(
                "cash moves only during a shift (require_shift is on): open a shift first".into(),
            ))
        }
        None => Ok(()),
    }
}

/// The figures of a shift from its entries (R-SHIFT-3).
fn figures(tx: &mut dyn StoreTx, shift: Shift) -> Result<ShiftReport> {
    let entries = tx.drawer_entries(shift.id)?;
    let mut received = [Piastres::ZERO; 4];
    let mut refunded = [Piastres::ZERO; 4];
    let (mut pay_ins, mut pay_outs) = (Piastres::ZERO, Piastres::ZERO);
    let slot = |m: PaymentMethod| match m {
        PaymentMethod::Cash => 0,
        PaymentMethod::Card => 1,
        PaymentMethod::Transfer => 2,
        PaymentMethod::Balance => 3,
    };
    for e in &entries {
        let p = Piastres::from_decimal("amount", e.amount)?;
        let sum = match e.kind {
            DrawerEntryKind::Payment | DrawerEntryKind::Deposit => &mut received[slot(e.method)],
            DrawerEntryKind::Refund => &mut refunded[slot(e.method)],
            DrawerEntryKind::PayIn => &mut pay_ins,
            DrawerEntryKind::PayOut => &mut pay_outs,
        };
        *sum = sum.checked_add(p)?;
    }
    let expected = Piastres::from_decimal("opening_float", shift.opening_float)?
        .checked_add(received[0])?
        .checked_add(pay_ins)?
        .checked_sub(refunded[0])?
        .checked_sub(pay_outs)?;
    let totals = |t: [Piastres; 4]| MethodTotals {
        cash: t[0].to_decimal(),
        card: t[1].to_decimal(),
        transfer: t[2].to_decimal(),
        balance: t[3].to_decimal(),
    };
    let mut name = |id: Option<Uuid>| -> Result<Option<String>> {
        Ok(match id {
            Some(id) => tx.operator(id)?.map(|r| r.operator.name),
            None => None,
        })
    };
    Ok(ShiftReport {
        opened_by_name: name(shift.opened_by)?,
        closed_by_name: name(shift.closed_by)?,
        received: totals(received),
        refunded: totals(refunded),
        pay_ins: pay_ins.to_decimal(),
        pay_outs: pay_outs.to_decimal(),
        expected_cash: shift.expected_cash.unwrap_or(expected.to_decimal()),
        counted_cash: shift.counted_cash,
        over_short: shift.over_short,
        entries,
        shift,
    })
}

impl<S: Store> Backspace<S> {
    /// Opens a shift on a drawer (`main` unless named) with its opening float (R-SHIFT-1): one
    /// open shift per drawer, and one per operator.
    pub fn open_shift(&self, open: OpenShift) -> Result<Shift> {
        let float = parse_amount("opening_float", open.opening_float, Zero::Allowed)?;
        let drawer = drawer_name(open.drawer.as_deref().unwrap_or(MAIN_DRAWER))?;
        let op = Op::new("open_shift", Permission::Desk)
            .arg("opening_float", float.to_string())
            .arg("drawer", drawer.as_str());
        self.write(op, |tx, at| {
            let open_now = tx.open_shifts()?;
            if let Some(s) = open_now.iter().find(|s| s.drawer == drawer) {
                return Err(Error::Conflict(format!(
                    "drawer {drawer} already has an open shift (opened {})",
                    s.opened_at.format("%Y-%m-%d %H:%M UTC")
                )));
            }
            if let Some(me) = self.operator
                && let Some(s) = open_now.iter().find(|s| s.opened_by == Some(me))
            {
                return Err(Error::Conflict(format!(
                    "you already hold the open shift of drawer {}; close it first",
                    s.drawer
                )));
            }
            let shift = Shift {
                id: new_id(),
                drawer: drawer.clone(),
                opened_by: self.operator,
                opened_at: at,
                opening_float: float.to_decimal(),
                closed_by: None,
                closed_at: None,
                counted_cash: None,
                expected_cash: None,
                over_short: None,
            };
            tx.insert_shift(&shift)?;
            Ok(shift)
        })
    }

    /// Cash put into the current shift's drawer (R-SHIFT-2), e.g. change from the bank.
    pub fn pay_in(&self, amount: Decimal, reason: &str) -> Result<DrawerEntry> {
        self.drawer_move(DrawerEntryKind::PayIn, Permission::Desk, amount, reason)
    }

    /// Cash taken out of the current shift's drawer (R-SHIFT-2): a manager's operation.
    pub fn pay_out(&self, amount: Decimal, reason: &str) -> Result<DrawerEntry> {
        self.drawer_move(DrawerEntryKind::PayOut, Permission::PayOut, amount, reason)
    }

    fn drawer_move(
        &self,
        kind: DrawerEntryKind,
        needs: Permission,
        amount: Decimal,
        reason: &str,
    ) -> Result<DrawerEntry> {
        let piastres = parse_amount("amount", amount, Zero::Refused)?;
        let reason = normalize_name("reason", reason)?;
        let op = Op::new(kind.as_str(), needs)
            .arg("amount", piastres.to_string())
            .arg("reason", reason.as_str());
        self.write(op, |tx, at| {
            let Some(shift) = current(tx, self.operator)? else {
                return Err(Error::InvalidState(format!(
                    "no shift is open to take a {}: open one first",
                    kind.as_str().replace('_', "-")
                )));
            };
            let entry = DrawerEntry {
                id: new_id(),
                shift_id: shift.id,
                kind,
                method: PaymentMethod::Cash,
                amount: piastres.to_decimal(),
                reference: reason.clone(),
                operator_id: self.operator,
                at,
            };
            tx.insert_drawer_entry(&entry)?;
            Ok(entry)
        })
    }

    /// Closes a shift with the cash counted (R-SHIFT-3): expected and over/short are computed
    /// and stored, and the shift never changes again. A cashier closes only their own shift.
    pub fn close_shift(&self, close: CloseShift) -> Result<ShiftReport> {
        let counted = parse_amount("counted_cash", close.counted_cash, Zero::Allowed)?;
        let drawer = close.drawer.as_deref().map(drawer_name).transpose()?;
        let op = Op::new("close_shift", Permission::Desk)
            .arg("counted_cash", counted.to_string())
            .opt("drawer", drawer.clone());
        self.write(op, |tx, at| {
            let shift = match &drawer {
                Some(d) => tx.open_shifts()?.into_iter().find(|s| &s.drawer == d),
                None => current(tx, self.operator)?,
            };
            let Some(mut shift) = shift else {
                return Err(Error::InvalidState(match &drawer {
                    Some(d) => format!("drawer {d} has no open shift to close"),
                    None => "no shift is open to close".to_string(),
                }));
            };
            if let Some(me) = self.operator
                && shift.opened_by != Some(me)
                && let Some(actor) = tx.operator(me)?.map(|r| r.operator)
                && actor.role == Role::Cashier
            {
                return Err(forbidden(
                    Some(&actor),
                    Permission::OthersShifts,
                    format!(
                        "{} may close only their own shift; drawer {} needs a manager",
                        describe(&actor),
                        shift.drawer
                    ),
                ));
            }
            if at < shift.opened_at {
                return Err(Error::validation(
                    "at",
                    "a shift cannot close before it opened",
                ));
            }
            let expected = figures(tx, shift.clone())?.expected_cash;
            let expected = Piastres::from_decimal("expected_cash", expected)?;
            shift.closed_by = self.operator;
            shift.closed_at = Some(at);
            shift.counted_cash = Some(counted.to_decimal());
            shift.expected_cash = Some(expected.to_decimal());
            shift.over_short = Some(counted.checked_sub(expected)?.to_decimal());
            tx.close_shift(&shift)?;
            figures(tx, shift)
        })
    }

    /// A shift's figures (R-SHIFT-3): for a manager, or for the cashier whose shift it is.
    pub fn shift_report(&self, shift_id: Uuid) -> Result<ShiftReport> {
        self.read_as(Permission::Desk, "shift_report", |tx, actor| {
            let shift = found(tx.shift(shift_id)?, "shift", shift_id)?;
            if let Some(a) = actor
                && a.role == Role::Cashier
                && shift.opened_by != Some(a.id)
            {
                return Err(forbidden(
                    Some(a),
                    Permission::Reports,
                    format!("{} may see only their own shift's report", describe(a)),
                ));
            }
            figures(tx, shift)
        })
    }

    /// The shift money taken now by this desk goes to, if any.
    pub fn current_shift(&self) -> Result<Option<Shift>> {
        self.store.read(|tx| current(tx, self.operator))
    }
}
