//! The in-memory store: every record in plain collections behind one lock. A write runs on a
//! copy of the state that replaces the original only when the operation succeeds, so a failed
//! operation leaves nothing behind. Meant for tests and short-lived embedding; it copies the
//! whole state per write.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::audit::AuditEntry;
use crate::booking::Reservation;
use crate::drawer::{DrawerEntry, Shift};
use crate::ereceipt::EReceipt;
use crate::error::{Error, Result};
use crate::model::*;
use crate::reports::ZReport;
use crate::settings::Settings;
use crate::staff::OperatorRecord;
use crate::store::{Counter, Store, StoreTx};
use crate::trail::TrailEntry;

#[derive(Clone, Default)]
struct State {
    settings: Option<Settings>,
    customers_counter: u64,
    invoices_counter: u64,
    credit_notes_counter: u64,
    reservations_counter: u64,
    customers: BTreeMap<Uuid, Customer>,
    resources: BTreeMap<Uuid, Resource>,
    sessions: BTreeMap<Uuid, Session>,
    items: BTreeMap<Uuid, InventoryItem>,
    movements: Vec<StockMovement>,
    consumptions: Vec<InventoryConsumption>,
    subscriptions: Vec<Subscription>,
    invoices: BTreeMap<Uuid, Invoice>,
    ledger: Vec<LedgerEntry>,
    trail: Vec<TrailEntry>,
    z_reports: BTreeMap<NaiveDate, ZReport>,
    operators: BTreeMap<Uuid, OperatorRecord>,
    audit: Vec<AuditEntry>,
    shifts: BTreeMap<Uuid, Shift>,
    drawer: Vec<DrawerEntry>,
    reservations: BTreeMap<Uuid, Reservation>,
    e_receipts: Vec<EReceipt>,
}

/// A store that keeps everything in memory.
#[derive(Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

impl MemoryStore {
    /// An empty store with default settings.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> Result<MutexGuard<'_, State>> {
        self.state
            .lock()
            .map_err(|_| Error::storage("in-memory store lock poisoned"))
    }
}

impl Store for MemoryStore {
    fn write<T>(&self, f: impl Fn(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
        let mut guard = self.lock()?;
        let mut draft = guard.clone();
        let out = f(&mut draft)?;
        *guard = draft;
        Ok(out)
    }

    fn read<T>(&self, f: impl FnOnce(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
        let mut guard = self.lock()?;
        f(&mut crate::read_only::ReadOnly(&mut *guard))
    }
}

fn missing(entity: &'static str, id: Uuid) -> Error {
    Error::not_found(entity, id)
}

fn replace<T: Clone>(
    map: &mut BTreeMap<Uuid, T>,
    id: Uuid,
    value: &T,
    entity: &'static str,
) -> Result<()> {
    match map.get_mut(&id) {
        Some(slot) => {
            *slot = value.clone();
            Ok(())
        }
        None => Err(missing(entity, id)),
    }
}

fn sorted_by_key<T: Clone, K: Ord>(
    items: impl Iterator<Item = T>,
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let mut v: Vec<T> = items.collect();
    v.sort_by_key(|x| key(x));
    v
}

impl StoreTx for State {
    fn settings(&mut self) -> Result<Settings> {
        Ok(self.settings.clone().unwrap_or_default())
    }

    fn save_settings(&mut self, settings: &Settings) -> Result<()> {
        self.settings = Some(settings.clone());
        Ok(())
    }

    fn next_number(&mut self, counter: Counter) -> Result<u64> {
        let c = match counter {
            Counter::Customer => &mut self.customers_counter,
            Counter::Invoice => &mut self.invoices_counter,
            Counter::CreditNote => &mut self.credit_notes_counter,
            Counter::Reservation => &mut self.reservations_counter,
        };
        *c += 1;
        Ok(*c)
    }

    fn insert_customer(&mut self, customer: &Customer) -> Result<()> {
        if let Some(other) = self.customers.values().find(|c| c.phone == customer.phone) {
            return Err(Error::Conflict(format!(
                "phone {} already belongs to customer {}",
                customer.phone, other.human_id
            )));
        }
        self.customers.insert(customer.id, customer.clone());
        Ok(())
    }

    fn update_customer(&mut self, customer: &Customer) -> Result<()> {
        if let Some(other) = self
            .customers
            .values()
            .find(|c| c.phone == customer.phone && c.id != customer.id)
        {
            return Err(Error::Conflict(format!(
                "phone {} already belongs to customer {}",
                customer.phone, other.human_id
            )));
        }
        replace(&mut self.customers, customer.id, customer, "customer")
    }

    fn customer(&mut self, id: Uuid) -> Result<Option<Customer>> {
        Ok(self.customers.get(&id).cloned())
    }

    fn customer_by_phone(&mut self, phone: &str) -> Result<Option<Customer>> {
        Ok(self.customers.values().find(|c| c.phone == phone).cloned())
    }

    fn customer_by_human_id(&mut self, human_id: &str) -> Result<Option<Customer>> {
        Ok(self
            .customers
            .values()
            .find(|c| c.human_id == human_id)
            .cloned())
    }

    fn customers(&mut self) -> Result<Vec<Customer>> {
        Ok(sorted_by_key(self.customers.values().cloned(), |c| {
            (c.human_id.len(), c.human_id.clone())
        }))
    }

    fn insert_resource(&mut self, resource: &Resource) -> Result<()> {
        self.resources.insert(resource.id, resource.clone());
        Ok(())
    }

    fn update_resource(&mut self, resource: &Resource) -> Result<()> {
        replace(&mut self.resources, resource.id, resource, "resource")
    }

    fn delete_resource(&mut self, id: Uuid) -> Result<()> {
        self.resources
            .remove(&id)
            .map(|_| ())
            .ok_or_else(|| missing("resource", id))
    }

    fn resource(&mut self, id: Uuid) -> Result<Option<Resource>> {
        Ok(self.resources.get(&id).cloned())
    }

    fn resources(&mut self) -> Result<Vec<Resource>> {
        Ok(sorted_by_key(self.resources.values().cloned(), |r| {
            (r.name.clone(), r.id)
        }))
    }

    fn resource_has_sessions(&mut self, id: Uuid) -> Result<bool> {
        Ok(self.sessions.values().any(|s| s.resource_id == id))
    }

    fn insert_session(&mut self, session: &Session) -> Result<()> {
        let clash = self.sessions.values().any(|s| {
            s.is_active
                && (s.resource_id == session.resource_id || s.customer_id == session.customer_id)
        });
        if session.is_active && clash {
            return Err(Error::Conflict(
                "an active session already holds this resource or customer".into(),
            ));
        }
        self.sessions.insert(session.id, session.clone());
        Ok(())
    }

    fn update_session(&mut self, session: &Session) -> Result<()> {
        replace(&mut self.sessions, session.id, session, "session")
    }

    fn session(&mut self, id: Uuid) -> Result<Option<Session>> {
        Ok(self.sessions.get(&id).cloned())
    }

    fn active_session_on_resource(&mut self, resource_id: Uuid) -> Result<Option<Session>> {
        Ok(self
            .sessions
            .values()
            .find(|s| s.is_active && s.resource_id == resource_id)
            .cloned())
    }

    fn active_session_of_customer(&mut self, customer_id: Uuid) -> Result<Option<Session>> {
        Ok(self
            .sessions
            .values()
            .find(|s| s.is_active && s.customer_id == customer_id)
            .cloned())
    }

    fn active_sessions(&mut self) -> Result<Vec<Session>> {
        Ok(sorted_by_key(
            self.sessions.values().filter(|s| s.is_active).cloned(),
            |s| (s.started_at, s.id),
        ))
    }

    fn sessions_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<Session>> {
        let overlapping = self
            .sessions
            .values()
            .filter(|s| s.started_at < end && s.ended_at.is_none_or(|e| e > start));
        Ok(sorted_by_key(overlapping.cloned(), |s| {
            (s.started_at, s.id)
        }))
    }

    fn insert_item(&mut self, item: &InventoryItem) -> Result<()> {
        self.items.insert(item.id, item.clone());
        Ok(())
    }

    fn update_item(&mut self, item: &InventoryItem) -> Result<()> {
        if item.quantity < 0 {
            return Err(Error::storage(format!(
                "stock of {} would go negative",
                item.name
            )));
        }
        replace(&mut self.items, item.id, item, "inventory item")
    }

    fn item(&mut self, id: Uuid) -> Result<Option<InventoryItem>> {
        Ok(self.items.get(&id).cloned())
    }

    fn items(&mut self) -> Result<Vec<InventoryItem>> {
        Ok(sorted_by_key(self.items.values().cloned(), |i| {
            (i.name.clone(), i.id)
        }))
    }

    fn insert_movement(&mut self, movement: &StockMovement) -> Result<()> {
        self.movements.push(movement.clone());
        Ok(())
    }

    fn movements(&mut self, item_id: Uuid) -> Result<Vec<StockMovement>> {
        Ok(sorted_by_key(
            self.movements
                .iter()
                .filter(|m| m.item_id == item_id)
                .cloned(),
            |m| m.at,
        ))
    }

    fn insert_consumption(&mut self, consumption: &InventoryConsumption) -> Result<()> {
        self.consumptions.push(consumption.clone());
        Ok(())
    }

    fn delete_consumption(&mut self, id: Uuid) -> Result<()> {
        let before = self.consumptions.len();
        self.consumptions.retain(|c| c.id != id);
        if self.consumptions.len() == before {
            Err(missing("consumption", id))
        } else {
            Ok(())
        }
    }

    fn consumption(&mut self, id: Uuid) -> Result<Option<InventoryConsumption>> {
        Ok(self.consumptions.iter().find(|c| c.id == id).cloned())
    }

    fn consumptions_of_session(&mut self, session_id: Uuid) -> Result<Vec<InventoryConsumption>> {
        Ok(sorted_by_key(
            self.consumptions
                .iter()
                .filter(|c| c.session_id == session_id)
                .cloned(),
            |c| c.consumed_at,
        ))
    }

    fn insert_subscription(&mut self, subscription: &Subscription) -> Result<()> {
        self.subscriptions.push(subscription.clone());
        Ok(())
    }

    fn update_subscription(&mut self, subscription: &Subscription) -> Result<()> {
        let slot = self
            .subscriptions
            .iter_mut()
            .find(|s| s.id == subscription.id)
            .ok_or_else(|| missing("subscription", subscription.id))?;
        *slot = subscription.clone();
        Ok(())
    }

    fn subscription(&mut self, id: Uuid) -> Result<Option<Subscription>> {
        Ok(self.subscriptions.iter().find(|s| s.id == id).cloned())
    }

    fn subscriptions_of_customer(&mut self, customer_id: Uuid) -> Result<Vec<Subscription>> {
        Ok(self
            .subscriptions
            .iter()
            .filter(|s| s.customer_id == customer_id)
            .cloned()
            .collect())
    }

    fn active_subscriptions(&mut self) -> Result<Vec<Subscription>> {
        Ok(self
            .subscriptions
            .iter()
            .filter(|s| s.is_active)
            .cloned()
            .collect())
    }

    fn insert_invoice(&mut self, invoice: &Invoice) -> Result<()> {
        self.invoices.insert(invoice.id, invoice.clone());
        Ok(())
    }

    fn update_invoice(&mut self, invoice: &Invoice) -> Result<()> {
        let slot = self
            .invoices
            .get_mut(&invoice.id)
            .ok_or_else(|| missing("invoice", invoice.id))?;
        let (line_items, payments, credit_notes) = (
            std::mem::take(&mut slot.line_items),
            std::mem::take(&mut slot.payments),
            std::mem::take(&mut slot.credit_notes),
        );
        *slot = Invoice {
            line_items,
            payments,
            credit_notes,
            ..invoice.clone()
        };
        // The lines' split follows the header's discount, as a store that derives it on load.
        crate::vat::split_lines(slot)?;
        Ok(())
    }

    fn insert_credit_note(&mut self, note: &CreditNote) -> Result<()> {
        let inv = self
            .invoices
            .get_mut(&note.invoice_id)
            .ok_or_else(|| missing("invoice", note.invoice_id))?;
        inv.credit_notes.push(note.clone());
        Ok(())
    }

    fn credit_note(&mut self, id: Uuid) -> Result<Option<CreditNote>> {
        Ok(self
            .invoices
            .values()
            .flat_map(|i| &i.credit_notes)
            .find(|c| c.id == id)
            .cloned())
    }

    fn credit_note_by_number(&mut self, number: &str) -> Result<Option<CreditNote>> {
        Ok(self
            .invoices
            .values()
            .flat_map(|i| &i.credit_notes)
            .find(|c| c.credit_note_number == number)
            .cloned())
    }

    fn append_trail(&mut self, entry: &TrailEntry) -> Result<()> {
        self.trail.push(entry.clone());
        Ok(())
    }

    fn last_trail_entry(&mut self) -> Result<Option<TrailEntry>> {
        Ok(self.trail.last().cloned())
    }

    fn trail(&mut self) -> Result<Vec<TrailEntry>> {
        Ok(self.trail.clone())
    }

    fn insert_z_report(&mut self, z: &ZReport) -> Result<()> {
        if self.z_reports.contains_key(&z.date) {
            return Err(Error::Conflict(format!("{} is already closed", z.date)));
        }
        self.z_reports.insert(z.date, z.clone());
        Ok(())
    }

    fn z_report(&mut self, date: NaiveDate) -> Result<Option<ZReport>> {
        Ok(self.z_reports.get(&date).cloned())
    }

    fn closed_through(&mut self) -> Result<Option<NaiveDate>> {
        Ok(self.z_reports.keys().next_back().copied())
    }

    fn insert_operator(&mut self, operator: &OperatorRecord) -> Result<()> {
        self.operators
            .insert(operator.operator.id, operator.clone());
        Ok(())
    }

    fn update_operator(&mut self, operator: &OperatorRecord) -> Result<()> {
        replace(
            &mut self.operators,
            operator.operator.id,
            operator,
            "operator",
        )
    }

    fn operator(&mut self, id: Uuid) -> Result<Option<OperatorRecord>> {
        Ok(self.operators.get(&id).cloned())
    }

    fn operators(&mut self) -> Result<Vec<OperatorRecord>> {
        Ok(sorted_by_key(self.operators.values().cloned(), |o| {
            (o.operator.name.clone(), o.operator.id)
        }))
    }

    fn has_operators(&mut self) -> Result<bool> {
        Ok(!self.operators.is_empty())
    }

    fn append_audit(&mut self, entry: &AuditEntry) -> Result<()> {
        self.audit.push(entry.clone());
        Ok(())
    }

    fn last_audit_entry(&mut self) -> Result<Option<AuditEntry>> {
        Ok(self.audit.last().cloned())
    }

    fn audit_entries(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<AuditEntry>> {
        Ok(self
            .audit
            .iter()
            .filter(|e| e.at >= start && e.at < end)
            .cloned()
            .collect())
    }

    fn insert_shift(&mut self, shift: &Shift) -> Result<()> {
        if self
            .shifts
            .values()
            .any(|s| s.is_open() && s.drawer == shift.drawer)
        {
            return Err(Error::Conflict(format!(
                "drawer {} already has an open shift",
                shift.drawer
            )));
        }
        self.shifts.insert(shift.id, shift.clone());
        Ok(())
    }

    fn close_shift(&mut self, shift: &Shift) -> Result<()> {
        match self.shifts.get_mut(&shift.id) {
            Some(s) if s.is_open() => {
                *s = shift.clone();
                Ok(())
            }
            Some(_) => Err(Error::InvalidState("a closed shift never changes".into())),
            None => Err(missing("shift", shift.id)),
        }
    }

    fn shift(&mut self, id: Uuid) -> Result<Option<Shift>> {
        Ok(self.shifts.get(&id).cloned())
    }

    fn open_shifts(&mut self) -> Result<Vec<Shift>> {
        Ok(sorted_by_key(
            self.shifts.values().filter(|s| s.is_open()).cloned(),
            |s| (s.opened_at, s.id),
        ))
    }

    fn shifts(&mut self) -> Result<Vec<Shift>> {
        Ok(sorted_by_key(self.shifts.values().cloned(), |s| {
            (s.opened_at, s.id)
        }))
    }

    fn insert_drawer_entry(&mut self, entry: &DrawerEntry) -> Result<()> {
        match self.shifts.get(&entry.shift_id) {
            Some(s) if s.is_open() => {
                self.drawer.push(entry.clone());
                Ok(())
            }
            Some(_) => Err(Error::InvalidState("a closed shift never changes".into())),
            None => Err(missing("shift", entry.shift_id)),
        }
    }

    fn drawer_entries(&mut self, shift_id: Uuid) -> Result<Vec<DrawerEntry>> {
        Ok(self
            .drawer
            .iter()
            .filter(|e| e.shift_id == shift_id)
            .cloned()
            .collect())
    }

    fn insert_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        self.reservations
            .insert(reservation.id, reservation.clone());
        Ok(())
    }

    fn update_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        replace(
            &mut self.reservations,
            reservation.id,
            reservation,
            "reservation",
        )
    }

    fn reservation(&mut self, id: Uuid) -> Result<Option<Reservation>> {
        Ok(self.reservations.get(&id).cloned())
    }

    fn reservations_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        resource_id: Option<Uuid>,
    ) -> Result<Vec<Reservation>> {
        Ok(sorted_by_key(
            self.reservations
                .values()
                .filter(|r| r.start < end && r.end > start)
                .filter(|r| resource_id.is_none_or(|id| r.resource_id == id))
                .cloned(),
            |r| {
                (
                    r.start,
                    r.reservation_number.len(),
                    r.reservation_number.clone(),
                )
            },
        ))
    }

    fn insert_e_receipt(&mut self, receipt: &EReceipt) -> Result<()> {
        if self
            .e_receipts
            .iter()
            .any(|r| r.uuid == receipt.uuid || r.document_id == receipt.document_id)
        {
            return Err(Error::Conflict(format!(
                "{} already has an e-receipt",
                receipt.receipt_number
            )));
        }
        self.e_receipts.push(receipt.clone());
        Ok(())
    }

    fn e_receipt_of(&mut self, document_id: Uuid) -> Result<Option<EReceipt>> {
        Ok(self
            .e_receipts
            .iter()
            .find(|r| r.document_id == document_id)
            .cloned())
    }

    fn last_e_receipt(&mut self, device_serial_number: &str) -> Result<Option<EReceipt>> {
        Ok(self
            .e_receipts
            .iter()
            .rev()
            .find(|r| r.device_serial_number == device_serial_number)
            .cloned())
    }

    fn pending_e_receipts(&mut self) -> Result<Vec<EReceipt>> {
        Ok(self
            .e_receipts
            .iter()
            .filter(|r| r.submitted_at.is_none())
            .cloned()
            .collect())
    }

    fn mark_e_receipt_submitted(
        &mut self,
        uuid: &str,
        submission_id: &str,
        at: DateTime<Utc>,
    ) -> Result<EReceipt> {
        let r = self
            .e_receipts
            .iter_mut()
            .find(|r| r.uuid == uuid)
            .ok_or_else(|| Error::not_found("e-receipt", uuid))?;
        if r.submitted_at.is_some() {
            return Err(Error::InvalidState(format!(
                "e-receipt {uuid} is already marked submitted"
            )));
        }
        r.submitted_at = Some(at);
        r.submission_id = Some(submission_id.to_string());
        Ok(r.clone())
    }

    fn insert_payment(&mut self, payment: &Payment) -> Result<()> {
        let inv = self
            .invoices
            .get_mut(&payment.invoice_id)
            .ok_or_else(|| missing("invoice", payment.invoice_id))?;
        inv.payments.push(payment.clone());
        Ok(())
    }

    fn invoice(&mut self, id: Uuid) -> Result<Option<Invoice>> {
        Ok(self.invoices.get(&id).cloned())
    }

    fn invoice_by_number(&mut self, number: &str) -> Result<Option<Invoice>> {
        Ok(self
            .invoices
            .values()
            .find(|i| i.invoice_number == number)
            .cloned())
    }

    fn invoices(&mut self, filter: &InvoiceFilter) -> Result<Vec<Invoice>> {
        let matching = self
            .invoices
            .values()
            .filter(|i| filter.matches(i))
            .cloned();
        Ok(sorted_by_key(matching, |i| {
            (i.invoice_number.len(), i.invoice_number.clone())
        }))
    }

    fn insert_ledger_entry(&mut self, entry: &LedgerEntry) -> Result<()> {
        self.ledger.push(entry.clone());
        Ok(())
    }

    fn ledger(&mut self, customer_id: Uuid) -> Result<Vec<LedgerEntry>> {
        Ok(sorted_by_key(
            self.ledger
                .iter()
                .filter(|e| e.customer_id == customer_id)
                .cloned(),
            |e| e.at,
        ))
    }

    fn ledger_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<LedgerEntry>> {
        Ok(sorted_by_key(
            self.ledger
                .iter()
                .filter(|e| e.at >= start && e.at < end)
                .cloned(),
            |e| e.at,
        ))
    }
}

#[cfg(test)]
mod conformance {
    crate::conformance_tests!(crate::MemoryStore::new());
}
