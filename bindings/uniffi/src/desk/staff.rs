//! Staff, the audit log and the cash drawer (§16).

use std::sync::Arc;

use backspace_core as bs;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::Backspace;
use crate::enums::Role;
use crate::error::Result;
use crate::staff::{AuditEntry, DrawerEntry, Operator, Shift, ShiftReport};

#[uniffi::export]
impl Backspace {
    /// Adds an operator (R-STAFF-1); the PIN (4–12 digits) is kept only as an Argon2id hash.
    /// The first operator must be an owner; afterwards only an owner adds operators.
    #[uniffi::method(default(at = None))]
    pub fn add_operator(
        &self,
        name: String,
        role: Role,
        pin: String,
        at: Option<DateTime<Utc>>,
    ) -> Result<Operator> {
        Ok(self
            .inner
            .at(at)
            .add_operator(bs::NewOperator::new(name, role, pin))?)
    }

    /// Every operator, by name (an owner's report).
    pub fn list_operators(&self) -> Result<Vec<Operator>> {
        Ok(self.inner.list_operators()?)
    }

    /// Changes an operator's name, role or PIN; null leaves a field (an owner's operation).
    #[uniffi::method(default(name = None, role = None, pin = None))]
    pub fn update_operator(
        &self,
        id: Uuid,
        name: Option<String>,
        role: Option<Role>,
        pin: Option<String>,
    ) -> Result<Operator> {
        let update = bs::OperatorUpdate { name, role, pin };
        Ok(self.inner.update_operator(id, update)?)
    }

    /// Deactivates an operator: they can no longer sign in or act.
    pub fn deactivate_operator(&self, id: Uuid) -> Result<Operator> {
        Ok(self.inner.deactivate_operator(id)?)
    }

    /// Signs an operator in (R-STAFF-2): the desk returned acts as them. A wrong PIN is a
    /// `Forbidden` error; the fifth in a row locks the operator for five minutes.
    #[uniffi::method(default(at = None))]
    pub fn sign_in(
        &self,
        operator_id: Uuid,
        pin: String,
        at: Option<DateTime<Utc>>,
    ) -> Result<Arc<Backspace>> {
        let signed = self.inner.at(at).sign_in(operator_id, &pin)?;
        Ok(Arc::new(Backspace {
            inner: signed.at(None),
        }))
    }

    /// The operator this desk acts as, or null.
    pub fn operator_id(&self) -> Option<Uuid> {
        self.inner.operator_id()
    }

    /// Audit entries of the business dates `from..=to`, optionally of one operator (R-STAFF-4).
    #[uniffi::method(default(operator_id = None))]
    pub fn audit_log(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        operator_id: Option<Uuid>,
    ) -> Result<Vec<AuditEntry>> {
        Ok(self.inner.audit_log(from, to, operator_id)?)
    }

    /// Opens a shift on a drawer (`main` when null) with its opening float (R-SHIFT-1).
    #[uniffi::method(default(drawer = None, at = None))]
    pub fn open_shift(
        &self,
        opening_float: Decimal,
        drawer: Option<String>,
        at: Option<DateTime<Utc>>,
    ) -> Result<Shift> {
        let open = bs::OpenShift {
            opening_float,
            drawer,
        };
        Ok(self.inner.at(at).open_shift(open)?)
    }

    /// Cash put into the current shift's drawer (R-SHIFT-2).
    #[uniffi::method(default(at = None))]
    pub fn pay_in(
        &self,
        amount: Decimal,
        reason: String,
        at: Option<DateTime<Utc>>,
    ) -> Result<DrawerEntry> {
        Ok(self.inner.at(at).pay_in(amount, &reason)?)
    }

    /// Cash taken out of the current shift's drawer (R-SHIFT-2); a manager's operation.
    #[uniffi::method(default(at = None))]
    pub fn pay_out(
        &self,
        amount: Decimal,
        reason: String,
        at: Option<DateTime<Utc>>,
    ) -> Result<DrawerEntry> {
        Ok(self.inner.at(at).pay_out(amount, &reason)?)
    }

    /// Closes the current shift (or `drawer`'s) with the cash counted (R-SHIFT-3).
    #[uniffi::method(default(drawer = None, at = None))]
    pub fn close_shift(
        &self,
        counted_cash: Decimal,
        drawer: Option<String>,
        at: Option<DateTime<Utc>>,
    ) -> Result<ShiftReport> {
        let close = bs::CloseShift {
            counted_cash,
            drawer,
        };
        Ok(self.inner.at(at).close_shift(close)?)
    }

    /// A shift's figures (R-SHIFT-3).
    pub fn shift_report(&self, shift_id: Uuid) -> Result<ShiftReport> {
        Ok(self.inner.shift_report(shift_id)?)
    }

    /// The shift money taken now by this desk goes to, or null.
    pub fn current_shift(&self) -> Result<Option<Shift>> {
        Ok(self.inner.current_shift()?)
    }
}
