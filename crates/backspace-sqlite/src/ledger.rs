//! The `ledger_entries` table: balance changes, by instant then insertion order `seq`.

use backspace_core::{LedgerEntry, Result, Uuid};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, named_params};

use crate::convert::{get_instant, get_money, get_parsed, get_uuid, instant, piastres, uuid};
use crate::error::storage;
use crate::query::{exec, many};

/// `SELECT` of every column, followed by the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT id, customer_id, kind, amount_piastres, reference, at FROM ledger_entries ",
            $rest
        )
    };
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<LedgerEntry> {
    Ok(LedgerEntry {
        id: get_uuid(row, "id")?,
        customer_id: get_uuid(row, "customer_id")?,
        kind: get_parsed(row, "kind")?,
        amount: get_money(row, "amount_piastres")?,
        reference: row.get("reference")?,
        at: get_instant(row, "at")?,
    })
}

/// Records an entry.
pub(crate) fn insert(conn: &Connection, e: &LedgerEntry) -> Result<()> {
    exec(
        conn,
        "INSERT INTO ledger_entries (id, customer_id, kind, amount_piastres, reference, at)
         VALUES (:id, :customer_id, :kind, :amount, :reference, :at)",
        named_params! {
            ":id": uuid(e.id),
            ":customer_id": uuid(e.customer_id),
            ":kind": e.kind.as_str(),
            ":amount": piastres(e.amount),
            ":reference": e.reference,
            ":at": instant(e.at),
        },
    )
    .map_err(storage)
    .map(|_| ())
}

/// A customer's entries.
pub(crate) fn of_customer(conn: &Connection, customer_id: Uuid) -> Result<Vec<LedgerEntry>> {
    many(
        conn,
        select!("WHERE customer_id = ?1 ORDER BY at, seq"),
        [uuid(customer_id)],
        from_row,
    )
}

/// Every entry with `start ≤ at < end`.
pub(crate) fn between(
    conn: &Connection,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<LedgerEntry>> {
    many(
        conn,
        select!("WHERE at >= ?1 AND at < ?2 ORDER BY at, seq"),
        [instant(start), instant(end)],
        from_row,
    )
}
