//! The `ledger_entries` table: balance changes of the chain's customers (branch_id says which
//! branch's desk wrote each), by instant then insertion order `seq`.

use backspace_core::{LedgerEntry, Result, Uuid};
use chrono::{DateTime, Utc};
use postgres::Row;

use crate::convert::{get, money, parsed, piastres};
use crate::db::Db;

/// `SELECT` of every column, followed by the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT id, customer_id, kind, amount_piastres, reference, at FROM ledger_entries ",
            $rest
        )
    };
}

/// An entry from the columns of `select!`, by position.
fn from_row(row: &Row) -> Result<LedgerEntry> {
    Ok(LedgerEntry {
        id: get(row, 0)?,
        customer_id: get(row, 1)?,
        kind: parsed(row, 2)?,
        amount: money(row, 3)?,
        reference: get(row, 4)?,
        at: get(row, 5)?,
    })
}

/// Records an entry, written by the branch.
pub(crate) fn insert(db: &mut Db<'_, '_>, entry: &LedgerEntry) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec(
        "INSERT INTO ledger_entries (id, branch_id, customer_id, kind, amount_piastres,
             reference, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &entry.id,
            &branch,
            &entry.customer_id,
            &entry.kind.as_str(),
            &piastres(entry.amount),
            &entry.reference,
            &entry.at,
        ],
    )
    .map(|_| ())
}

/// A customer's entries from every branch (the balance is the chain's), by instant then
/// insertion.
pub(crate) fn of_customer(db: &mut Db<'_, '_>, customer_id: Uuid) -> Result<Vec<LedgerEntry>> {
    db.many(
        select!("WHERE customer_id = $1 ORDER BY at, seq"),
        &[&customer_id],
        from_row,
    )
}

/// Every entry the branch wrote (the chain's in the chain view) with `start ≤ at < end`, by
/// instant then insertion.
pub(crate) fn between(
    db: &mut Db<'_, '_>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<LedgerEntry>> {
    let branch = db.branch();
    db.many(
        select!(
            "WHERE ($3::integer IS NULL OR branch_id = $3) AND at >= $1 AND at < $2 \
             ORDER BY at, seq"
        ),
        &[&start, &end, &branch],
        from_row,
    )
}
