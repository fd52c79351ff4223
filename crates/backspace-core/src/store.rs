//! The storage port. A store runs each operation as one unit of work: everything the
//! closure wrote lands together when it returns `Ok`, nothing lands when it returns `Err`.
//! The rules live in `Backspace`; a store only keeps records and enforces, as a backstop,
//! the invariants it can (unique phone, one active session per seat and per customer,
//! stock never negative).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use crate::audit::AuditEntry;
use crate::booking::Reservation;
use crate::drawer::{DrawerEntry, Shift};
use crate::ereceipt::EReceipt;
use crate::error::Result;
use crate::model::*;
use crate::reports::{self, ResourceUtilization, RevenueDay, TopCustomer, ZReport};
use crate::settings::Settings;
use crate::staff::OperatorRecord;
use crate::trail::TrailEntry;

/// The gapless counters behind `C-…`, `INV-…` and `CN-…` (R-CUST-2, R-INVC-1, R-CORR-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counter {
    /// Customer human ids.
    Customer,
    /// Invoice numbers.
    Invoice,
    /// Credit note numbers.
    CreditNote,
    /// Reservation numbers (R-BOOK-1).
    Reservation,
}

impl Counter {
    /// The prefix of this counter's numbers.
    fn prefix(self) -> &'static str {
        match self {
            Counter::Customer => "C",
            Counter::Invoice => "INV",
            Counter::CreditNote => "CN",
            Counter::Reservation => "R",
        }
    }

    /// Number `n` of this counter: `INV-0001`, `CN-0001`, `R-0001`, `C-001`; with a branch's
    /// code `INV-ALX-0001` (R-CHAIN-2: customers stay chain-wide, so `C-…` never carries one).
    pub fn format(self, code: Option<&str>, n: u64) -> String {
        match (self, code) {
            (Counter::Customer, _) => format!("C-{n:03}"),
            (_, Some(code)) => format!("{}-{code}-{n:04}", self.prefix()),
            (_, None) => format!("{}-{n:04}", self.prefix()),
        }
    }
}

/// Where and when a session is, or would be: the interval `[start, end)` of a customer on a
/// resource; `end` is `None` while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionSpan {
    /// The resource.
    pub resource_id: Uuid,
    /// The customer.
    pub customer_id: Uuid,
    /// First instant.
    pub start: DateTime<Utc>,
    /// The instant after the last, or `None` while running.
    pub end: Option<DateTime<Utc>>,
}

/// A store of Backspace records.
pub trait Store: Send + Sync {
    /// Runs `f` as one write transaction that holds the write lock from its start (R-TIME-4):
    /// commits when `f` returns `Ok`, rolls everything back when it returns `Err`. `f` may run
    /// more than once: a store whose database aborts a transaction for serialization (a server
    /// database) rolls it back and runs `f` again, so `f` keeps no state between runs.
    fn write<T>(&self, f: impl Fn(&mut dyn StoreTx) -> Result<T>) -> Result<T>;

    /// Runs `f` over a consistent snapshot, handing it a transaction that refuses every write
    /// ([`ReadOnly`](crate::read_only::ReadOnly) around the store's own).
    fn read<T>(&self, f: impl FnOnce(&mut dyn StoreTx) -> Result<T>) -> Result<T>;
}

/// The records a store keeps, inside one transaction. Lists come back in a stable order:
/// customers by human id, resources and items by name, sessions by start, invoices by number,
/// ledger entries and stock movements by instant then insertion.
pub trait StoreTx {
    /// The space's settings (defaults when never saved).
    fn settings(&mut self) -> Result<Settings>;
    /// Saves the settings.
    fn save_settings(&mut self, settings: &Settings) -> Result<()>;
    /// Takes the next number of a counter (1, 2, …), never reused.
    fn next_number(&mut self, counter: Counter) -> Result<u64>;
    /// The code a branch of a chain puts in its document numbers (R-CHAIN-2); `None` for a
    /// single space.
    fn number_code(&mut self) -> Result<Option<String>> {
        Ok(None)
    }
    /// Takes the next document number of a counter, formatted (`INV-0001`, `INV-ALX-0001`).
    fn next_document_number(&mut self, counter: Counter) -> Result<String> {
        let n = self.next_number(counter)?;
        let code = self.number_code()?;
        Ok(counter.format(code.as_deref(), n))
    }

    /// Adds a customer.
    fn insert_customer(&mut self, customer: &Customer) -> Result<()>;
    /// Saves every field of a customer (named by its id); not found when there is none.
    fn update_customer(&mut self, customer: &Customer) -> Result<()>;
    /// A customer by id.
    fn customer(&mut self, id: Uuid) -> Result<Option<Customer>>;
    /// A customer by E.164 phone.
    fn customer_by_phone(&mut self, phone: &str) -> Result<Option<Customer>>;
    /// A customer by `C-…` id.
    fn customer_by_human_id(&mut self, human_id: &str) -> Result<Option<Customer>>;
    /// Every customer.
    fn customers(&mut self) -> Result<Vec<Customer>>;
    /// The customers with these ids, in any order; ids of no customer are skipped. The
    /// default asks for each; a store that can fetch many at once overrides it.
    fn customers_by_ids(&mut self, ids: &[Uuid]) -> Result<Vec<Customer>> {
        let mut found = Vec::with_capacity(ids.len());
        for &id in ids {
            found.extend(self.customer(id)?);
        }
        Ok(found)
    }

    /// Adds a resource.
    fn insert_resource(&mut self, resource: &Resource) -> Result<()>;
    /// Saves every field of a resource (named by its id); not found when there is none.
    fn update_resource(&mut self, resource: &Resource) -> Result<()>;
    /// Deletes a resource that has no sessions.
    fn delete_resource(&mut self, id: Uuid) -> Result<()>;
    /// A resource by id.
    fn resource(&mut self, id: Uuid) -> Result<Option<Resource>>;
    /// Every resource.
    fn resources(&mut self) -> Result<Vec<Resource>>;
    /// Whether any session, active or ended, used the resource.
    fn resource_has_sessions(&mut self, id: Uuid) -> Result<bool>;

    /// Adds a session.
    fn insert_session(&mut self, session: &Session) -> Result<()>;
    /// Saves every field of a session (named by its id); not found when there is none.
    fn update_session(&mut self, session: &Session) -> Result<()>;
    /// A session by id.
    fn session(&mut self, id: Uuid) -> Result<Option<Session>>;
    /// The active session on a resource.
    fn active_session_on_resource(&mut self, resource_id: Uuid) -> Result<Option<Session>>;
    /// The active session of a customer.
    fn active_session_of_customer(&mut self, customer_id: Uuid) -> Result<Option<Session>>;
    /// Every active session.
    fn active_sessions(&mut self) -> Result<Vec<Session>>;
    /// Sessions that started before `end` and were still running at `start` (active ones included).
    fn sessions_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<Session>>;
    /// A session of the span's resource, else of its customer, whose `[started_at, ended_at)`
    /// overlaps `[start, end)` (R-SESS-7): of several, the latest to start (then the latest to
    /// end, then the largest id). A running session, and a span with no `end`, reach to the
    /// end of time. The default scans; a store may answer from an index, relying on the
    /// sessions already stored not overlapping.
    fn overlapping_session(&mut self, span: SessionSpan) -> Result<Option<Session>> {
        let end = span.end.unwrap_or(crate::clock::END_OF_TIME);
        let overlapping = self.sessions_between(span.start, end)?;
        let latest = |same: &dyn Fn(&Session) -> bool| {
            overlapping
                .iter()
                .filter(|s| same(s))
                .max_by_key(|s| (s.started_at, s.ended_at.is_none(), s.ended_at, s.id))
                .cloned()
        };
        Ok(latest(&|s| s.resource_id == span.resource_id)
            .or_else(|| latest(&|s| s.customer_id == span.customer_id)))
    }

    /// Adds an inventory item.
    fn insert_item(&mut self, item: &InventoryItem) -> Result<()>;
    /// Saves every field of an item (named by its id); not found when there is none. A
    /// quantity below zero is refused (stock never negative).
    fn update_item(&mut self, item: &InventoryItem) -> Result<()>;
    /// An item by id.
    fn item(&mut self, id: Uuid) -> Result<Option<InventoryItem>>;
    /// Every item.
    fn items(&mut self) -> Result<Vec<InventoryItem>>;
    /// Records a stock movement.
    fn insert_movement(&mut self, movement: &StockMovement) -> Result<()>;
    /// An item's stock movements.
    fn movements(&mut self, item_id: Uuid) -> Result<Vec<StockMovement>>;
    /// Adds a consumption.
    fn insert_consumption(&mut self, consumption: &InventoryConsumption) -> Result<()>;
    /// Removes a consumption.
    fn delete_consumption(&mut self, id: Uuid) -> Result<()>;
    /// A consumption by id.
    fn consumption(&mut self, id: Uuid) -> Result<Option<InventoryConsumption>>;
    /// A session's consumptions, by instant then insertion.
    fn consumptions_of_session(&mut self, session_id: Uuid) -> Result<Vec<InventoryConsumption>>;

    /// Adds a subscription.
    fn insert_subscription(&mut self, subscription: &Subscription) -> Result<()>;
    /// Saves every field of a subscription (named by its id); not found when there is none.
    fn update_subscription(&mut self, subscription: &Subscription) -> Result<()>;
    /// A subscription by id.
    fn subscription(&mut self, id: Uuid) -> Result<Option<Subscription>>;
    /// A customer's subscriptions, oldest first.
    fn subscriptions_of_customer(&mut self, customer_id: Uuid) -> Result<Vec<Subscription>>;
    /// Every active subscription, oldest first.
    fn active_subscriptions(&mut self) -> Result<Vec<Subscription>>;

    /// Adds an invoice with its lines (and payments, if any).
    fn insert_invoice(&mut self, invoice: &Invoice) -> Result<()>;
    /// Saves an invoice's changed header: discount, totals, paid amount, status, paid date,
    /// refunded and written-off amounts, its void or write-off, and its footprint; not found
    /// when there is none. Lines, payments and credit notes are never changed here: they are
    /// added through their own inserts.
    fn update_invoice(&mut self, invoice: &Invoice) -> Result<()>;
    /// Adds a credit note (its invoice's `refunded_amount` is saved with `update_invoice`).
    fn insert_credit_note(&mut self, note: &CreditNote) -> Result<()>;
    /// A credit note by id.
    fn credit_note(&mut self, id: Uuid) -> Result<Option<CreditNote>>;
    /// A credit note by `CN-…` number.
    fn credit_note_by_number(&mut self, number: &str) -> Result<Option<CreditNote>>;

    /// Appends an entry to the trail (R-CORR-5).
    fn append_trail(&mut self, entry: &TrailEntry) -> Result<()>;
    /// The latest trail entry.
    fn last_trail_entry(&mut self) -> Result<Option<TrailEntry>>;
    /// The whole trail, in the order written.
    fn trail(&mut self) -> Result<Vec<TrailEntry>>;

    /// Saves the Z report that closes its date (R-CORR-4).
    fn insert_z_report(&mut self, z: &ZReport) -> Result<()>;
    /// The Z report of a date.
    fn z_report(&mut self, date: NaiveDate) -> Result<Option<ZReport>>;
    /// The last closed business date, if any.
    fn closed_through(&mut self) -> Result<Option<NaiveDate>>;
    /// Adds an operator (R-STAFF-1).
    fn insert_operator(&mut self, operator: &OperatorRecord) -> Result<()>;
    /// Saves a changed operator: name, role, active flag, PIN hash, wrong PINs, lock; not found
    /// when there is none.
    fn update_operator(&mut self, operator: &OperatorRecord) -> Result<()>;
    /// An operator by id.
    fn operator(&mut self, id: Uuid) -> Result<Option<OperatorRecord>>;
    /// Every operator, by name then id.
    fn operators(&mut self) -> Result<Vec<OperatorRecord>>;
    /// Whether any operator exists (then every write needs one signed in, R-STAFF-2).
    fn has_operators(&mut self) -> Result<bool> {
        Ok(!self.operators()?.is_empty())
    }

    /// Appends an audit entry (R-STAFF-4).
    fn append_audit(&mut self, entry: &AuditEntry) -> Result<()>;
    /// The latest audit entry.
    fn last_audit_entry(&mut self) -> Result<Option<AuditEntry>>;
    /// Audit entries with `start ≤ at < end`, in the order written.
    fn audit_entries(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<AuditEntry>>;

    /// Opens a shift; a second open shift on one drawer is a conflict (R-SHIFT-1).
    fn insert_shift(&mut self, shift: &Shift) -> Result<()>;
    /// Closes an open shift (R-SHIFT-3); a closed shift never changes.
    fn close_shift(&mut self, shift: &Shift) -> Result<()>;
    /// A shift by id.
    fn shift(&mut self, id: Uuid) -> Result<Option<Shift>>;
    /// The open shifts, oldest first.
    fn open_shifts(&mut self) -> Result<Vec<Shift>>;
    /// Every shift, open or closed, oldest first (to copy a store, R-CHAIN-4).
    fn shifts(&mut self) -> Result<Vec<Shift>>;
    /// Attaches money to an open shift (R-SHIFT-2).
    fn insert_drawer_entry(&mut self, entry: &DrawerEntry) -> Result<()>;
    /// A shift's drawer entries, in the order written.
    fn drawer_entries(&mut self, shift_id: Uuid) -> Result<Vec<DrawerEntry>>;

    /// Adds a reservation (R-BOOK-1). The core has checked, inside this write transaction, that
    /// it meets no other reservation of its resource: a store whose write transactions are
    /// serialized (SQLite's write lock) thereby never holds two that overlap.
    fn insert_reservation(&mut self, reservation: &Reservation) -> Result<()>;
    /// Saves a reservation's status, closing instant, session and fee invoice.
    fn update_reservation(&mut self, reservation: &Reservation) -> Result<()>;
    /// A reservation by id.
    fn reservation(&mut self, id: Uuid) -> Result<Option<Reservation>>;
    /// Reservations of any status with `start < end` and `end > start` of the given range,
    /// optionally of one resource, by start then number.
    fn reservations_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        resource_id: Option<Uuid>,
    ) -> Result<Vec<Reservation>>;

    /// Stores a produced e-receipt (R-TAX-3); a second one for the same document, or a uuid
    /// taken, is a conflict.
    fn insert_e_receipt(&mut self, receipt: &EReceipt) -> Result<()>;
    /// The e-receipt of an invoice (sale) or credit note (return).
    fn e_receipt_of(&mut self, document_id: Uuid) -> Result<Option<EReceipt>>;
    /// The latest e-receipt of a device: the next one's `previousUUID`.
    fn last_e_receipt(&mut self, device_serial_number: &str) -> Result<Option<EReceipt>>;
    /// E-receipts not marked submitted, in the order produced.
    fn pending_e_receipts(&mut self) -> Result<Vec<EReceipt>>;
    /// Records that the e-receipt `uuid` was submitted (not found when there is none).
    fn mark_e_receipt_submitted(
        &mut self,
        uuid: &str,
        submission_id: &str,
        at: DateTime<Utc>,
    ) -> Result<EReceipt>;

    /// Adds a payment to its invoice.
    fn insert_payment(&mut self, payment: &Payment) -> Result<()>;
    /// An invoice with lines and payments.
    fn invoice(&mut self, id: Uuid) -> Result<Option<Invoice>>;
    /// An invoice by `INV-…` number.
    fn invoice_by_number(&mut self, number: &str) -> Result<Option<Invoice>>;
    /// Invoices passing the filter.
    fn invoices(&mut self, filter: &InvoiceFilter) -> Result<Vec<Invoice>>;

    /// Records a ledger entry.
    fn insert_ledger_entry(&mut self, entry: &LedgerEntry) -> Result<()>;
    /// A customer's ledger.
    fn ledger(&mut self, customer_id: Uuid) -> Result<Vec<LedgerEntry>>;
    /// Every ledger entry with `start ≤ at < end`.
    fn ledger_between(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<LedgerEntry>>;

    /// Whether any invoice or ledger entry exists (money has been recorded).
    fn has_money(&mut self) -> Result<bool> {
        Ok(!self.invoices(&InvoiceFilter::default())?.is_empty()
            || !self
                .ledger_between(crate::clock::START_OF_TIME, crate::clock::END_OF_TIME)?
                .is_empty())
    }

    /// Revenue per business day (R-REP-1). The default scans records; stores may aggregate.
    fn revenue(&mut self, from: NaiveDate, to: NaiveDate, tz: Tz) -> Result<Vec<RevenueDay>> {
        reports::revenue_by_scan(self, from, to, tz)
    }
    /// Utilization per resource (R-REP-2), counting active sessions up to `now`.
    fn utilization(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<Vec<ResourceUtilization>> {
        reports::utilization_by_scan(self, from, to, tz, now)
    }
    /// Invoices not fully paid, oldest due date first.
    fn outstanding_invoices(&mut self) -> Result<Vec<Invoice>> {
        reports::outstanding_by_scan(self)
    }
    /// Customers by invoiced total over issue dates in [from, to], largest first, at most `n`.
    fn top_customers(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        n: usize,
    ) -> Result<Vec<TopCustomer>> {
        reports::top_customers_by_scan(self, from, to, n)
    }
}
