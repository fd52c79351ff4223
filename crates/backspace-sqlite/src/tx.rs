//! `StoreTx` over one open SQLite transaction; each method hands over to the module of its
//! entity.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::{ResourceUtilization, RevenueDay, TopCustomer, ZReport};
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::{
    credit_notes, customers, ereceipts, inventory, invoices, ledger, reports, reservations,
    resources, sessions, settings, shifts, staff, subscriptions, trail,
};
use backspace_core::staff::OperatorRecord;

/// What every write asks first — the settings, the last closed day, whether there is staff, the
/// last trail and audit entries — once read, kept in step with the transaction's own writes (no
/// other connection can change them while it is open). `None` is "not read yet".
#[derive(Debug, Clone, Default)]
pub(crate) struct Known {
    settings: Option<Settings>,
    closed_through: Option<Option<NaiveDate>>,
    has_operators: Option<bool>,
    last_trail: Option<Option<TrailEntry>>,
    last_audit: Option<Option<AuditEntry>>,
}

/// The records of one transaction (the connection is inside `BEGIN … COMMIT/ROLLBACK`).
pub(crate) struct SqliteTx<'a> {
    conn: &'a Connection,
    known: Known,
}

impl<'a> SqliteTx<'a> {
    /// Wraps a connection whose transaction is open, knowing `known` of it already.
    pub(crate) fn new(conn: &'a Connection, known: Known) -> Self {
        SqliteTx { conn, known }
    }

    /// What the transaction knows now (to carry into the next one, once this one commits).
    pub(crate) fn into_known(self) -> Known {
        self.known
    }
}

impl StoreTx for SqliteTx<'_> {
    fn insert_operator(&mut self, operator: &OperatorRecord) -> Result<()> {
        staff::insert_operator(self.conn, operator)?;
        self.known.has_operators = Some(true);
        Ok(())
    }
    fn update_operator(&mut self, operator: &OperatorRecord) -> Result<()> {
        staff::update_operator(self.conn, operator)
    }
    fn operator(&mut self, id: Uuid) -> Result<Option<OperatorRecord>> {
        staff::operator(self.conn, id)
    }
    fn operators(&mut self) -> Result<Vec<OperatorRecord>> {
        staff::operators(self.conn)
    }
    fn has_operators(&mut self) -> Result<bool> {
        if let Some(known) = self.known.has_operators {
            return Ok(known);
        }
        let found = staff::has_operators(self.conn)?;
        self.known.has_operators = Some(found);
        Ok(found)
    }
    fn append_audit(&mut self, entry: &AuditEntry) -> Result<()> {
        staff::append_audit(self.conn, entry)?;
        self.known.last_audit = Some(Some(entry.clone()));
        Ok(())
    }
    fn last_audit_entry(&mut self) -> Result<Option<AuditEntry>> {
        if let Some(known) = &self.known.last_audit {
            return Ok(known.clone());
        }
        let found = staff::last_audit(self.conn)?;
        self.known.last_audit = Some(found.clone());
        Ok(found)
    }
    fn audit_entries(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<AuditEntry>> {
        staff::audit_between(self.conn, start, end)
    }
    fn insert_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        reservations::insert(self.conn, reservation)
    }
    fn update_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        reservations::update(self.conn, reservation)
    }
    fn reservation(&mut self, id: Uuid) -> Result<Option<Reservation>> {
        reservations::by_id(self.conn, id)
    }
    fn reservations_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        resource_id: Option<Uuid>,
    ) -> Result<Vec<Reservation>> {
        reservations::between(self.conn, start, end, resource_id)
    }
    fn insert_e_receipt(&mut self, receipt: &EReceipt) -> Result<()> {
        ereceipts::insert(self.conn, receipt)
    }
    fn e_receipt_of(&mut self, document_id: Uuid) -> Result<Option<EReceipt>> {
        ereceipts::of(self.conn, document_id)
    }
    fn last_e_receipt(&mut self, device_serial_number: &str) -> Result<Option<EReceipt>> {
        ereceipts::last(self.conn, device_serial_number)
    }
    fn pending_e_receipts(&mut self) -> Result<Vec<EReceipt>> {
        ereceipts::pending(self.conn)
    }
    fn mark_e_receipt_submitted(
        &mut self,
        uuid: &str,
        submission_id: &str,
        at: DateTime<Utc>,
    ) -> Result<EReceipt> {
        ereceipts::mark_submitted(self.conn, uuid, submission_id, at)
    }
    fn insert_shift(&mut self, shift: &Shift) -> Result<()> {
        shifts::insert(self.conn, shift)
    }
    fn close_shift(&mut self, shift: &Shift) -> Result<()> {
        shifts::close(self.conn, shift)
    }
    fn shift(&mut self, id: Uuid) -> Result<Option<Shift>> {
        shifts::by_id(self.conn, id)
    }
    fn open_shifts(&mut self) -> Result<Vec<Shift>> {
        shifts::open(self.conn)
    }
    fn shifts(&mut self) -> Result<Vec<Shift>> {
        shifts::all(self.conn)
    }
    fn insert_drawer_entry(&mut self, entry: &DrawerEntry) -> Result<()> {
        shifts::insert_entry(self.conn, entry)
    }
    fn drawer_entries(&mut self, shift_id: Uuid) -> Result<Vec<DrawerEntry>> {
        shifts::entries(self.conn, shift_id)
    }
    fn insert_credit_note(&mut self, note: &CreditNote) -> Result<()> {
        credit_notes::insert(self.conn, note)
    }
    fn credit_note(&mut self, id: Uuid) -> Result<Option<CreditNote>> {
        credit_notes::by_id(self.conn, id)
    }
    fn credit_note_by_number(&mut self, number: &str) -> Result<Option<CreditNote>> {
        credit_notes::by_number(self.conn, number)
    }
    fn append_trail(&mut self, entry: &TrailEntry) -> Result<()> {
        trail::append(self.conn, entry)?;
        self.known.last_trail = Some(Some(entry.clone()));
        Ok(())
    }
    fn last_trail_entry(&mut self) -> Result<Option<TrailEntry>> {
        if let Some(known) = &self.known.last_trail {
            return Ok(known.clone());
        }
        let found = trail::last(self.conn)?;
        self.known.last_trail = Some(found.clone());
        Ok(found)
    }
    fn trail(&mut self) -> Result<Vec<TrailEntry>> {
        trail::all(self.conn)
    }
    fn insert_z_report(&mut self, z: &ZReport) -> Result<()> {
        trail::insert_z(self.conn, z)?;
        self.known.closed_through = None;
        Ok(())
    }
    fn z_report(&mut self, date: NaiveDate) -> Result<Option<ZReport>> {
        trail::z(self.conn, date)
    }
    fn has_money(&mut self) -> Result<bool> {
        crate::query::one(
            self.conn,
            "SELECT EXISTS (SELECT 1 FROM invoices) OR EXISTS (SELECT 1 FROM ledger_entries)",
            [],
            |r| r.get::<_, bool>(0),
        )
        .map(|v| v.unwrap_or(false))
    }
    fn closed_through(&mut self) -> Result<Option<NaiveDate>> {
        if let Some(known) = self.known.closed_through {
            return Ok(known);
        }
        let found = trail::closed_through(self.conn)?;
        self.known.closed_through = Some(found);
        Ok(found)
    }
    fn settings(&mut self) -> Result<Settings> {
        if let Some(known) = &self.known.settings {
            return Ok(known.clone());
        }
        let found = settings::get(self.conn)?;
        self.known.settings = Some(found.clone());
        Ok(found)
    }
    fn save_settings(&mut self, s: &Settings) -> Result<()> {
        settings::save(self.conn, s)?;
        self.known.settings = Some(s.clone());
        Ok(())
    }
    fn next_number(&mut self, counter: Counter) -> Result<u64> {
        settings::next_number(self.conn, counter)
    }

    fn insert_customer(&mut self, c: &Customer) -> Result<()> {
        customers::insert(self.conn, c)
    }
    fn update_customer(&mut self, c: &Customer) -> Result<()> {
        customers::update(self.conn, c)
    }
    fn customer(&mut self, id: Uuid) -> Result<Option<Customer>> {
        customers::by_id(self.conn, id)
    }
    fn customer_by_phone(&mut self, phone: &str) -> Result<Option<Customer>> {
        customers::by_phone(self.conn, phone)
    }
    fn customer_by_human_id(&mut self, human_id: &str) -> Result<Option<Customer>> {
        customers::by_human_id(self.conn, human_id)
    }
    fn customers(&mut self) -> Result<Vec<Customer>> {
        customers::all(self.conn)
    }
    fn customers_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Customer>> {
        customers::by_ids(self.conn, ids)
    }

    fn insert_resource(&mut self, r: &Resource) -> Result<()> {
        resources::insert(self.conn, r)
    }
    fn update_resource(&mut self, r: &Resource) -> Result<()> {
        resources::update(self.conn, r)
    }
    fn delete_resource(&mut self, id: Uuid) -> Result<()> {
        resources::delete(self.conn, id)
    }
    fn resource(&mut self, id: Uuid) -> Result<Option<Resource>> {
        resources::by_id(self.conn, id)
    }
    fn resources(&mut self) -> Result<Vec<Resource>> {
        resources::all(self.conn)
    }
    fn resource_has_sessions(&mut self, id: Uuid) -> Result<bool> {
        resources::has_sessions(self.conn, id)
    }

    fn insert_session(&mut self, s: &Session) -> Result<()> {
        sessions::insert(self.conn, s)
    }
    fn update_session(&mut self, s: &Session) -> Result<()> {
        sessions::update(self.conn, s)
    }
    fn session(&mut self, id: Uuid) -> Result<Option<Session>> {
        sessions::by_id(self.conn, id)
    }
    fn active_session_on_resource(&mut self, resource_id: Uuid) -> Result<Option<Session>> {
        sessions::active_on_resource(self.conn, resource_id)
    }
    fn active_session_of_customer(&mut self, customer_id: Uuid) -> Result<Option<Session>> {
        sessions::active_of_customer(self.conn, customer_id)
    }
    fn active_sessions(&mut self) -> Result<Vec<Session>> {
        sessions::active(self.conn)
    }
    fn overlapping_session(&mut self, span: SessionSpan) -> Result<Option<Session>> {
        sessions::overlapping(self.conn, span)
    }
    fn sessions_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<Session>> {
        sessions::between(self.conn, start, end)
    }

    fn insert_item(&mut self, item: &InventoryItem) -> Result<()> {
        inventory::insert_item(self.conn, item)
    }
    fn update_item(&mut self, item: &InventoryItem) -> Result<()> {
        inventory::update_item(self.conn, item)
    }
    fn item(&mut self, id: Uuid) -> Result<Option<InventoryItem>> {
        inventory::item(self.conn, id)
    }
    fn items(&mut self) -> Result<Vec<InventoryItem>> {
        inventory::items(self.conn)
    }
    fn insert_movement(&mut self, m: &StockMovement) -> Result<()> {
        inventory::insert_movement(self.conn, m)
    }
    fn movements(&mut self, item_id: Uuid) -> Result<Vec<StockMovement>> {
        inventory::movements(self.conn, item_id)
    }
    fn insert_consumption(&mut self, c: &InventoryConsumption) -> Result<()> {
        inventory::insert_consumption(self.conn, c)
    }
    fn delete_consumption(&mut self, id: Uuid) -> Result<()> {
        inventory::delete_consumption(self.conn, id)
    }
    fn consumption(&mut self, id: Uuid) -> Result<Option<InventoryConsumption>> {
        inventory::consumption(self.conn, id)
    }
    fn consumptions_of_session(&mut self, session_id: Uuid) -> Result<Vec<InventoryConsumption>> {
        inventory::consumptions_of_session(self.conn, session_id)
    }

    fn insert_subscription(&mut self, s: &Subscription) -> Result<()> {
        subscriptions::insert(self.conn, s)
    }
    fn update_subscription(&mut self, s: &Subscription) -> Result<()> {
        subscriptions::update(self.conn, s)
    }
    fn subscription(&mut self, id: Uuid) -> Result<Option<Subscription>> {
        subscriptions::by_id(self.conn, id)
    }
    fn subscriptions_of_customer(&mut self, customer_id: Uuid) -> Result<Vec<Subscription>> {
        subscriptions::of_customer(self.conn, customer_id)
    }
    fn active_subscriptions(&mut self) -> Result<Vec<Subscription>> {
        subscriptions::active(self.conn)
    }

    fn insert_invoice(&mut self, invoice: &Invoice) -> Result<()> {
        invoices::insert(self.conn, invoice)
    }
    fn update_invoice(&mut self, invoice: &Invoice) -> Result<()> {
        invoices::update(self.conn, invoice)
    }
    fn insert_payment(&mut self, payment: &Payment) -> Result<()> {
        invoices::insert_payment(self.conn, payment)
    }
    fn invoice(&mut self, id: Uuid) -> Result<Option<Invoice>> {
        invoices::by_id(self.conn, id)
    }
    fn invoice_by_number(&mut self, number: &str) -> Result<Option<Invoice>> {
        invoices::by_number(self.conn, number)
    }
    fn invoices(&mut self, filter: &InvoiceFilter) -> Result<Vec<Invoice>> {
        invoices::list(self.conn, filter)
    }

    fn insert_ledger_entry(&mut self, entry: &LedgerEntry) -> Result<()> {
        ledger::insert(self.conn, entry)
    }
    fn ledger(&mut self, customer_id: Uuid) -> Result<Vec<LedgerEntry>> {
        ledger::of_customer(self.conn, customer_id)
    }
    fn ledger_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<LedgerEntry>> {
        ledger::between(self.conn, start, end)
    }

    fn revenue(&mut self, from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<Vec<RevenueDay>> {
        reports::revenue(self.conn, from, to, tz)
    }
    fn utilization(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<Vec<ResourceUtilization>> {
        reports::utilization(self.conn, from, to, tz, now)
    }
    fn outstanding_invoices(&mut self) -> Result<Vec<Invoice>> {
        reports::outstanding(self.conn)
    }
    fn top_customers(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        n: usize,
    ) -> Result<Vec<TopCustomer>> {
        reports::top_customers(self.conn, from, to, n)
    }
}
