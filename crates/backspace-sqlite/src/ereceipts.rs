//! `e_receipts` (R-TAX-3): produced documents, byte for byte, chained per device; only their
//! submission is ever recorded afterwards.

use backspace_core::{EReceipt, Error, ReceiptKind, Result, Uuid};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, named_params};

use crate::constraints::translate;
use crate::convert::{bad, get_instant, get_opt_instant, get_uuid, instant, uuid};
use crate::query::{exec, many, one};

const SELECT: &str = "SELECT uuid, kind, document_id, receipt_number, device_serial_number, \
     previous_uuid, produced_at, document, submitted_at, submission_id FROM e_receipts";

fn from_row(row: &Row<'_>) -> rusqlite::Result<EReceipt> {
    let kind: String = row.get(1)?;
    Ok(EReceipt {
        uuid: row.get(0)?,
        kind: ReceiptKind::parse(&kind).ok_or_else(|| bad(row, 1, format!("{kind:?}")))?,
        document_id: get_uuid(row, 2)?,
        receipt_number: row.get(3)?,
        device_serial_number: row.get(4)?,
        previous_uuid: row.get(5)?,
        produced_at: get_instant(row, 6)?,
        document: row.get(7)?,
        submitted_at: get_opt_instant(row, 8)?,
        submission_id: row.get(9)?,
    })
}

/// Stores a produced receipt.
pub(crate) fn insert(conn: &Connection, r: &EReceipt) -> Result<()> {
    exec(
        conn,
        "INSERT INTO e_receipts (uuid, kind, document_id, receipt_number, device_serial_number,
             previous_uuid, produced_at, document)
         VALUES (:uuid, :kind, :document_id, :number, :device, :previous, :produced_at,
             :document)",
        named_params! {
            ":uuid": r.uuid,
            ":kind": r.kind.as_str(),
            ":document_id": uuid(r.document_id),
            ":number": r.receipt_number,
            ":device": r.device_serial_number,
            ":previous": r.previous_uuid,
            ":produced_at": instant(r.produced_at),
            ":document": r.document,
        },
    )
    .map_err(|e| translate(e, "e_receipts", &[("receipt_number", &r.receipt_number)]))
    .map(|_| ())
}

/// The receipt of a document.
pub(crate) fn of(conn: &Connection, document_id: Uuid) -> Result<Option<EReceipt>> {
    one(
        conn,
        &format!("{SELECT} WHERE document_id = ?1"),
        [uuid(document_id)],
        from_row,
    )
}

/// The latest receipt of a device.
pub(crate) fn last(conn: &Connection, device: &str) -> Result<Option<EReceipt>> {
    one(
        conn,
        &format!("{SELECT} WHERE device_serial_number = ?1 ORDER BY seq DESC LIMIT 1"),
        [device],
        from_row,
    )
}

/// Receipts not marked submitted, in order.
pub(crate) fn pending(conn: &Connection) -> Result<Vec<EReceipt>> {
    many(
        conn,
        &format!("{SELECT} WHERE submitted_at IS NULL ORDER BY seq"),
        [],
        from_row,
    )
}

/// Records a submission.
pub(crate) fn mark_submitted(
    conn: &Connection,
    receipt: &str,
    submission_id: &str,
    at: DateTime<Utc>,
) -> Result<EReceipt> {
    let changed = exec(
        conn,
        "UPDATE e_receipts SET submitted_at = :at, submission_id = :submission
         WHERE uuid = :uuid",
        named_params! {":uuid": receipt, ":at": instant(at), ":submission": submission_id},
    )
    .map_err(|e| translate(e, "e_receipts", &[("uuid", &receipt)]))?;
    if changed == 0 {
        return Err(Error::not_found("e-receipt", receipt));
    }
    one(
        conn,
        &format!("{SELECT} WHERE uuid = ?1"),
        [receipt],
        from_row,
    )?
    .ok_or_else(|| Error::not_found("e-receipt", receipt))
}
