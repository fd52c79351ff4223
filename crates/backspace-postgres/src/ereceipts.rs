//! `e_receipts` (R-TAX-3): produced documents, byte for byte, chained per device; only their
//! submission is ever recorded afterwards (a trigger refuses any other change). Each branch
//! keeps its own: lookups see this branch's (the chain view sees all).

use backspace_core::{EReceipt, Error, ReceiptKind, Result, Uuid};
use chrono::{DateTime, Utc};
use postgres::Row;

use crate::convert::{get, malformed};
use crate::db::Db;

/// `SELECT` of every column, followed by the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT uuid, kind, document_id, receipt_number, device_serial_number, ",
            "previous_uuid, produced_at, document, submitted_at, submission_id FROM e_receipts ",
            $rest
        )
    };
}

/// A receipt from the columns of `select!`, by position.
fn from_row(row: &Row) -> Result<EReceipt> {
    let kind: &str = get(row, 1)?;
    Ok(EReceipt {
        uuid: get(row, 0)?,
        kind: ReceiptKind::parse(kind).ok_or_else(|| malformed(row, 1, kind))?,
        document_id: get(row, 2)?,
        receipt_number: get(row, 3)?,
        device_serial_number: get(row, 4)?,
        previous_uuid: get(row, 5)?,
        produced_at: get(row, 6)?,
        document: get(row, 7)?,
        submitted_at: get(row, 8)?,
        submission_id: get(row, 9)?,
    })
}

/// Stores a produced receipt in this branch. A document that already has one, or a taken
/// uuid, is a conflict (`error.rs` words it).
pub(crate) fn insert(db: &mut Db<'_, '_>, r: &EReceipt) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec(
        "INSERT INTO e_receipts (branch_id, uuid, kind, document_id, receipt_number,
             device_serial_number, previous_uuid, produced_at, document)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &branch,
            &r.uuid,
            &r.kind.as_str(),
            &r.document_id,
            &r.receipt_number,
            &r.device_serial_number,
            &r.previous_uuid,
            &r.produced_at,
            &r.document,
        ],
    )
    .map(|_| ())
}

/// The receipt of a document of this branch.
pub(crate) fn of(db: &mut Db<'_, '_>, document_id: Uuid) -> Result<Option<EReceipt>> {
    let branch = db.branch();
    db.one(
        select!("WHERE document_id = $1 AND ($2::integer IS NULL OR branch_id = $2)"),
        &[&document_id, &branch],
        from_row,
    )
}

/// The latest receipt of a device in this branch.
pub(crate) fn last(db: &mut Db<'_, '_>, device: &str) -> Result<Option<EReceipt>> {
    let branch = db.branch();
    db.one(
        select!(
            "WHERE device_serial_number = $1 AND ($2::integer IS NULL OR branch_id = $2) \
             ORDER BY seq DESC LIMIT 1"
        ),
        &[&device, &branch],
        from_row,
    )
}

/// This branch's receipts not marked submitted, in the order produced.
pub(crate) fn pending(db: &mut Db<'_, '_>) -> Result<Vec<EReceipt>> {
    let branch = db.branch();
    db.many(
        select!(
            "WHERE submitted_at IS NULL AND ($1::integer IS NULL OR branch_id = $1) \
             ORDER BY seq"
        ),
        &[&branch],
        from_row,
    )
}

/// Records the submission of a receipt of this branch and returns it. Invalid-state when it
/// is already marked submitted, not-found when there is no such receipt here.
pub(crate) fn mark_submitted(
    db: &mut Db<'_, '_>,
    receipt: &str,
    submission_id: &str,
    at: DateTime<Utc>,
) -> Result<EReceipt> {
    let branch = db.writing_branch()?;
    // Only an unsubmitted receipt is updated, so the trigger never fires and the transaction
    // stays usable to tell why nothing changed.
    let marked = db.one(
        "UPDATE e_receipts SET submitted_at = $2, submission_id = $3
         WHERE uuid = $1 AND branch_id = $4 AND submitted_at IS NULL
         RETURNING uuid, kind, document_id, receipt_number, device_serial_number,
             previous_uuid, produced_at, document, submitted_at, submission_id",
        &[&receipt, &at, &submission_id, &branch],
        from_row,
    )?;
    if let Some(marked) = marked {
        return Ok(marked);
    }
    let exists = db.one(
        "SELECT 1 FROM e_receipts WHERE uuid = $1 AND branch_id = $2",
        &[&receipt, &branch],
        |_| Ok(()),
    )?;
    match exists {
        Some(()) => Err(Error::InvalidState(format!(
            "e-receipt {receipt} is already marked submitted"
        ))),
        None => Err(Error::not_found("e-receipt", receipt)),
    }
}
