//! `credit_notes` (R-CORR-2): numbered refunds of an invoice, never changed once written.

use backspace_core::{CreditNote, Result, Uuid};
use rusqlite::{Connection, Row, named_params};

use crate::constraints::translate;
use crate::convert::{
    date, get_date, get_instant, get_money, get_parsed, get_uuid, instant, piastres, uuid,
};
use crate::query::{exec, many, one};

/// Every column, joined with the invoice for its number, followed by the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT c.id, c.credit_note_number, c.invoice_id, i.invoice_number, c.customer_id, ",
            "c.amount_piastres, c.method, c.reason, c.issued_at, c.issue_date, c.footprint ",
            "FROM credit_notes AS c JOIN invoices AS i ON i.id = c.invoice_id ",
            $rest
        )
    };
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<CreditNote> {
    Ok(CreditNote {
        id: get_uuid(row, 0)?,
        credit_note_number: row.get(1)?,
        invoice_id: get_uuid(row, 2)?,
        invoice_number: row.get(3)?,
        customer_id: get_uuid(row, 4)?,
        amount: get_money(row, 5)?,
        method: get_parsed(row, 6)?,
        reason: row.get(7)?,
        issued_at: get_instant(row, 8)?,
        issue_date: get_date(row, 9)?,
        footprint: row.get(10)?,
    })
}

/// Adds a credit note.
pub(crate) fn insert(conn: &Connection, c: &CreditNote) -> Result<()> {
    exec(
        conn,
        "INSERT INTO credit_notes (id, credit_note_number, invoice_id, customer_id,
             amount_piastres, method, reason, issued_at, issue_date, footprint)
         VALUES (:id, :number, :invoice_id, :customer_id, :amount, :method, :reason,
             :issued_at, :issue_date, :footprint)",
        named_params! {
            ":id": uuid(c.id),
            ":number": c.credit_note_number,
            ":invoice_id": uuid(c.invoice_id),
            ":customer_id": uuid(c.customer_id),
            ":amount": piastres(c.amount),
            ":method": c.method.as_str(),
            ":reason": c.reason,
            ":issued_at": instant(c.issued_at),
            ":issue_date": date(c.issue_date),
            ":footprint": c.footprint,
        },
    )
    .map_err(|e| {
        translate(
            e,
            "credit_notes",
            &[("credit_note_number", &c.credit_note_number)],
        )
    })
    .map(|_| ())
}

/// A credit note by id.
pub(crate) fn by_id(conn: &Connection, id: Uuid) -> Result<Option<CreditNote>> {
    one(conn, select!("WHERE c.id = ?1"), [uuid(id)], from_row)
}

/// A credit note by number.
pub(crate) fn by_number(conn: &Connection, number: &str) -> Result<Option<CreditNote>> {
    one(
        conn,
        select!("WHERE c.credit_note_number = ?1"),
        [number],
        from_row,
    )
}

/// An invoice's credit notes, in the order written.
pub(crate) fn of_invoice(conn: &Connection, invoice_id: Uuid) -> Result<Vec<CreditNote>> {
    many(
        conn,
        select!("WHERE c.invoice_id = ?1 ORDER BY c.seq"),
        [uuid(invoice_id)],
        from_row,
    )
}
