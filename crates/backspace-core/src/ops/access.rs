//! The one write path: who may do what (R-STAFF-2, R-STAFF-3), closed days (R-CORR-4) and the
//! audit entry every successful write leaves (R-STAFF-4).

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::Backspace;
use super::audit::append;
use crate::clock::{business_date, resolve_at};
use crate::error::{Error, Result};
use crate::staff::{Operator, Permission, Role, describe};
use crate::store::{Store, StoreTx};

/// A write about to run: its name in every language, the permission it needs, the records its
/// arguments name and its arguments for the audit log.
pub(crate) struct Op {
    name: &'static str,
    needs: Permission,
    ids: Vec<Uuid>,
    args: Map<String, Value>,
    dated: bool,
}

impl Op {
    /// An operation that records its instant (refused on a closed day).
    pub(crate) fn new(name: &'static str, needs: Permission) -> Op {
        Op {
            name,
            needs,
            ids: Vec::new(),
            args: Map::new(),
            dated: true,
        }
    }

    /// An operation that records no business instant (an edit of a name, a setting): allowed
    /// whatever day is closed.
    pub(crate) fn undated(mut self) -> Op {
        self.dated = false;
        self
    }

    /// A record the operation names.
    pub(crate) fn id(mut self, id: Uuid) -> Op {
        self.ids.push(id);
        self
    }

    /// An argument, for the audit log. Money and dates go in as text.
    pub(crate) fn arg(mut self, key: &str, value: impl Into<Value>) -> Op {
        self.args.insert(key.to_string(), value.into());
        self
    }

    /// An optional argument, left out when `None`.
    pub(crate) fn opt(self, key: &str, value: Option<impl Into<Value>>) -> Op {
        match value {
            Some(v) => self.arg(key, v),
            None => self,
        }
    }
}

/// The records a result touched, for the audit log.
pub(crate) trait Touches {
    /// Their ids.
    fn touched(&self) -> Vec<Uuid> {
        Vec::new()
    }
}

impl Touches for () {}
impl Touches for crate::settings::Settings {}
impl Touches for crate::reports::ZReport {}

impl<T: Touches> Touches for Vec<T> {
    fn touched(&self) -> Vec<Uuid> {
        self.iter().flat_map(|t| t.touched()).collect()
    }
}

macro_rules! touches {
    ($($t:ty => |$x:ident| $ids:expr;)+) => {
        $(impl Touches for $t {
            fn touched(&self) -> Vec<Uuid> {
                let $x = self;
                $ids.into_iter().flatten().collect()
            }
        })+
    };
}

touches! {
    crate::model::Customer => |c| [Some(c.id)];
    crate::model::Resource => |r| [Some(r.id)];
    crate::model::Session => |s| [Some(s.id), Some(s.customer_id), Some(s.resource_id)];
    crate::model::InventoryItem => |i| [Some(i.id)];
    crate::model::InventoryConsumption => |c| [Some(c.id), Some(c.session_id), Some(c.item_id)];
    crate::model::Subscription => |s| [Some(s.id), Some(s.customer_id), Some(s.invoice_id)];
    crate::model::Invoice => |i| [Some(i.id), Some(i.customer_id), i.session_id, i.subscription_id];
    crate::model::CreditNote => |c| [Some(c.id), Some(c.invoice_id), Some(c.customer_id)];
    crate::model::LedgerEntry => |e| [Some(e.id), Some(e.customer_id)];
    crate::staff::Operator => |o| [Some(o.id)];
    crate::drawer::Shift => |s| [Some(s.id)];
    crate::ereceipt::EReceipt => |r| [Some(r.document_id)];
    crate::booking::Reservation => |r| [Some(r.id), Some(r.customer_id), Some(r.resource_id), r.session_id, r.fee_invoice_id];
    crate::drawer::DrawerEntry => |e| [Some(e.id), Some(e.shift_id)];
}

/// A forbidden error.
pub(crate) fn forbidden(
    operator: Option<&Operator>,
    permission: impl ToString,
    reason: String,
) -> Error {
    Error::Forbidden {
        operator: operator.map(describe),
        permission: permission.to_string(),
        reason,
    }
}

impl<S: Store> Backspace<S> {
    /// Runs `f` in one write transaction with the instant resolved inside it (R-TIME-3,
    /// R-TIME-4): the acting operator is checked first, an instant on a closed day is refused
    /// for a dated operation, and when `f` succeeds one audit entry is appended.
    pub(crate) fn write<T: Touches>(
        &self,
        op: Op,
        f: impl Fn(&mut dyn StoreTx, DateTime<Utc>) -> Result<T>,
    ) -> Result<T> {
        self.store.write(|tx| {
            let at = resolve_at(self.at, self.clock.now())?;
            let actor = self.actor(tx, op.needs, op.name)?;
            if op.dated
                && let Some(closed) = tx.closed_through()?
            {
                let date = business_date(at, tx.settings()?.time_zone);
                if date <= closed {
                    return Err(Error::validation(
                        "at",
                        format!("{date} is closed (every day through {closed} is closed)"),
                    ));
                }
            }
            let out = f(tx, at)?;
            let mut ids = op.ids.clone();
            for id in out.touched() {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            let args = Value::Object(op.args.clone()).to_string();
            append(tx, at, actor.map(|a| a.id), op.name, ids, args)?;
            Ok(out)
        })
    }

    /// Runs `f` over a consistent snapshot once the acting operator is allowed `needs`.
    pub(crate) fn read_as<T>(
        &self,
        needs: Permission,
        what: &str,
        f: impl FnOnce(&mut dyn StoreTx, Option<&Operator>) -> Result<T>,
    ) -> Result<T> {
        self.store.read(|tx| {
            let actor = self.actor(tx, needs, what)?;
            f(tx, actor.as_ref())
        })
    }

    /// The signed-in operator when they may do `what`, which needs `needs`; `None` in
    /// single-user mode (no operators at all).
    pub(crate) fn actor(
        &self,
        tx: &mut dyn StoreTx,
        needs: Permission,
        what: &str,
    ) -> Result<Option<Operator>> {
        let Some(id) = self.operator else {
            if tx.has_operators()? {
                return Err(forbidden(
                    None,
                    needs,
                    format!(
                        "{what} needs a signed-in operator: this space has staff, sign in first"
                    ),
                ));
            }
            return Ok(None);
        };
        let Some(record) = tx.operator(id)? else {
            return Err(forbidden(
                None,
                needs,
                format!("{what}: the signed-in operator {id} does not exist"),
            ));
        };
        let operator = record.operator;
        if !operator.is_active {
            return Err(forbidden(
                Some(&operator),
                needs,
                format!("{} is deactivated", describe(&operator)),
            ));
        }
        if operator.role < needs.role() {
            return Err(forbidden(
                Some(&operator),
                needs,
                format!(
                    "{} may not {what}: it needs the {needs} permission ({} or above)",
                    describe(&operator),
                    needs.role()
                ),
            ));
        }
        Ok(Some(operator))
    }

    /// Refuses a cashier a discount above `max_cashier_discount` (R-STAFF-3).
    pub(crate) fn allow_discount(
        &self,
        tx: &mut dyn StoreTx,
        percent: crate::money::PercentHundredths,
        what: &str,
    ) -> Result<()> {
        let Some(actor) = self.actor(tx, Permission::Desk, what)? else {
            return Ok(());
        };
        let limit = tx.settings()?.max_cashier_discount;
        let max = crate::money::parse_percent("max_cashier_discount", limit)?;
        if actor.role == Role::Cashier && percent > max {
            return Err(forbidden(
                Some(&actor),
                Permission::LargeDiscount,
                format!(
                    "{} may give at most {limit}% off; {percent}% needs a manager",
                    describe(&actor),
                ),
            ));
        }
        Ok(())
    }
}

impl Touches for crate::drawer::ShiftReport {
    fn touched(&self) -> Vec<Uuid> {
        vec![self.shift.id]
    }
}

impl<S: Store> Backspace<S> {
    /// [`Backspace::read_as`] with the desk's instant resolved inside the snapshot.
    pub(crate) fn read_at_as<T>(
        &self,
        needs: Permission,
        what: &str,
        f: impl FnOnce(&mut dyn StoreTx, DateTime<Utc>) -> Result<T>,
    ) -> Result<T> {
        self.store.read(|tx| {
            self.actor(tx, needs, what)?;
            let at = resolve_at(self.at, self.clock.now())?;
            f(tx, at)
        })
    }
}
