//! Moving a single-space store into a branch of the chain (R-CHAIN-4): every record copied as it
//! is — ids, numbers, amounts, footprints, the trail and the audit chain — in one transaction,
//! and the counters set to go on where the space left off.
//!
//! The source is any [`Store`] (in practice a SQLite file), read through `StoreTx` in one
//! snapshot. The target branch must be empty, and so must the chain's customers and staff: a
//! space's `C-…` ids and phones cannot be merged into customers the chain already has.

use backspace_core::audit::AuditEntry;
use backspace_core::booking::Reservation;
use backspace_core::clock::{END_OF_TIME, START_OF_TIME, business_date};
use backspace_core::drawer::{DrawerEntry, Shift};
use backspace_core::ereceipt::EReceipt;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::trail::TrailEntry;
use backspace_core::*;
use chrono::NaiveDate;

use crate::PostgresStore;
use crate::convert::int;

/// How many records of each kind an import copied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Counts by kind (`customers`, `invoices`, `sessions`, …), in the order copied.
    pub copied: Vec<(&'static str, usize)>,
}

impl ImportReport {
    /// How many records of `kind` were copied (0 for an unknown kind).
    pub fn count(&self, kind: &str) -> usize {
        self.copied
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }
}

/// Everything a single space holds, read in one snapshot.
struct Space {
    settings: Settings,
    customers: Vec<Customer>,
    operators: Vec<OperatorRecord>,
    resources: Vec<Resource>,
    items: Vec<InventoryItem>,
    movements: Vec<StockMovement>,
    sessions: Vec<Session>,
    consumptions: Vec<InventoryConsumption>,
    subscriptions: Vec<Subscription>,
    invoices: Vec<Invoice>,
    ledger: Vec<LedgerEntry>,
    trail: Vec<TrailEntry>,
    audit: Vec<AuditEntry>,
    z_reports: Vec<ZReport>,
    shifts: Vec<(Shift, Vec<DrawerEntry>)>,
    reservations: Vec<Reservation>,
    e_receipts: Vec<EReceipt>,
    counters: Vec<(Counter, u64)>,
}

/// The number at the end of `INV-0012` or `C-012`.
fn number_of(text: &str) -> u64 {
    text.rsplit('-')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn read_space(tx: &mut dyn StoreTx) -> Result<Space> {
    let settings = tx.settings()?;
    let customers = tx.customers()?;
    let mut subscriptions = Vec::new();
    for c in &customers {
        subscriptions.extend(tx.subscriptions_of_customer(c.id)?);
    }
    let items = tx.items()?;
    let mut movements = Vec::new();
    for item in &items {
        movements.extend(tx.movements(item.id)?);
    }
    let sessions = tx.sessions_between(START_OF_TIME, END_OF_TIME)?;
    let mut consumptions = Vec::new();
    for s in &sessions {
        consumptions.extend(tx.consumptions_of_session(s.id)?);
    }
    let invoices = tx.invoices(&InvoiceFilter::default())?;
    let mut shifts = Vec::new();
    for shift in tx.shifts()? {
        let entries = tx.drawer_entries(shift.id)?;
        shifts.push((shift, entries));
    }
    let reservations = tx.reservations_between(START_OF_TIME, END_OF_TIME, None)?;
    let mut e_receipts = Vec::new();
    for invoice in &invoices {
        e_receipts.extend(tx.e_receipt_of(invoice.id)?);
        for note in &invoice.credit_notes {
            e_receipts.extend(tx.e_receipt_of(note.id)?);
        }
    }
    e_receipts.sort_by_key(|r| r.produced_at);
    let ledger = tx.ledger_between(START_OF_TIME, END_OF_TIME)?;
    // Z reports: every closed date from the first business date with a record.
    let mut z_reports = Vec::new();
    if let Some(last) = tx.closed_through()? {
        let tz = settings.time_zone;
        let first = invoices
            .iter()
            .map(|i| i.issue_date)
            .chain(ledger.iter().map(|l| business_date(l.at, tz)))
            .chain(sessions.iter().map(|s| business_date(s.started_at, tz)))
            .min()
            .unwrap_or(last);
        let mut date: NaiveDate = first.min(last);
        while date <= last {
            z_reports.extend(tx.z_report(date)?);
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
    }
    let max = |numbers: &mut dyn Iterator<Item = u64>| numbers.max().unwrap_or(0);
    let counters = vec![
        (
            Counter::Customer,
            max(&mut customers.iter().map(|c| number_of(&c.human_id))),
        ),
        (
            Counter::Invoice,
            max(&mut invoices.iter().map(|i| number_of(&i.invoice_number))),
        ),
        (
            Counter::CreditNote,
            max(&mut invoices
                .iter()
                .flat_map(|i| &i.credit_notes)
                .map(|n| number_of(&n.credit_note_number))),
        ),
        (
            Counter::Reservation,
            max(&mut reservations
                .iter()
                .map(|r| number_of(&r.reservation_number))),
        ),
    ];
    Ok(Space {
        settings,
        operators: tx.operators()?,
        resources: tx.resources()?,
        trail: tx.trail()?,
        audit: tx.audit_entries(START_OF_TIME, END_OF_TIME)?,
        customers,
        items,
        movements,
        sessions,
        consumptions,
        subscriptions,
        invoices,
        ledger,
        z_reports,
        shifts,
        reservations,
        e_receipts,
        counters,
    })
}

fn write_space(tx: &mut crate::tx::PgTx<'_, '_>, space: &Space) -> Result<ImportReport> {
    if !tx.customers()?.is_empty() || !tx.operators()?.is_empty() {
        return Err(Error::Conflict(
            "the chain already has customers or staff: a single space moves only into a chain \
             that has none yet"
                .into(),
        ));
    }
    if !tx.resources()?.is_empty() || !tx.items()?.is_empty() || tx.has_money()? {
        return Err(Error::Conflict(
            "the branch already has records: a single space moves only into an empty branch".into(),
        ));
    }
    tx.save_settings(&space.settings)?;
    for o in &space.operators {
        tx.insert_operator(o)?;
    }
    for c in &space.customers {
        tx.insert_customer(c)?;
    }
    for r in &space.resources {
        tx.insert_resource(r)?;
    }
    for i in &space.items {
        tx.insert_item(i)?;
    }
    for m in &space.movements {
        tx.insert_movement(m)?;
    }
    for s in &space.sessions {
        tx.insert_session(s)?;
    }
    for c in &space.consumptions {
        tx.insert_consumption(c)?;
    }
    for s in &space.subscriptions {
        tx.insert_subscription(s)?;
    }
    let mut credit_notes = 0;
    for invoice in &space.invoices {
        tx.insert_invoice(invoice)?;
        tx.update_invoice(invoice)?;
        for note in &invoice.credit_notes {
            tx.insert_credit_note(note)?;
            credit_notes += 1;
        }
    }
    for l in &space.ledger {
        tx.insert_ledger_entry(l)?;
    }
    for t in &space.trail {
        tx.append_trail(t)?;
    }
    for a in &space.audit {
        tx.append_audit(a)?;
    }
    for z in &space.z_reports {
        tx.insert_z_report(z)?;
    }
    for (shift, entries) in &space.shifts {
        let mut opened = shift.clone();
        opened.closed_at = None;
        opened.closed_by = None;
        opened.counted_cash = None;
        opened.expected_cash = None;
        opened.over_short = None;
        tx.insert_shift(&opened)?;
        for e in entries {
            tx.insert_drawer_entry(e)?;
        }
        if !shift.is_open() {
            tx.close_shift(shift)?;
        }
    }
    for r in &space.reservations {
        tx.insert_reservation(r)?;
        tx.update_reservation(r)?;
    }
    for r in &space.e_receipts {
        tx.insert_e_receipt(r)?;
        if let (Some(at), Some(id)) = (r.submitted_at, &r.submission_id) {
            tx.mark_e_receipt_submitted(&r.uuid, id, at)?;
        }
    }
    let branch = tx.db().writing_branch()?;
    for (counter, value) in &space.counters {
        let (scope, name) = match counter {
            Counter::Customer => (0, "customer"),
            Counter::Invoice => (branch, "invoice"),
            Counter::CreditNote => (branch, "credit_note"),
            Counter::Reservation => (branch, "reservation"),
        };
        tx.db().exec(
            "INSERT INTO counters (branch_id, name, value) VALUES ($1, $2, $3)
             ON CONFLICT (branch_id, name) DO UPDATE SET value = EXCLUDED.value",
            &[&scope, &name, &int(*value)],
        )?;
    }
    let drawer_entries: usize = space.shifts.iter().map(|(_, e)| e.len()).sum();
    Ok(ImportReport {
        copied: vec![
            ("operators", space.operators.len()),
            ("customers", space.customers.len()),
            ("resources", space.resources.len()),
            ("items", space.items.len()),
            ("stock movements", space.movements.len()),
            ("sessions", space.sessions.len()),
            ("consumptions", space.consumptions.len()),
            ("subscriptions", space.subscriptions.len()),
            ("invoices", space.invoices.len()),
            ("credit notes", credit_notes),
            ("ledger entries", space.ledger.len()),
            ("trail entries", space.trail.len()),
            ("audit entries", space.audit.len()),
            ("z reports", space.z_reports.len()),
            ("shifts", space.shifts.len()),
            ("drawer entries", drawer_entries),
            ("reservations", space.reservations.len()),
            ("e-receipts", space.e_receipts.len()),
        ],
    })
}

impl PostgresStore {
    /// Copies every record of a single-space store (a SQLite file's) into this branch, in one
    /// transaction (R-CHAIN-4): afterwards every report, statement and invoice of the branch is
    /// what the space showed. The branch must be empty and the chain without customers or
    /// staff (a conflict otherwise, and nothing is written).
    pub fn import_space<S: Store>(&self, source: &S) -> Result<ImportReport> {
        self.import_space_with(source, &mut |_| {})
    }

    /// [`import_space`](Self::import_space), telling `progress` what it is doing: `reading`,
    /// then `writing` (a progress bar's message).
    pub fn import_space_with<S: Store>(
        &self,
        source: &S,
        progress: &mut dyn FnMut(&str),
    ) -> Result<ImportReport> {
        progress("reading");
        let space = source.read(read_space)?;
        progress("writing");
        self.write_pg(|tx| write_space(tx, &space))
    }
}
