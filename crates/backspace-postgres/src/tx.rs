//! `StoreTx` over one open PostgreSQL transaction; each method hands over to the module of its
//! entity.

use backspace_core::reports::ZReport;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;
use crate::{
    credit_notes, customers, ereceipts, inventory, invoices, ledger, reservations, resources,
    sessions, settings, shifts, staff, subscriptions, trail,
};
use backspace_core::staff::OperatorRecord;

/// The records of one transaction.
///
/// What every write asks first — the settings, the last closed day, whether there is staff, the
/// last trail and audit entries — is read once per transaction and then kept in step with this
/// transaction's own writes: the transaction is serializable, so what it read stays true for
/// it or it does not commit.
pub(crate) struct PgTx<'a, 'c> {
    db: Db<'a, 'c>,
    settings: Option<Settings>,
    closed_through: Option<Option<NaiveDate>>,
    has_operators: Option<bool>,
    last_trail: Option<Option<TrailEntry>>,
    last_audit: Option<Option<AuditEntry>>,
}

impl<'a, 'c> PgTx<'a, 'c> {
    /// Wraps an open transaction.
    pub(crate) fn new(db: Db<'a, 'c>) -> Self {
        PgTx {
            db,
            settings: None,
            closed_through: None,
            has_operators: None,
            last_trail: None,
            last_audit: None,
        }
    }
}

impl<'a, 'c> PgTx<'a, 'c> {
    /// Fills the staff flag, the last closed day and the last audit entry in one round trip
    /// (each kept until this transaction changes it).
    fn load_context(&mut self) -> Result<()> {
        let found = crate::context::load(&mut self.db)?;
        self.has_operators.get_or_insert(found.has_operators);
        self.closed_through.get_or_insert(found.closed_through);
        self.last_audit.get_or_insert(found.last_audit);
        Ok(())
    }

    /// The transaction itself, for what only this store does (counters set by a copy).
    pub(crate) fn db(&mut self) -> &mut Db<'a, 'c> {
        &mut self.db
    }
}

impl StoreTx for PgTx<'_, '_> {
    fn insert_operator(&mut self, operator: &OperatorRecord) -> Result<()> {
        staff::insert_operator(&mut self.db, operator)?;
        self.has_operators = Some(true);
        Ok(())
    }
    fn update_operator(&mut self, operator: &OperatorRecord) -> Result<()> {
        staff::update_operator(&mut self.db, operator)
    }
    fn operator(&mut self, id: Uuid) -> Result<Option<OperatorRecord>> {
        staff::operator(&mut self.db, id)
    }
    fn operators(&mut self) -> Result<Vec<OperatorRecord>> {
        staff::operators(&mut self.db)
    }
    fn has_operators(&mut self) -> Result<bool> {
        // The chain view only reads, and who may read the whole chain is settled by the
        // database's credentials (a branch's role sees its own branch only): no sign-in there.
        if self.db.branch().is_none() {
            return Ok(false);
        }
        if self.has_operators.is_none() {
            self.load_context()?;
        }
        Ok(self.has_operators.unwrap_or(false))
    }
    fn append_audit(&mut self, entry: &AuditEntry) -> Result<()> {
        staff::append_audit(&mut self.db, entry)?;
        self.last_audit = Some(Some(entry.clone()));
        Ok(())
    }
    fn last_audit_entry(&mut self) -> Result<Option<AuditEntry>> {
        if self.last_audit.is_none() {
            self.load_context()?;
        }
        Ok(self.last_audit.clone().flatten())
    }
    fn audit_entries(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<AuditEntry>> {
        staff::audit_between(&mut self.db, start, end)
    }
    fn insert_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        reservations::insert(&mut self.db, reservation)
    }
    fn update_reservation(&mut self, reservation: &Reservation) -> Result<()> {
        reservations::update(&mut self.db, reservation)
    }
    fn reservation(&mut self, id: Uuid) -> Result<Option<Reservation>> {
        reservations::by_id(&mut self.db, id)
    }
    fn reservations_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        resource_id: Option<Uuid>,
    ) -> Result<Vec<Reservation>> {
        reservations::between(&mut self.db, start, end, resource_id)
    }
    fn insert_e_receipt(&mut self, receipt: &EReceipt) -> Result<()> {
        ereceipts::insert(&mut self.db, receipt)
    }
    fn e_receipt_of(&mut self, document_id: Uuid) -> Result<Option<EReceipt>> {
        ereceipts::of(&mut self.db, document_id)
    }
    fn last_e_receipt(&mut self, device_serial_number: &str) -> Result<Option<EReceipt>> {
        ereceipts::last(&mut self.db, device_serial_number)
    }
    fn pending_e_receipts(&mut self) -> Result<Vec<EReceipt>> {
        ereceipts::pending(&mut self.db)
    }
    fn mark_e_receipt_submitted(
        &mut self,
        uuid: &str,
        submission_id: &str,
        at: DateTime<Utc>,
    ) -> Result<EReceipt> {
        ereceipts::mark_submitted(&mut self.db, uuid, submission_id, at)
    }
    fn insert_shift(&mut self, shift: &Shift) -> Result<()> {
        shifts::insert(&mut self.db, shift)
    }
    fn close_shift(&mut self, shift: &Shift) -> Result<()> {
        shifts::close(&mut self.db, shift)
    }
    fn shift(&mut self, id: Uuid) -> Result<Option<Shift>> {
        shifts::by_id(&mut self.db, id)
    }
    fn open_shifts(&mut self) -> Result<Vec<Shift>> {
        shifts::open(&mut self.db)
    }
    fn shifts(&mut self) -> Result<Vec<Shift>> {
        // Only a store copy asks for every shift: the ids in order, then each shift.
        let branch = self.db.branch();
        let ids: Vec<Uuid> = self.db.many(
            "SELECT id FROM shifts WHERE ($1::integer IS NULL OR branch_id = $1)
             ORDER BY opened_at, id",
            &[&branch],
            |r| crate::convert::get(r, 0),
        )?;
        let mut all = Vec::with_capacity(ids.len());
        for id in ids {
            all.extend(shifts::by_id(&mut self.db, id)?);
        }
        Ok(all)
    }
    fn insert_drawer_entry(&mut self, entry: &DrawerEntry) -> Result<()> {
        shifts::insert_entry(&mut self.db, entry)
    }
    fn drawer_entries(&mut self, shift_id: Uuid) -> Result<Vec<DrawerEntry>> {
        shifts::entries(&mut self.db, shift_id)
    }
    fn insert_credit_note(&mut self, note: &CreditNote) -> Result<()> {
        credit_notes::insert(&mut self.db, note)
    }
    fn credit_note(&mut self, id: Uuid) -> Result<Option<CreditNote>> {
        credit_notes::by_id(&mut self.db, id)
    }
    fn credit_note_by_number(&mut self, number: &str) -> Result<Option<CreditNote>> {
        credit_notes::by_number(&mut self.db, number)
    }
    fn append_trail(&mut self, entry: &TrailEntry) -> Result<()> {
        trail::append(&mut self.db, entry)?;
        self.last_trail = Some(Some(entry.clone()));
        Ok(())
    }
    fn last_trail_entry(&mut self) -> Result<Option<TrailEntry>> {
        if let Some(known) = &self.last_trail {
            return Ok(known.clone());
        }
        let found = trail::last(&mut self.db)?;
        self.last_trail = Some(found.clone());
        Ok(found)
    }
    fn trail(&mut self) -> Result<Vec<TrailEntry>> {
        trail::all(&mut self.db)
    }
    fn insert_z_report(&mut self, z: &ZReport) -> Result<()> {
        trail::insert_z(&mut self.db, z)?;
        self.closed_through = None;
        Ok(())
    }
    fn z_report(&mut self, date: NaiveDate) -> Result<Option<ZReport>> {
        trail::z(&mut self.db, date)
    }
    fn has_money(&mut self) -> Result<bool> {
        trail::has_money(&mut self.db)
    }
    fn closed_through(&mut self) -> Result<Option<NaiveDate>> {
        if self.closed_through.is_none() {
            self.load_context()?;
        }
        Ok(self.closed_through.flatten())
    }
    fn settings(&mut self) -> Result<Settings> {
        if let Some(known) = &self.settings {
            return Ok(known.clone());
        }
        let found = settings::get_settings(&mut self.db)?;
        self.settings = Some(found.clone());
        Ok(found)
    }
    fn save_settings(&mut self, s: &Settings) -> Result<()> {
        settings::save(&mut self.db, s)?;
        self.settings = Some(s.clone());
        Ok(())
    }
    fn number_code(&mut self) -> Result<Option<String>> {
        Ok(self.db.number_code().map(str::to_string))
    }
    fn next_number(&mut self, counter: Counter) -> Result<u64> {
        settings::next_number(&mut self.db, counter)
    }

    fn insert_customer(&mut self, c: &Customer) -> Result<()> {
        customers::insert(&mut self.db, c)
    }
    fn update_customer(&mut self, c: &Customer) -> Result<()> {
        customers::update(&mut self.db, c)
    }
    fn customer(&mut self, id: Uuid) -> Result<Option<Customer>> {
        customers::by_id(&mut self.db, id)
    }
    fn customer_by_phone(&mut self, phone: &str) -> Result<Option<Customer>> {
        customers::by_phone(&mut self.db, phone)
    }
    fn customer_by_human_id(&mut self, human_id: &str) -> Result<Option<Customer>> {
        customers::by_human_id(&mut self.db, human_id)
    }
    fn customers(&mut self) -> Result<Vec<Customer>> {
        customers::all(&mut self.db)
    }
    fn customers_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Customer>> {
        customers::by_ids(&mut self.db, ids)
    }

    fn insert_resource(&mut self, r: &Resource) -> Result<()> {
        resources::insert(&mut self.db, r)
    }
    fn update_resource(&mut self, r: &Resource) -> Result<()> {
        resources::update(&mut self.db, r)
    }
    fn delete_resource(&mut self, id: Uuid) -> Result<()> {
        resources::delete(&mut self.db, id)
    }
    fn resource(&mut self, id: Uuid) -> Result<Option<Resource>> {
        resources::by_id(&mut self.db, id)
    }
    fn resources(&mut self) -> Result<Vec<Resource>> {
        resources::all(&mut self.db)
    }
    fn resource_has_sessions(&mut self, id: Uuid) -> Result<bool> {
        resources::has_sessions(&mut self.db, id)
    }

    fn insert_session(&mut self, s: &Session) -> Result<()> {
        sessions::insert(&mut self.db, s)
    }
    fn update_session(&mut self, s: &Session) -> Result<()> {
        sessions::update(&mut self.db, s)
    }
    fn session(&mut self, id: Uuid) -> Result<Option<Session>> {
        sessions::by_id(&mut self.db, id)
    }
    fn active_session_on_resource(&mut self, resource_id: Uuid) -> Result<Option<Session>> {
        sessions::active_on_resource(&mut self.db, resource_id)
    }
    fn active_session_of_customer(&mut self, customer_id: Uuid) -> Result<Option<Session>> {
        sessions::active_of_customer(&mut self.db, customer_id)
    }
    fn active_sessions(&mut self) -> Result<Vec<Session>> {
        sessions::active(&mut self.db)
    }
    fn overlapping_session(&mut self, span: SessionSpan) -> Result<Option<Session>> {
        sessions::overlapping(&mut self.db, span)
    }
    fn sessions_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<Session>> {
        sessions::between(&mut self.db, start, end)
    }

    fn insert_item(&mut self, item: &InventoryItem) -> Result<()> {
        inventory::insert_item(&mut self.db, item)
    }
    fn update_item(&mut self, item: &InventoryItem) -> Result<()> {
        inventory::update_item(&mut self.db, item)
    }
    fn item(&mut self, id: Uuid) -> Result<Option<InventoryItem>> {
        inventory::item(&mut self.db, id)
    }
    fn items(&mut self) -> Result<Vec<InventoryItem>> {
        inventory::items(&mut self.db)
    }
    fn insert_movement(&mut self, m: &StockMovement) -> Result<()> {
        inventory::insert_movement(&mut self.db, m)
    }
    fn movements(&mut self, item_id: Uuid) -> Result<Vec<StockMovement>> {
        inventory::movements(&mut self.db, item_id)
    }
    fn insert_consumption(&mut self, c: &InventoryConsumption) -> Result<()> {
        inventory::insert_consumption(&mut self.db, c)
    }
    fn delete_consumption(&mut self, id: Uuid) -> Result<()> {
        inventory::delete_consumption(&mut self.db, id)
    }
    fn consumption(&mut self, id: Uuid) -> Result<Option<InventoryConsumption>> {
        inventory::consumption(&mut self.db, id)
    }
    fn consumptions_of_session(&mut self, session_id: Uuid) -> Result<Vec<InventoryConsumption>> {
        inventory::consumptions_of_session(&mut self.db, session_id)
    }

    fn insert_subscription(&mut self, s: &Subscription) -> Result<()> {
        subscriptions::insert(&mut self.db, s)
    }
    fn update_subscription(&mut self, s: &Subscription) -> Result<()> {
        subscriptions::update(&mut self.db, s)
    }
    fn subscription(&mut self, id: Uuid) -> Result<Option<Subscription>> {
        subscriptions::by_id(&mut self.db, id)
    }
    fn subscriptions_of_customer(&mut self, customer_id: Uuid) -> Result<Vec<Subscription>> {
        subscriptions::of_customer(&mut self.db, customer_id)
    }
    fn active_subscriptions(&mut self) -> Result<Vec<Subscription>> {
        subscriptions::active(&mut self.db)
    }

    fn insert_invoice(&mut self, invoice: &Invoice) -> Result<()> {
        invoices::insert(&mut self.db, invoice)
    }
    fn update_invoice(&mut self, invoice: &Invoice) -> Result<()> {
        invoices::update(&mut self.db, invoice)
    }
    fn insert_payment(&mut self, payment: &Payment) -> Result<()> {
        invoices::insert_payment(&mut self.db, payment)
    }
    fn invoice(&mut self, id: Uuid) -> Result<Option<Invoice>> {
        invoices::by_id(&mut self.db, id)
    }
    fn invoice_by_number(&mut self, number: &str) -> Result<Option<Invoice>> {
        invoices::by_number(&mut self.db, number)
    }
    fn invoices(&mut self, filter: &InvoiceFilter) -> Result<Vec<Invoice>> {
        invoices::list(&mut self.db, filter)
    }

    fn insert_ledger_entry(&mut self, entry: &LedgerEntry) -> Result<()> {
        ledger::insert(&mut self.db, entry)
    }
    fn ledger(&mut self, customer_id: Uuid) -> Result<Vec<LedgerEntry>> {
        ledger::of_customer(&mut self.db, customer_id)
    }
    fn ledger_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<LedgerEntry>> {
        ledger::between(&mut self.db, start, end)
    }
}
