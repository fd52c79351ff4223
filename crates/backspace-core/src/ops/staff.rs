//! Operators and signing in (R-STAFF-1, R-STAFF-2).

use uuid::Uuid;

use super::access::{Op, forbidden};
use super::{Backspace, NewOperator, OperatorUpdate, found};
use crate::clock::resolve_at;
use crate::error::{Error, Result};
use crate::model::new_id;
use crate::staff::{
    MAX_WRONG_PINS, Operator, OperatorRecord, Permission, Role, check_pin, describe, hash_pin,
    pin_matches,
};
use crate::store::{Store, StoreTx};
use crate::text::normalize_name;

/// An operator's name: trimmed, 1–100 characters.
fn operator_name(name: &str) -> Result<String> {
    normalize_name("name", name)
}

/// Refuses a change that would leave no active owner, so someone can always manage staff and
/// settings.
fn keep_an_owner(tx: &mut dyn StoreTx, changed: &Operator) -> Result<()> {
    let owners = tx
        .operators()?
        .into_iter()
        .map(|r| {
            if r.operator.id == changed.id {
                changed.clone()
            } else {
                r.operator
            }
        })
        .filter(|o| o.is_active && o.role == Role::Owner)
        .count();
    if owners == 0 {
        return Err(Error::InvalidState(format!(
            "{} is the last active owner; make someone else owner first",
            changed.name
        )));
    }
    Ok(())
}

impl<S: Store> Backspace<S> {
    /// Adds an operator (R-STAFF-1), an owner's operation. The first operator of a space must
    /// be an owner: from then on every write needs someone signed in (R-STAFF-2).
    pub fn add_operator(&self, new: NewOperator) -> Result<Operator> {
        let name = operator_name(&new.name)?;
        let pin_hash = hash_pin(&new.pin)?;
        let op = Op::new("add_operator", Permission::Operators)
            .undated()
            .arg("name", name.as_str())
            .arg("role", new.role.as_str());
        self.write(op, |tx, at| {
            if !tx.has_operators()? && new.role != Role::Owner {
                return Err(Error::validation(
                    "role",
                    "the first operator must be an owner, who can then add the others",
                ));
            }
            let operator = Operator {
                id: new_id(),
                name: name.clone(),
                role: new.role,
                is_active: true,
                created_at: at,
            };
            tx.insert_operator(&OperatorRecord {
                operator: operator.clone(),
                pin_hash: pin_hash.clone(),
                wrong_pins: 0,
                locked_until: None,
            })?;
            Ok(operator)
        })
    }

    /// Every operator, by name: an owner's report.
    pub fn list_operators(&self) -> Result<Vec<Operator>> {
        self.read_as(Permission::Operators, "list_operators", |tx, _| {
            Ok(tx.operators()?.into_iter().map(|r| r.operator).collect())
        })
    }

    /// Changes an operator's name, role or PIN (a new PIN lifts a lock): an owner's operation.
    /// The last active owner keeps the owner role.
    pub fn update_operator(&self, id: Uuid, update: OperatorUpdate) -> Result<Operator> {
        let name = update.name.as_deref().map(operator_name).transpose()?;
        let pin_hash = update.pin.as_deref().map(hash_pin).transpose()?;
        let op = Op::new("update_operator", Permission::Operators)
            .undated()
            .id(id)
            .opt("name", name.clone())
            .opt("role", update.role.map(|r| r.as_str()))
            .opt("pin_changed", pin_hash.as_ref().map(|_| true));
        self.write(op, |tx, _| {
            let mut record = found(tx.operator(id)?, "operator", id)?;
            if let Some(n) = name.clone() {
                record.operator.name = n;
            }
            if let Some(r) = update.role {
                record.operator.role = r;
            }
            if let Some(h) = pin_hash.clone() {
                record.pin_hash = h;
                record.wrong_pins = 0;
                record.locked_until = None;
            }
            keep_an_owner(tx, &record.operator)?;
            tx.update_operator(&record)?;
            Ok(record.operator)
        })
    }

    /// Deactivates an operator: they can no longer sign in, and desks they signed in on stop
    /// writing. An owner's operation; the last active owner stays.
    pub fn deactivate_operator(&self, id: Uuid) -> Result<Operator> {
        let op = Op::new("deactivate_operator", Permission::Operators)
            .undated()
            .id(id);
        self.write(op, |tx, _| {
            let mut record = found(tx.operator(id)?, "operator", id)?;
            if !record.operator.is_active {
                return Err(Error::InvalidState(format!(
                    "{} is already deactivated",
                    record.operator.name
                )));
            }
            record.operator.is_active = false;
            keep_an_owner(tx, &record.operator)?;
            tx.update_operator(&record)?;
            Ok(record.operator)
        })
    }

    /// The operator this desk acts as, when signed in.
    pub fn operator_id(&self) -> Option<Uuid> {
        self.operator
    }

    /// Signs an operator in (R-STAFF-2): the desk returned acts as them, and every write it
    /// makes is checked against their role and recorded as theirs. A wrong PIN is a forbidden
    /// error; the fifth in a row locks the operator for five minutes, counted in the store so
    /// that every desk on it sees the lock.
    ///
    /// ```
    /// # use backspace_core::*;
    /// let desk = Backspace::new(MemoryStore::new());
    /// let owner = desk.add_operator(NewOperator::new("Hany", Role::Owner, "2468"))?;
    /// let hany = desk.sign_in(owner.id, "2468")?;
    /// let mona = hany.register_customer(NewCustomer::new("منى", "01012345678"))?;
    /// assert!(desk.register_customer(NewCustomer::new("Ali", "01112345678")).is_err());
    /// # Ok::<(), backspace_core::Error>(())
    /// ```
    pub fn sign_in(&self, operator_id: Uuid, pin: &str) -> Result<Backspace<S>> {
        check_pin(pin)?;
        let record = self.store.read(|tx| tx.operator(operator_id))?;
        let record = found(record, "operator", operator_id)?;
        // The hash is checked outside the write transaction: it is slow on purpose.
        let right = pin_matches(pin, &record.pin_hash);
        let outcome = self.store.write(|tx| {
            let at = resolve_at(self.at, self.clock.now())?;
            // Locks run on the clock, not on a chosen instant, so `at` cannot step past one.
            let now = self.clock.now();
            let mut record = found(tx.operator(operator_id)?, "operator", operator_id)?;
            let who = record.operator.clone();
            if !who.is_active {
                return Ok(Err(forbidden(
                    Some(&who),
                    "sign_in",
                    format!("{} is deactivated", describe(&who)),
                )));
            }
            if let Some(until) = record.locked_until
                && until > now
            {
                return Ok(Err(forbidden(
                    Some(&who),
                    "sign_in",
                    format!(
                        "{} is locked until {} after {MAX_WRONG_PINS} wrong PINs",
                        describe(&who),
                        until.format("%Y-%m-%d %H:%M:%S UTC")
                    ),
                )));
            }
            if !right {
                record = record.after_wrong_pin(now);
                tx.update_operator(&record)?;
                let reason = match record.locked_until {
                    Some(until) if until > now => format!(
                        "wrong PIN for {}; locked until {} after {MAX_WRONG_PINS} wrong PINs",
                        describe(&who),
                        until.format("%Y-%m-%d %H:%M:%S UTC")
                    ),
                    _ => format!(
                        "wrong PIN for {} ({} of {MAX_WRONG_PINS} before a lock)",
                        describe(&who),
                        record.wrong_pins
                    ),
                };
                return Ok(Err(forbidden(Some(&who), "sign_in", reason)));
            }
            if record.wrong_pins != 0 || record.locked_until.is_some() {
                record.wrong_pins = 0;
                record.locked_until = None;
                tx.update_operator(&record)?;
            }
            super::audit::append(
                tx,
                at,
                Some(who.id),
                "sign_in",
                vec![who.id],
                "{}".to_string(),
            )?;
            Ok(Ok(who))
        })?;
        let who = outcome?;
        Ok(Backspace {
            operator: Some(who.id),
            ..self.clone()
        })
    }
}
