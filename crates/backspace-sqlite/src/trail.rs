//! `trail` (R-CORR-5) and `z_reports` (R-CORR-4): rows written once, never changed.

use backspace_core::reports::{DaySums, ZReport, revenue_rows};
use backspace_core::{Error, Result, TrailEntry, TrailKind};
use chrono::NaiveDate;
use rusqlite::{Connection, Row, named_params};

use crate::constraints::translate;
use crate::convert::{bad, date, get_date, get_instant, get_uuid, instant, piastres, uuid};
use crate::error::storage;
use crate::query::{exec, many, one};

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<TrailEntry> {
    let kind: String = row.get(1)?;
    Ok(TrailEntry {
        seq: u64::try_from(row.get::<_, i64>(0)?).map_err(|e| bad(row, 0, e))?,
        kind: TrailKind::parse(&kind).ok_or_else(|| bad(row, 1, format!("{kind:?}")))?,
        document_id: get_uuid(row, 2)?,
        document_hash: row.get(3)?,
        footprint: row.get(4)?,
        at: get_instant(row, 5)?,
    })
}

const SELECT_ENTRY: &str = "SELECT seq, kind, document_id, document_hash, footprint, at FROM trail";

/// Appends an entry.
pub(crate) fn append(conn: &Connection, e: &TrailEntry) -> Result<()> {
    exec(
        conn,
        "INSERT INTO trail (seq, kind, document_id, document_hash, footprint, at)
         VALUES (:seq, :kind, :document_id, :document_hash, :footprint, :at)",
        named_params! {
            ":seq": i64::try_from(e.seq).map_err(|_| Error::storage("trail is full"))?,
            ":kind": e.kind.as_str(),
            ":document_id": uuid(e.document_id),
            ":document_hash": e.document_hash,
            ":footprint": e.footprint,
            ":at": instant(e.at),
        },
    )
    .map_err(storage)
    .map(|_| ())
}

/// The latest entry.
pub(crate) fn last(conn: &Connection) -> Result<Option<TrailEntry>> {
    one(
        conn,
        concat!(
            "SELECT seq, kind, document_id, document_hash, footprint, at FROM trail ",
            "ORDER BY seq DESC LIMIT 1"
        ),
        [],
        entry_from_row,
    )
}

/// Every entry, in order.
pub(crate) fn all(conn: &Connection) -> Result<Vec<TrailEntry>> {
    many(
        conn,
        &format!("{SELECT_ENTRY} ORDER BY seq"),
        [],
        entry_from_row,
    )
}

/// Saves a Z report.
pub(crate) fn insert_z(conn: &Connection, z: &ZReport) -> Result<()> {
    let r = &z.revenue;
    exec(
        conn,
        "INSERT INTO z_reports (date, closed_at, sessions_piastres, consumptions_piastres,
             subscriptions_piastres, discounts_piastres, voids_piastres, refunds_cash_piastres,
             refunds_card_piastres, refunds_transfer_piastres, refunds_to_balance_piastres,
             write_offs_piastres, cash_piastres, card_piastres, transfer_piastres,
             credit_applied_piastres, reservation_fees_piastres, vat_piastres,
             vat_on_top_piastres)
         VALUES (:date, :closed_at, :sessions, :consumptions, :subscriptions, :discounts,
             :voids, :refunds_cash, :refunds_card, :refunds_transfer, :refunds_to_balance,
             :write_offs, :cash, :card, :transfer, :credit, :fees, :vat, :on_top)",
        named_params! {
            ":date": date(z.date),
            ":closed_at": instant(z.closed_at),
            ":sessions": piastres(r.sessions),
            ":consumptions": piastres(r.consumptions),
            ":subscriptions": piastres(r.subscriptions),
            ":discounts": piastres(r.discounts),
            ":voids": piastres(r.voids),
            ":refunds_cash": piastres(r.refunds_cash),
            ":refunds_card": piastres(r.refunds_card),
            ":refunds_transfer": piastres(r.refunds_transfer),
            ":refunds_to_balance": piastres(r.refunds_to_balance),
            ":write_offs": piastres(r.write_offs),
            ":cash": piastres(r.cash),
            ":card": piastres(r.card),
            ":transfer": piastres(r.transfer),
            ":credit": piastres(r.credit_applied),
            ":fees": piastres(r.reservation_fees),
            ":vat": piastres(r.vat),
            ":on_top": piastres(r.vat_on_top),
        },
    )
    .map_err(|e| translate(e, "z_reports", &[("date", &z.date)]))
    .map(|_| ())
}

/// The Z report of a date.
pub(crate) fn z(conn: &Connection, day: NaiveDate) -> Result<Option<ZReport>> {
    one(
        conn,
        "SELECT date, closed_at, sessions_piastres, consumptions_piastres,
             subscriptions_piastres, discounts_piastres, voids_piastres, refunds_cash_piastres,
             refunds_card_piastres, refunds_transfer_piastres, refunds_to_balance_piastres,
             write_offs_piastres, cash_piastres, card_piastres, transfer_piastres,
             credit_applied_piastres, reservation_fees_piastres, vat_piastres,
             vat_on_top_piastres
         FROM z_reports WHERE date = ?1",
        [date(day)],
        |r| {
            let day = get_date(r, 0)?;
            let closed_at = get_instant(r, 1)?;
            let sums = DaySums {
                sessions: r.get(2)?,
                consumptions: r.get(3)?,
                subscriptions: r.get(4)?,
                discounts: r.get(5)?,
                voids: r.get(6)?,
                refunds_cash: r.get(7)?,
                refunds_card: r.get(8)?,
                refunds_transfer: r.get(9)?,
                refunds_to_balance: r.get(10)?,
                write_offs: r.get(11)?,
                cash: r.get(12)?,
                card: r.get(13)?,
                transfer: r.get(14)?,
                credit: r.get(15)?,
                reservation_fees: r.get(16)?,
                vat: r.get(17)?,
                vat_on_top: r.get(18)?,
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

/// The last closed date.
pub(crate) fn closed_through(conn: &Connection) -> Result<Option<NaiveDate>> {
    let text = one(conn, "SELECT max(date) FROM z_reports", [], |r| {
        r.get::<_, Option<String>>(0)
    })?
    .flatten();
    text.map(|t| {
        crate::convert::parse_date(&t)
            .ok_or_else(|| Error::storage(format!("closed date {t:?} is not a date")))
    })
    .transpose()
}
