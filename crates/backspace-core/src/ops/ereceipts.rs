//! Producing, chaining and listing e-receipts (R-TAX-2, R-TAX-3). Submitting them to the Tax
//! Authority is the embedding app's job (it holds the space's credentials).

use uuid::Uuid;

use super::access::Op;
use super::{Backspace, found};
use crate::ereceipt::{EReceipt, ReceiptInput, ReceiptKind, build, receipt_uuid};
use crate::error::{Error, Result};
use crate::money::Piastres;
use crate::staff::Permission;
use crate::store::{Store, StoreTx};

/// Produces, chains and stores the receipt of `kind` for a document; returns a stored one as is.
fn produce(
    tx: &mut dyn StoreTx,
    kind: ReceiptKind,
    invoice_id: Uuid,
    credit_note_id: Option<Uuid>,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<EReceipt> {
    let document_id = credit_note_id.unwrap_or(invoice_id);
    if let Some(existing) = tx.e_receipt_of(document_id)? {
        return Ok(existing);
    }
    let settings = tx.settings()?;
    let invoice = found(tx.invoice(invoice_id)?, "invoice", invoice_id)?;
    let customer = found(
        tx.customer(invoice.customer_id)?,
        "customer",
        invoice.customer_id,
    )?;
    let (number, issued_at, refunded, reference) = match credit_note_id {
        Some(id) => {
            let note = found(tx.credit_note(id)?, "credit note", id)?;
            // A return names its sale, produced first when it was not yet.
            let sale = produce(tx, ReceiptKind::Sale, invoice_id, None, at)?;
            (
                note.credit_note_number,
                note.issued_at,
                Some(Piastres::from_decimal("amount", note.amount)?),
                sale.uuid,
            )
        }
        None => (
            invoice.invoice_number.clone(),
            invoice.issued_at,
            None,
            String::new(),
        ),
    };
    let device = settings
        .seller
        .device_serial_number
        .clone()
        .ok_or_else(|| {
            Error::validation(
                "seller.device_serial_number",
                "is needed for e-receipts: set it in update_settings",
            )
        })?;
    let previous = tx
        .last_e_receipt(&device)?
        .map(|r| r.uuid)
        .unwrap_or_default();
    let mut doc = build(&ReceiptInput {
        kind,
        invoice: &invoice,
        customer: &customer,
        settings: &settings,
        receipt_number: &number,
        issued_at: issued_at.min(at),
        refunded,
        previous_uuid: &previous,
        reference_uuid: &reference,
    })?;
    let uuid = receipt_uuid(&doc);
    doc.set(
        &["header", "uuid"],
        crate::ereceipt::Doc::text(uuid.clone()),
    );
    let receipt = EReceipt {
        uuid,
        kind,
        document_id,
        receipt_number: number,
        device_serial_number: device,
        previous_uuid: previous,
        produced_at: at,
        document: doc.to_json(),
        submitted_at: None,
        submission_id: None,
    };
    tx.insert_e_receipt(&receipt)?;
    Ok(receipt)
}

impl<S: Store> Backspace<S> {
    /// The e-receipt of an invoice (R-TAX-2): produced, chained to the device's previous one
    /// and stored the first time it is asked for; the same bytes every time after (R-TAX-3).
    pub fn e_receipt(&self, invoice_id: Uuid) -> Result<EReceipt> {
        let op = Op::new("e_receipt", Permission::Desk)
            .undated()
            .id(invoice_id);
        self.write(op, |tx, at| {
            produce(tx, ReceiptKind::Sale, invoice_id, None, at)
        })
    }

    /// The return receipt of a refund's credit note (R-TAX-3): positive amounts, in proportion
    /// to the invoice, naming the sale's receipt (produced first if it was not yet).
    pub fn return_receipt(&self, credit_note_id: Uuid) -> Result<EReceipt> {
        let op = Op::new("return_receipt", Permission::Desk)
            .undated()
            .id(credit_note_id);
        self.write(op, |tx, at| {
            let note = found(
                tx.credit_note(credit_note_id)?,
                "credit note",
                credit_note_id,
            )?;
            produce(
                tx,
                ReceiptKind::Return,
                note.invoice_id,
                Some(credit_note_id),
                at,
            )
        })
    }

    /// The e-receipt already produced for an invoice or credit note, if any (produces nothing).
    pub fn find_e_receipt(&self, document_id: Uuid) -> Result<Option<EReceipt>> {
        self.read(|tx| tx.e_receipt_of(document_id))
    }

    /// E-receipts not yet marked submitted, in the order produced.
    pub fn pending_e_receipts(&self) -> Result<Vec<EReceipt>> {
        self.read(|tx| tx.pending_e_receipts())
    }

    /// Records that the app submitted the e-receipt `uuid` (with the authority's submission id).
    pub fn mark_e_receipt_submitted(&self, uuid: &str, submission_id: &str) -> Result<EReceipt> {
        let uuid = uuid.trim().to_ascii_lowercase();
        let submission = submission_id.trim().to_string();
        if submission.is_empty() || submission.chars().count() > 200 {
            return Err(Error::validation(
                "submission_id",
                "must be 1–200 characters",
            ));
        }
        let op = Op::new("mark_e_receipt_submitted", Permission::Desk)
            .undated()
            .arg("uuid", uuid.as_str())
            .arg("submission_id", submission.as_str());
        self.write(op, |tx, at| {
            tx.mark_e_receipt_submitted(&uuid, &submission, at)
        })
    }
}
