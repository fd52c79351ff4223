//! Corrections that keep the trail (§15): voids, refunds as credit notes, write-offs, closed
//! days and their Z reports, the footprint chain.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::Backspace;
use crate::enums::PaymentMethod;
use crate::error::Result;
use crate::records::{CreditNote, Invoice, SessionOverlap, TrailReport, ZReport};

#[uniffi::export]
impl Backspace {
    /// Voids an invoice on which nothing is paid (R-CORR-1); `reason` is 1–500 characters.
    #[uniffi::method(default(at = None))]
    pub fn void_invoice(
        &self,
        invoice_id: Uuid,
        reason: String,
        at: Option<DateTime<Utc>>,
    ) -> Result<Invoice> {
        Ok(self.inner.at(at).void_invoice(invoice_id, &reason)?)
    }

    /// Gives back money paid on an invoice as a credit note `CN-…` (R-CORR-2).
    #[uniffi::method(default(at = None))]
    pub fn refund(
        &self,
        invoice_id: Uuid,
        amount: Decimal,
        method: PaymentMethod,
        reason: String,
        at: Option<DateTime<Utc>>,
    ) -> Result<CreditNote> {
        Ok(self
            .inner
            .at(at)
            .refund(invoice_id, amount, method, &reason)?)
    }

    /// Gives up the unpaid remainder of an unpaid or partly paid invoice (R-CORR-3).
    #[uniffi::method(default(at = None))]
    pub fn write_off(
        &self,
        invoice_id: Uuid,
        reason: String,
        at: Option<DateTime<Utc>>,
    ) -> Result<Invoice> {
        Ok(self.inner.at(at).write_off(invoice_id, &reason)?)
    }

    /// A credit note by id.
    pub fn get_credit_note(&self, id: Uuid) -> Result<CreditNote> {
        Ok(self.inner.get_credit_note(id)?)
    }

    /// A credit note by number (`CN-0001`, any case).
    pub fn find_credit_note(&self, number: String) -> Result<CreditNote> {
        Ok(self.inner.find_credit_note(&number)?)
    }

    /// Closes a business date and every earlier one, storing its Z report (R-CORR-4).
    #[uniffi::method(default(at = None))]
    pub fn close_day(&self, date: NaiveDate, at: Option<DateTime<Utc>>) -> Result<ZReport> {
        Ok(self.inner.at(at).close_day(date)?)
    }

    /// The Z report of a closed date.
    pub fn z_report(&self, date: NaiveDate) -> Result<ZReport> {
        Ok(self.inner.z_report(date)?)
    }

    /// Recomputes the footprint chain and names the first document that no longer matches
    /// (R-CORR-5).
    pub fn verify_trail(&self) -> Result<TrailReport> {
        Ok(self.inner.verify_trail()?)
    }

    /// Overlapping sessions in a file written before R-SESS-7 (empty when there are none).
    pub fn session_overlaps(&self) -> Result<Vec<SessionOverlap>> {
        Ok(self.inner.session_overlaps()?)
    }
}
