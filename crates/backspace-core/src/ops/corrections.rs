//! Corrections that keep the trail (§15): voids, refunds as credit notes, write-offs, closed
//! days and their Z reports. Issued documents are never edited; each correction is a new,
//! footprinted record that points at the invoice it corrects.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::invoices::{due, not_open, post};
use super::shifts::attach;
use super::subscriptions::refresh_type;
use super::trail::record;
use super::{Backspace, Op, found};
use crate::clock::business_date;
use crate::drawer::DrawerEntryKind;
use crate::error::{Error, Result};
use crate::model::*;
use crate::money::{Piastres, Zero, parse_amount};
use crate::reports::{ZReport, day_start};
use crate::staff::Permission;
use crate::store::{Counter, Store, StoreTx};
use crate::trail::{TrailKind, correction_text, credit_note_text};

/// A correction's reason: trimmed, 1–500 characters.
fn reason(text: &str) -> Result<String> {
    let t = text.trim();
    let n = t.chars().count();
    if n == 0 || n > 500 {
        return Err(Error::validation(
            "reason",
            format!("must be 1–500 characters, got {n}"),
        ));
    }
    Ok(t.to_string())
}

fn customer_of(tx: &mut dyn StoreTx, invoice: &Invoice) -> Result<Customer> {
    found(
        tx.customer(invoice.customer_id)?,
        "customer",
        invoice.customer_id,
    )
}

/// A void or a write-off.
#[derive(Clone, Copy)]
enum Corrected {
    Void,
    WriteOff,
}

/// Marks `invoice` voided or written off at `at` for `why`, footprints the correction, saves the
/// invoice and gives the customer's balance back `amount` (R-CORR-1, R-CORR-3).
fn correct(
    tx: &mut dyn StoreTx,
    invoice: &mut Invoice,
    what: Corrected,
    amount: Piastres,
    why: &str,
    at: chrono::DateTime<chrono::Utc>,
    settings: &crate::settings::Settings,
) -> Result<()> {
    let (status, kind, ledger) = match what {
        Corrected::Void => (InvoiceStatus::Void, TrailKind::Void, LedgerKind::Void),
        Corrected::WriteOff => (
            InvoiceStatus::WrittenOff,
            TrailKind::WriteOff,
            LedgerKind::WriteOff,
        ),
    };
    invoice.status = status;
    invoice.correction = Some(Correction {
        at,
        date: business_date(at, settings.time_zone),
        reason: why.to_string(),
        footprint: String::new(),
    });
    let text = correction_text(kind, invoice).unwrap_or_default();
    let footprint = record(tx, kind, invoice.id, &text, at)?;
    if let Some(c) = invoice.correction.as_mut() {
        c.footprint = footprint;
    }
    tx.update_invoice(invoice)?;
    let mut customer = customer_of(tx, invoice)?;
    post(
        tx,
        &mut customer,
        ledger,
        amount,
        invoice.invoice_number.clone(),
        at,
    )?;
    Ok(())
}

impl<S: Store> Backspace<S> {
    /// Voids an invoice on which nothing is paid (R-CORR-1): status `void`, the number stays
    /// taken, the balance goes back up by the total, stock is not returned; a subscription's
    /// invoice also cancels that subscription.
    pub fn void_invoice(&self, invoice_id: Uuid, why: &str) -> Result<Invoice> {
        let why = reason(why)?;
        let op = Op::new("void_invoice", Permission::Corrections)
            .id(invoice_id)
            .arg("reason", why.as_str());
        self.write(op, |tx, at| {
            let mut invoice = found(tx.invoice(invoice_id)?, "invoice", invoice_id)?;
            if matches!(
                invoice.status,
                InvoiceStatus::Void | InvoiceStatus::WrittenOff
            ) {
                return Err(not_open(&invoice));
            }
            if !invoice.paid_amount.is_zero() {
                return Err(Error::InvalidState(format!(
                    "{} has payments of {}; refund them instead of voiding it",
                    invoice.invoice_number, invoice.paid_amount
                )));
            }
            let settings = tx.settings()?;
            invoice.paid_date = None;
            let total = Piastres::from_decimal("total", invoice.total)?;
            correct(
                tx,
                &mut invoice,
                Corrected::Void,
                total,
                &why,
                at,
                &settings,
            )?;
            if let Some(sub_id) = invoice.subscription_id
                && let Some(mut sub) = tx.subscription(sub_id)?
                && sub.is_active
            {
                sub.is_active = false;
                tx.update_subscription(&sub)?;
                refresh_type(tx, sub.customer_id, business_date(at, settings.time_zone))?;
            }
            Ok(invoice)
        })
    }

    /// Gives back money paid on an invoice as a credit note `CN-…` (R-CORR-2): `amount` up to
    /// what was paid less what was refunded, paid out in cash, card or transfer, or kept as the
    /// customer's credit (`balance`). The invoice's net total and net paid both fall by it.
    pub fn refund(
        &self,
        invoice_id: Uuid,
        amount: Decimal,
        method: PaymentMethod,
        why: &str,
    ) -> Result<CreditNote> {
        let piastres = parse_amount("amount", amount, Zero::Refused)?;
        let why = reason(why)?;
        let op = Op::new("refund", Permission::Corrections)
            .id(invoice_id)
            .arg("amount", piastres.to_string())
            .arg("method", method.as_str())
            .arg("reason", why.as_str());
        self.write(op, |tx, at| {
            let mut invoice = found(tx.invoice(invoice_id)?, "invoice", invoice_id)?;
            let refundable =
                Piastres::from_decimal("paid_amount", invoice.paid_amount)?.checked_sub(
                    Piastres::from_decimal("refunded_amount", invoice.refunded_amount)?,
                )?;
            if piastres > refundable {
                return Err(Error::Overpayment {
                    invoice: invoice.invoice_number,
                    due: refundable.to_decimal(),
                    amount: piastres.to_decimal(),
                    limit: "refundable",
                });
            }
            let settings = tx.settings()?;
            let mut note = CreditNote {
                id: new_id(),
                credit_note_number: tx.next_document_number(Counter::CreditNote)?,
                invoice_id,
                invoice_number: invoice.invoice_number.clone(),
                customer_id: invoice.customer_id,
                amount: piastres.to_decimal(),
                method,
                reason: why.clone(),
                issued_at: at,
                issue_date: business_date(at, settings.time_zone),
                footprint: String::new(),
            };
            note.footprint = record(
                tx,
                TrailKind::CreditNote,
                note.id,
                &credit_note_text(&note),
                at,
            )?;
            tx.insert_credit_note(&note)?;
            if method != PaymentMethod::Balance {
                attach(
                    tx,
                    self.operator,
                    DrawerEntryKind::Refund,
                    method,
                    piastres,
                    note.credit_note_number.clone(),
                    at,
                )?;
            }
            invoice.refunded_amount =
                Piastres::from_decimal("refunded_amount", invoice.refunded_amount)?
                    .checked_add(piastres)?
                    .to_decimal();
            tx.update_invoice(&invoice)?;
            if method == PaymentMethod::Balance {
                let mut customer = customer_of(tx, &invoice)?;
                customer.credit = Piastres::from_decimal("credit", customer.credit)?
                    .checked_add(piastres)?
                    .to_decimal();
                post(
                    tx,
                    &mut customer,
                    LedgerKind::Refund,
                    piastres,
                    note.credit_note_number.clone(),
                    at,
                )?;
            }
            Ok(note)
        })
    }

    /// Gives up the unpaid remainder of an unpaid or partly paid invoice (R-CORR-3): status
    /// `written_off`, the balance goes up by what was due.
    pub fn write_off(&self, invoice_id: Uuid, why: &str) -> Result<Invoice> {
        let why = reason(why)?;
        let op = Op::new("write_off", Permission::Corrections)
            .id(invoice_id)
            .arg("reason", why.as_str());
        self.write(op, |tx, at| {
            let mut invoice = found(tx.invoice(invoice_id)?, "invoice", invoice_id)?;
            if !invoice.is_open() {
                return Err(not_open(&invoice));
            }
            let due = due(&invoice)?;
            let settings = tx.settings()?;
            invoice.written_off_amount = due.to_decimal();
            correct(
                tx,
                &mut invoice,
                Corrected::WriteOff,
                due,
                &why,
                at,
                &settings,
            )?;
            Ok(invoice)
        })
    }

    /// A credit note by id.
    pub fn get_credit_note(&self, id: Uuid) -> Result<CreditNote> {
        self.read(|tx| found(tx.credit_note(id)?, "credit note", id))
    }

    /// A credit note by number (`CN-0001`, any case).
    pub fn find_credit_note(&self, number: &str) -> Result<CreditNote> {
        let wanted = number.trim().to_ascii_uppercase();
        self.read(|tx| found(tx.credit_note_by_number(&wanted)?, "credit note", number))
    }

    /// Closes a business date and every earlier one (R-CORR-4): no operation may record an
    /// instant on them afterwards. Stores the date's revenue row as its Z report and returns
    /// it. The date must have ended in the space's time zone and come after the last closed one.
    pub fn close_day(&self, date: NaiveDate) -> Result<ZReport> {
        let op = Op::new("close_day", Permission::CloseDay).arg("date", date.to_string());
        self.write(op, |tx, at| {
            let tz = tx.settings()?.time_zone;
            if let Some(closed) = tx.closed_through()?
                && date <= closed
            {
                return Err(Error::validation(
                    "date",
                    format!("{date} is already closed (every day through {closed} is closed)"),
                ));
            }
            let next = date.checked_add_days(Days::new(1)).unwrap_or(date);
            if day_start(next, tz) > at {
                return Err(Error::validation(
                    "date",
                    format!("{date} has not ended yet in {}", tz.name()),
                ));
            }
            let revenue = tx
                .revenue(date, date, tz)?
                .pop()
                .ok_or_else(|| Error::storage(format!("no revenue row for {date}")))?;
            let z = ZReport {
                date,
                closed_at: at,
                revenue,
            };
            tx.insert_z_report(&z)?;
            Ok(z)
        })
    }

    /// The Z report of a closed date, as it was when the day was closed.
    pub fn z_report(&self, date: NaiveDate) -> Result<ZReport> {
        self.read_as(Permission::Reports, "z_report", |tx, _| {
            found(tx.z_report(date)?, "Z report", date)
        })
    }
}
