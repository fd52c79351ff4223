//! `credit_notes` (R-CORR-2): numbered refunds of an invoice, never changed once written (a
//! trigger refuses changes). Each branch numbers its own; lookups see this branch's (the chain
//! view sees all).

use backspace_core::{CreditNote, Result, Uuid};
use postgres::Row;

use crate::convert::{get, money, parsed, piastres};
use crate::db::Db;

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

/// A credit note from the columns of `select!`, by position.
fn from_row(row: &Row) -> Result<CreditNote> {
    Ok(CreditNote {
        id: get(row, 0)?,
        credit_note_number: get(row, 1)?,
        invoice_id: get(row, 2)?,
        invoice_number: get(row, 3)?,
        customer_id: get(row, 4)?,
        amount: money(row, 5)?,
        method: parsed(row, 6)?,
        reason: get(row, 7)?,
        issued_at: get(row, 8)?,
        issue_date: get(row, 9)?,
        footprint: get(row, 10)?,
    })
}

/// Adds a credit note to this branch. A taken number is a conflict (`error.rs` words it).
pub(crate) fn insert(db: &mut Db<'_, '_>, c: &CreditNote) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec(
        "INSERT INTO credit_notes (id, branch_id, credit_note_number, invoice_id, customer_id,
             amount_piastres, method, reason, issued_at, issue_date, footprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        &[
            &c.id,
            &branch,
            &c.credit_note_number,
            &c.invoice_id,
            &c.customer_id,
            &piastres(c.amount),
            &c.method.as_str(),
            &c.reason,
            &c.issued_at,
            &c.issue_date,
            &c.footprint,
        ],
    )
    .map(|_| ())
}

/// A credit note of this branch by id.
pub(crate) fn by_id(db: &mut Db<'_, '_>, id: Uuid) -> Result<Option<CreditNote>> {
    let branch = db.branch();
    db.one(
        select!("WHERE c.id = $1 AND ($2::integer IS NULL OR c.branch_id = $2)"),
        &[&id, &branch],
        from_row,
    )
}

/// A credit note of this branch by number.
pub(crate) fn by_number(db: &mut Db<'_, '_>, number: &str) -> Result<Option<CreditNote>> {
    let branch = db.branch();
    db.one(
        select!(
            "WHERE c.credit_note_number = $1 AND ($2::integer IS NULL OR c.branch_id = $2) \
             ORDER BY c.seq LIMIT 1"
        ),
        &[&number, &branch],
        from_row,
    )
}

/// The credit notes of these invoices, each invoice's in the order written.
pub(crate) fn of_invoices(db: &mut Db<'_, '_>, invoice_ids: &[Uuid]) -> Result<Vec<CreditNote>> {
    if invoice_ids.is_empty() {
        return Ok(Vec::new());
    }
    db.many(
        select!("WHERE c.invoice_id = ANY($1) ORDER BY c.seq"),
        &[&invoice_ids],
        from_row,
    )
}
