//! Egyptian e-receipts (§18): produced, chained per device, stored once, listed until submitted.

use uuid::Uuid;

use super::Backspace;
use crate::error::Result;
use crate::records::EReceipt;

#[uniffi::export]
impl Backspace {
    /// The e-receipt of an invoice (R-TAX-2), produced once and the same bytes after.
    pub fn e_receipt(&self, invoice_id: Uuid) -> Result<EReceipt> {
        Ok(self.inner.e_receipt(invoice_id)?)
    }

    /// The return receipt of a refund's credit note (R-TAX-3).
    pub fn return_receipt(&self, credit_note_id: Uuid) -> Result<EReceipt> {
        Ok(self.inner.return_receipt(credit_note_id)?)
    }

    /// E-receipts not yet marked submitted, in order.
    pub fn pending_e_receipts(&self) -> Result<Vec<EReceipt>> {
        Ok(self.inner.pending_e_receipts()?)
    }

    /// Records that the app submitted the e-receipt `uuid`.
    pub fn mark_e_receipt_submitted(
        &self,
        uuid: String,
        submission_id: String,
    ) -> Result<EReceipt> {
        Ok(self.inner.mark_e_receipt_submitted(&uuid, &submission_id)?)
    }
}
