//! [`ReadOnly`]: the transaction a store's `read` hands out. It passes every read on to the
//! store's own transaction and refuses every write with a storage error, so a read never
//! changes a record, whatever the store.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use crate::audit::AuditEntry;
use crate::booking::Reservation;
use crate::drawer::{DrawerEntry, Shift};
use crate::ereceipt::EReceipt;
use crate::error::{Error, Result};
use crate::model::*;
use crate::reports::{ResourceUtilization, RevenueDay, TopCustomer, ZReport};
use crate::settings::Settings;
use crate::staff::OperatorRecord;
use crate::store::{Counter, SessionSpan, StoreTx};
use crate::trail::TrailEntry;

/// A store's transaction, for reading only.
pub struct ReadOnly<'a>(pub &'a mut dyn StoreTx);

/// The error of a write attempted inside a read.
fn refused(what: &str) -> Error {
    Error::storage(format!("{what} inside a read: a read never writes"))
}

impl StoreTx for ReadOnly<'_> {
    fn settings(&mut self) -> Result<Settings> {
        self.0.settings()
    }
    fn save_settings(&mut self, _settings: &Settings) -> Result<()> {
        Err(refused("save_settings"))
    }
    fn next_number(&mut self, _counter: Counter) -> Result<u64> {
        Err(refused("next_number"))
    }
    fn number_code(&mut self) -> Result<Option<String>> {
        self.0.number_code()
    }
    fn insert_customer(&mut self, _customer: &Customer) -> Result<()> {
        Err(refused("insert_customer"))
    }
    fn update_customer(&mut self, _customer: &Customer) -> Result<()> {
        Err(refused("update_customer"))
    }
    fn customer(&mut self, id: Uuid) -> Result<Option<Customer>> {
        self.0.customer(id)
    }
    fn customer_by_phone(&mut self, phone: &str) -> Result<Option<Customer>> {
        self.0.customer_by_phone(phone)
    }
    fn customer_by_human_id(&mut self, human_id: &str) -> Result<Option<Customer>> {
        self.0.customer_by_human_id(human_id)
    }
    fn customers(&mut self) -> Result<Vec<Customer>> {
        self.0.customers()
    }
    fn customers_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Customer>> {
        self.0.customers_by_ids(ids)
    }
    fn insert_resource(&mut self, _resource: &Resource) -> Result<()> {
        Err(refused("insert_resource"))
    }
    fn update_resource(&mut self, _resource: &Resource) -> Result<()> {
        Err(refused("update_resource"))
    }
    fn delete_resource(&mut self, _id: Uuid) -> Result<()> {
        Err(refused("delete_resource"))
    }
    fn resource(&mut self, id: Uuid) -> Result<Option<Resource>> {
        self.0.resource(id)
    }
    fn resources(&mut self) -> Result<Vec<Resource>> {
        self.0.resources()
    }
    fn resource_has_sessions(&mut self, id: Uuid) -> Result<bool> {
        self.0.resource_has_sessions(id)
    }
    fn insert_session(&mut self, _session: &Session) -> Result<()> {
        Err(refused("insert_session"))
    }
    fn update_session(&mut self, _session: &Session) -> Result<()> {
        Err(refused("update_session"))
    }
    fn session(&mut self, id: Uuid) -> Result<Option<Session>> {
        self.0.session(id)
    }
    fn active_session_on_resource(&mut self, resource_id: Uuid) -> Result<Option<Session>> {
        self.0.active_session_on_resource(resource_id)
    }
    fn active_session_of_customer(&mut self, customer_id: Uuid) -> Result<Option<Session>> {
        self.0.active_session_of_customer(customer_id)
    }
    fn active_sessions(&mut self) -> Result<Vec<Session>> {
        self.0.active_sessions()
    }
    fn sessions_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<Session>> {
        self.0.sessions_between(start, end)
    }
    fn overlapping_session(&mut self, span: SessionSpan) -> Result<Option<Session>> {
        self.0.overlapping_session(span)
    }
    fn insert_item(&mut self, _item: &InventoryItem) -> Result<()> {
        Err(refused("insert_item"))
    }
    fn update_item(&mut self, _item: &InventoryItem) -> Result<()> {
        Err(refused("update_item"))
    }
    fn item(&mut self, id: Uuid) -> Result<Option<InventoryItem>> {
        self.0.item(id)
    }
    fn items(&mut self) -> Result<Vec<InventoryItem>> {
        self.0.items()
    }
    fn insert_movement(&mut self, _movement: &StockMovement) -> Result<()> {
        Err(refused("insert_movement"))
    }
    fn movements(&mut self, item_id: Uuid) -> Result<Vec<StockMovement>> {
        self.0.movements(item_id)
    }
    fn insert_consumption(&mut self, _consumption: &InventoryConsumption) -> Result<()> {
        Err(refused("insert_consumption"))
    }
    fn delete_consumption(&mut self, _id: Uuid) -> Result<()> {
        Err(refused("delete_consumption"))
    }
    fn consumption(&mut self, id: Uuid) -> Result<Option<InventoryConsumption>> {
        self.0.consumption(id)
    }
    fn consumptions_of_session(&mut self, session_id: Uuid) -> Result<Vec<InventoryConsumption>> {
        self.0.consumptions_of_session(session_id)
    }
    fn insert_subscription(&mut self, _subscription: &Subscription) -> Result<()> {
        Err(refused("insert_subscription"))
    }
    fn update_subscription(&mut self, _subscription: &Subscription) -> Result<()> {
        Err(refused("update_subscription"))
    }
    fn subscription(&mut self, id: Uuid) -> Result<Option<Subscription>> {
        self.0.subscription(id)
    }
    fn subscriptions_of_customer(&mut self, customer_id: Uuid) -> Result<Vec<Subscription>> {
        self.0.subscriptions_of_customer(customer_id)
    }
    fn active_subscriptions(&mut self) -> Result<Vec<Subscription>> {
        self.0.active_subscriptions()
    }
    fn insert_invoice(&mut self, _invoice: &Invoice) -> Result<()> {
        Err(refused("insert_invoice"))
    }
    fn update_invoice(&mut self, _invoice: &Invoice) -> Result<()> {
        Err(refused("update_invoice"))
    }
    fn insert_credit_note(&mut self, _note: &CreditNote) -> Result<()> {
        Err(refused("insert_credit_note"))
    }
    fn credit_note(&mut self, id: Uuid) -> Result<Option<CreditNote>> {
        self.0.credit_note(id)
    }
    fn credit_note_by_number(&mut self, number: &str) -> Result<Option<CreditNote>> {
        self.0.credit_note_by_number(number)
    }
    fn append_trail(&mut self, _entry: &TrailEntry) -> Result<()> {
        Err(refused("append_trail"))
    }
    fn last_trail_entry(&mut self) -> Result<Option<TrailEntry>> {
        self.0.last_trail_entry()
    }
    fn trail(&mut self) -> Result<Vec<TrailEntry>> {
        self.0.trail()
    }
    fn insert_z_report(&mut self, _z: &ZReport) -> Result<()> {
        Err(refused("insert_z_report"))
    }
    fn z_report(&mut self, date: NaiveDate) -> Result<Option<ZReport>> {
        self.0.z_report(date)
    }
    fn closed_through(&mut self) -> Result<Option<NaiveDate>> {
        self.0.closed_through()
    }
    fn insert_operator(&mut self, _operator: &OperatorRecord) -> Result<()> {
        Err(refused("insert_operator"))
    }
    fn update_operator(&mut self, _operator: &OperatorRecord) -> Result<()> {
        Err(refused("update_operator"))
    }
    fn operator(&mut self, id: Uuid) -> Result<Option<OperatorRecord>> {
        self.0.operator(id)
    }
    fn operators(&mut self) -> Result<Vec<OperatorRecord>> {
        self.0.operators()
    }
    fn has_operators(&mut self) -> Result<bool> {
        self.0.has_operators()
    }
    fn append_audit(&mut self, _entry: &AuditEntry) -> Result<()> {
        Err(refused("append_audit"))
    }
    fn last_audit_entry(&mut self) -> Result<Option<AuditEntry>> {
        self.0.last_audit_entry()
    }
    fn audit_entries(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<AuditEntry>> {
        self.0.audit_entries(start, end)
    }
    fn insert_shift(&mut self, _shift: &Shift) -> Result<()> {
        Err(refused("insert_shift"))
    }
    fn close_shift(&mut self, _shift: &Shift) -> Result<()> {
        Err(refused("close_shift"))
    }
    fn shift(&mut self, id: Uuid) -> Result<Option<Shift>> {
        self.0.shift(id)
    }
    fn open_shifts(&mut self) -> Result<Vec<Shift>> {
        self.0.open_shifts()
    }
    fn shifts(&mut self) -> Result<Vec<Shift>> {
        self.0.shifts()
    }
    fn insert_drawer_entry(&mut self, _entry: &DrawerEntry) -> Result<()> {
        Err(refused("insert_drawer_entry"))
    }
    fn drawer_entries(&mut self, shift_id: Uuid) -> Result<Vec<DrawerEntry>> {
        self.0.drawer_entries(shift_id)
    }
    fn insert_reservation(&mut self, _reservation: &Reservation) -> Result<()> {
        Err(refused("insert_reservation"))
    }
    fn update_reservation(&mut self, _reservation: &Reservation) -> Result<()> {
        Err(refused("update_reservation"))
    }
    fn reservation(&mut self, id: Uuid) -> Result<Option<Reservation>> {
        self.0.reservation(id)
    }
    fn reservations_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        resource_id: Option<Uuid>,
    ) -> Result<Vec<Reservation>> {
        self.0.reservations_between(start, end, resource_id)
    }
    fn insert_e_receipt(&mut self, _receipt: &EReceipt) -> Result<()> {
        Err(refused("insert_e_receipt"))
    }
    fn e_receipt_of(&mut self, document_id: Uuid) -> Result<Option<EReceipt>> {
        self.0.e_receipt_of(document_id)
    }
    fn last_e_receipt(&mut self, device_serial_number: &str) -> Result<Option<EReceipt>> {
        self.0.last_e_receipt(device_serial_number)
    }
    fn pending_e_receipts(&mut self) -> Result<Vec<EReceipt>> {
        self.0.pending_e_receipts()
    }
    fn mark_e_receipt_submitted(
        &mut self,
        _uuid: &str,
        _submission_id: &str,
        _at: DateTime<Utc>,
    ) -> Result<EReceipt> {
        Err(refused("mark_e_receipt_submitted"))
    }
    fn insert_payment(&mut self, _payment: &Payment) -> Result<()> {
        Err(refused("insert_payment"))
    }
    fn invoice(&mut self, id: Uuid) -> Result<Option<Invoice>> {
        self.0.invoice(id)
    }
    fn invoice_by_number(&mut self, number: &str) -> Result<Option<Invoice>> {
        self.0.invoice_by_number(number)
    }
    fn invoices(&mut self, filter: &InvoiceFilter) -> Result<Vec<Invoice>> {
        self.0.invoices(filter)
    }
    fn insert_ledger_entry(&mut self, _entry: &LedgerEntry) -> Result<()> {
        Err(refused("insert_ledger_entry"))
    }
    fn ledger(&mut self, customer_id: Uuid) -> Result<Vec<LedgerEntry>> {
        self.0.ledger(customer_id)
    }
    fn ledger_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<LedgerEntry>> {
        self.0.ledger_between(start, end)
    }
    fn has_money(&mut self) -> Result<bool> {
        self.0.has_money()
    }
    fn revenue(&mut self, from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<Vec<RevenueDay>> {
        self.0.revenue(from, to, tz)
    }
    fn utilization(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<Vec<ResourceUtilization>> {
        self.0.utilization(from, to, tz, now)
    }
    fn outstanding_invoices(&mut self) -> Result<Vec<Invoice>> {
        self.0.outstanding_invoices()
    }
    fn top_customers(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        n: usize,
    ) -> Result<Vec<TopCustomer>> {
        self.0.top_customers(from, to, n)
    }
}
