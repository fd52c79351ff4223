//! Egyptian e-receipts (§18): produced, chained per device, stored once, listed until submitted.

use backspace_core as bs;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Backspace;
use crate::error::Result;
use crate::records::list;

/// A produced e-receipt (R-TAX-2, R-TAX-3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EReceipt {
    /// The document's uuid.
    pub uuid: String,
    /// `sale` or `return`.
    pub kind: String,
    /// The invoice or credit note it is for.
    pub document_id: Uuid,
    /// `INV-…` or `CN-…`.
    pub receipt_number: String,
    /// The device whose chain it is in.
    pub device_serial_number: String,
    /// The previous receipt's uuid on the device.
    pub previous_uuid: String,
    /// When produced.
    pub produced_at: DateTime<Utc>,
    /// The JSON document, exactly as produced and hashed.
    pub document: String,
    /// When marked submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The authority's submission id, as recorded.
    pub submission_id: Option<String>,
}

impl From<bs::EReceipt> for EReceipt {
    fn from(r: bs::EReceipt) -> Self {
        let bs::EReceipt {
            uuid,
            kind,
            document_id,
            receipt_number,
            device_serial_number,
            previous_uuid,
            produced_at,
            document,
            submitted_at,
            submission_id,
        } = r;
        EReceipt {
            uuid,
            kind: kind.as_str().to_string(),
            document_id,
            receipt_number,
            device_serial_number,
            previous_uuid,
            produced_at,
            document,
            submitted_at,
            submission_id,
        }
    }
}

#[uniffi::export]
impl Backspace {
    /// The e-receipt of an invoice (R-TAX-2), produced once and the same bytes after.
    pub fn e_receipt(&self, invoice_id: Uuid) -> Result<EReceipt> {
        Ok(self.inner.e_receipt(invoice_id)?.into())
    }

    /// The return receipt of a refund's credit note (R-TAX-3).
    pub fn return_receipt(&self, credit_note_id: Uuid) -> Result<EReceipt> {
        Ok(self.inner.return_receipt(credit_note_id)?.into())
    }

    /// E-receipts not yet marked submitted, in order.
    pub fn pending_e_receipts(&self) -> Result<Vec<EReceipt>> {
        Ok(list(self.inner.pending_e_receipts()?))
    }

    /// Records that the app submitted the e-receipt `uuid`.
    pub fn mark_e_receipt_submitted(
        &self,
        uuid: String,
        submission_id: String,
    ) -> Result<EReceipt> {
        Ok(self
            .inner
            .mark_e_receipt_submitted(&uuid, &submission_id)?
            .into())
    }
}
