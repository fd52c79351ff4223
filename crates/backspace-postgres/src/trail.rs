//! `trail` (R-CORR-5) and `z_reports` (R-CORR-4): rows written once, never changed (triggers
//! refuse it). Each branch keeps its own trail, numbered by the core's `seq`, and closes its
//! own days; the chain view reads every branch's.

use backspace_core::reports::{DaySums, ZReport, revenue_rows};
use backspace_core::{Error, Result, TrailEntry, TrailKind};
use chrono::NaiveDate;
use postgres::Row;

use crate::convert::{get, malformed, piastres};
use crate::db::Db;

/// `SELECT` of every trail column, followed by the rest of the query.
macro_rules! select_entry {
    ($rest:literal) => {
        concat!(
            "SELECT seq, kind, document_id, document_hash, footprint, at FROM trail ",
            $rest
        )
    };
}

/// A trail entry from the columns of `select_entry!`, by position.
fn entry_from_row(row: &Row) -> Result<TrailEntry> {
    let seq: i64 = get(row, 0)?;
    let kind: &str = get(row, 1)?;
    Ok(TrailEntry {
        seq: u64::try_from(seq).map_err(|_| malformed(row, 0, seq))?,
        kind: TrailKind::parse(kind).ok_or_else(|| malformed(row, 1, kind))?,
        document_id: get(row, 2)?,
        document_hash: get(row, 3)?,
        footprint: get(row, 4)?,
        at: get(row, 5)?,
    })
}

/// Appends an entry to this branch's trail. A `seq` another desk took meanwhile is a conflict.
pub(crate) fn append(db: &mut Db<'_, '_>, e: &TrailEntry) -> Result<()> {
    let branch = db.writing_branch()?;
    let seq = i64::try_from(e.seq).map_err(|_| Error::storage("trail is full"))?;
    db.exec(
        "INSERT INTO trail (branch_id, seq, kind, document_id, document_hash, footprint, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &branch,
            &seq,
            &e.kind.as_str(),
            &e.document_id,
            &e.document_hash,
            &e.footprint,
            &e.at,
        ],
    )
    .map(|_| ())
}

/// The branch's latest entry (the chain view: the last branch's; the primary key is walked
/// backwards).
pub(crate) fn last(db: &mut Db<'_, '_>) -> Result<Option<TrailEntry>> {
    let branch = db.branch();
    db.one(
        select_entry!(
            "WHERE $1::integer IS NULL OR branch_id = $1 ORDER BY branch_id DESC, seq DESC LIMIT 1"
        ),
        &[&branch],
        entry_from_row,
    )
}

/// Every entry of the branch, in order (the chain view: branch after branch).
pub(crate) fn all(db: &mut Db<'_, '_>) -> Result<Vec<TrailEntry>> {
    let branch = db.branch();
    db.many(
        select_entry!("WHERE $1::integer IS NULL OR branch_id = $1 ORDER BY branch_id, seq"),
        &[&branch],
        entry_from_row,
    )
}

/// Saves the branch's Z report of a day; a day already closed is a conflict.
pub(crate) fn insert_z(db: &mut Db<'_, '_>, z: &ZReport) -> Result<()> {
    let branch = db.writing_branch()?;
    let r = &z.revenue;
    db.exec(
        "INSERT INTO z_reports (branch_id, date, closed_at, sessions_piastres,
             consumptions_piastres, subscriptions_piastres, discounts_piastres, voids_piastres,
             refunds_cash_piastres, refunds_card_piastres, refunds_transfer_piastres,
             refunds_to_balance_piastres, write_offs_piastres, cash_piastres, card_piastres,
             transfer_piastres, credit_applied_piastres, reservation_fees_piastres,
             vat_piastres, vat_on_top_piastres)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
             $18, $19, $20)",
        &[
            &branch,
            &z.date,
            &z.closed_at,
            &piastres(r.sessions),
            &piastres(r.consumptions),
            &piastres(r.subscriptions),
            &piastres(r.discounts),
            &piastres(r.voids),
            &piastres(r.refunds_cash),
            &piastres(r.refunds_card),
            &piastres(r.refunds_transfer),
            &piastres(r.refunds_to_balance),
            &piastres(r.write_offs),
            &piastres(r.cash),
            &piastres(r.card),
            &piastres(r.transfer),
            &piastres(r.credit_applied),
            &piastres(r.reservation_fees),
            &piastres(r.vat),
            &piastres(r.vat_on_top),
        ],
    )
    .map(|_| ())
}

/// The branch's Z report of a date (the chain view: the first branch's that closed it).
pub(crate) fn z(db: &mut Db<'_, '_>, day: NaiveDate) -> Result<Option<ZReport>> {
    let branch = db.branch();
    db.one(
        "SELECT date, closed_at, sessions_piastres, consumptions_piastres,
             subscriptions_piastres, discounts_piastres, voids_piastres, refunds_cash_piastres,
             refunds_card_piastres, refunds_transfer_piastres, refunds_to_balance_piastres,
             write_offs_piastres, cash_piastres, card_piastres, transfer_piastres,
             credit_applied_piastres, reservation_fees_piastres, vat_piastres,
             vat_on_top_piastres
         FROM z_reports WHERE date = $1 AND ($2::integer IS NULL OR branch_id = $2)
         ORDER BY branch_id LIMIT 1",
        &[&day, &branch],
        |r| {
            let day: NaiveDate = get(r, 0)?;
            let closed_at = get(r, 1)?;
            let sums = DaySums {
                sessions: get(r, 2)?,
                consumptions: get(r, 3)?,
                subscriptions: get(r, 4)?,
                discounts: get(r, 5)?,
                voids: get(r, 6)?,
                refunds_cash: get(r, 7)?,
                refunds_card: get(r, 8)?,
                refunds_transfer: get(r, 9)?,
                refunds_to_balance: get(r, 10)?,
                write_offs: get(r, 11)?,
                cash: get(r, 12)?,
                card: get(r, 13)?,
                transfer: get(r, 14)?,
                credit: get(r, 15)?,
                reservation_fees: get(r, 16)?,
                vat: get(r, 17)?,
                vat_on_top: get(r, 18)?,
            };
            let revenue = revenue_rows(day, day, |_| sums).pop();
            Ok(revenue.map(|revenue| ZReport {
                date: day,
                closed_at,
                revenue,
            }))
        },
    )
    .map(Option::flatten)
}

/// Whether any money was recorded: an invoice or a ledger entry of this branch (the chain
/// view: of any branch).
pub(crate) fn has_money(db: &mut Db<'_, '_>) -> Result<bool> {
    let branch = db.branch();
    db.one(
        "SELECT EXISTS (SELECT 1 FROM invoices WHERE $1::integer IS NULL OR branch_id = $1)
             OR EXISTS (SELECT 1 FROM ledger_entries WHERE $1::integer IS NULL OR branch_id = $1)",
        &[&branch],
        |r| get::<bool>(r, 0),
    )
    .map(|found| found.unwrap_or(false))
}
