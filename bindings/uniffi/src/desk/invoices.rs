//! Invoices, payments and the balance ledger (§9, §10).

use backspace_core::NewPayment;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::Backspace;
use crate::enums::PaymentMethod;
use crate::error::Result;
use crate::records::{Invoice, InvoiceFilter, LedgerEntry, StatementLine};

#[uniffi::export]
impl Backspace {
    /// An invoice with its lines and payments.
    pub fn get_invoice(&self, id: Uuid) -> Result<Invoice> {
        Ok(self.inner.get_invoice(id)?)
    }

    /// An invoice by number (`INV-0042`, any case).
    pub fn find_invoice(&self, number: String) -> Result<Invoice> {
        Ok(self.inner.find_invoice(&number)?)
    }

    /// Invoices passing `filter` (all of them by default), by number.
    #[uniffi::method(default(filter))]
    pub fn list_invoices(&self, filter: InvoiceFilter) -> Result<Vec<Invoice>> {
        Ok(self.inner.list_invoices(&filter)?)
    }

    /// Sets an invoice's discount percentage while nothing is paid on it (R-INVC-3).
    #[uniffi::method(default(at = None))]
    pub fn set_discount(
        &self,
        invoice_id: Uuid,
        percent: Decimal,
        at: Option<DateTime<Utc>>,
    ) -> Result<Invoice> {
        Ok(self.inner.at(at).set_discount(invoice_id, percent)?)
    }

    /// Records a payment (R-INVC-4, R-INVC-7, R-BAL-2).
    #[uniffi::method(default(at = None, note = None))]
    pub fn record_payment(
        &self,
        invoice_id: Uuid,
        amount: Decimal,
        method: PaymentMethod,
        at: Option<DateTime<Utc>>,
        note: Option<String>,
    ) -> Result<Invoice> {
        Ok(self.inner.at(at).record_payment(
            invoice_id,
            NewPayment {
                note: note.as_deref().map(Into::into),
                ..NewPayment::new(amount, method)
            },
        )?)
    }

    /// Money left with the space as credit, paid in cash, card or transfer (R-BAL-2).
    #[uniffi::method(default(at = None))]
    pub fn deposit(
        &self,
        customer_id: Uuid,
        amount: Decimal,
        method: PaymentMethod,
        at: Option<DateTime<Utc>>,
    ) -> Result<LedgerEntry> {
        Ok(self.inner.at(at).deposit(customer_id, amount, method)?)
    }

    /// A customer's ledger in order, with the running balance (R-BAL-3).
    pub fn statement(&self, customer_id: Uuid) -> Result<Vec<StatementLine>> {
        Ok(self.inner.statement(customer_id)?)
    }
}
