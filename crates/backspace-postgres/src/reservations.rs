//! `reservations` (R-BOOK-1..4): each branch's bookings ahead, never deleted, numbered per
//! branch. The core refuses overlaps inside the serializable write transaction; the exclusion
//! constraint `reservations_never_overlap` is the backstop under concurrent desks.

use backspace_core::{Reservation, Result, Uuid};
use chrono::{DateTime, Utc};
use postgres::Row;

use crate::convert::{get, money, parsed, piastres};
use crate::db::Db;

/// `SELECT` of every column, followed by the rest of the query.
macro_rules! select {
    ($($rest:tt)*) => {
        concat!(
            "SELECT id, reservation_number, customer_id, resource_id, start_at, end_at, status, ",
            "rate_per_hour_piastres, created_at, closed_at, session_id, fee_invoice_id ",
            "FROM reservations ",
            $($rest)*
        )
    };
}

/// A reservation from the columns of `select!`, by position.
fn from_row(row: &Row) -> Result<Reservation> {
    Ok(Reservation {
        id: get(row, 0)?,
        reservation_number: get(row, 1)?,
        customer_id: get(row, 2)?,
        resource_id: get(row, 3)?,
        start: get(row, 4)?,
        end: get(row, 5)?,
        status: parsed(row, 6)?,
        rate_per_hour: money(row, 7)?,
        created_at: get(row, 8)?,
        closed_at: get(row, 9)?,
        session_id: get(row, 10)?,
        fee_invoice_id: get(row, 11)?,
    })
}

/// Adds a reservation to the branch. A number the branch already used, or a booking meeting
/// another live one of the resource, is a conflict (`error.rs` words it).
pub(crate) fn insert(db: &mut Db<'_, '_>, r: &Reservation) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec(
        "INSERT INTO reservations (id, branch_id, reservation_number, customer_id, resource_id,
             start_at, end_at, status, rate_per_hour_piastres, created_at, closed_at,
             session_id, fee_invoice_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        &[
            &r.id,
            &branch,
            &r.reservation_number,
            &r.customer_id,
            &r.resource_id,
            &r.start,
            &r.end,
            &r.status.as_str(),
            &piastres(r.rate_per_hour),
            &r.created_at,
            &r.closed_at,
            &r.session_id,
            &r.fee_invoice_id,
        ],
    )
    .map(|_| ())
}

/// Saves a reservation's status, closing instant, session and fee invoice; not-found when the
/// branch has no such reservation.
pub(crate) fn update(db: &mut Db<'_, '_>, r: &Reservation) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec_touching(
        "UPDATE reservations SET status = $3, closed_at = $4, session_id = $5,
             fee_invoice_id = $6
         WHERE id = $1 AND branch_id = $2",
        &[
            &r.id,
            &branch,
            &r.status.as_str(),
            &r.closed_at,
            &r.session_id,
            &r.fee_invoice_id,
        ],
        "reservation",
        r.id,
    )
}

/// A reservation of the branch (of any branch in the chain view) by id.
pub(crate) fn by_id(db: &mut Db<'_, '_>, id: Uuid) -> Result<Option<Reservation>> {
    let branch = db.branch();
    db.one(
        select!("WHERE id = $1 AND ($2::integer IS NULL OR branch_id = $2)"),
        &[&id, &branch],
        from_row,
    )
}

/// The branch's reservations (the chain's in the chain view) of any status meeting
/// `[start, end)`, optionally of one resource, by start then number (shorter numbers first,
/// then byte order, as SQLite).
pub(crate) fn between(
    db: &mut Db<'_, '_>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    resource_id: Option<Uuid>,
) -> Result<Vec<Reservation>> {
    let branch = db.branch();
    db.many(
        select!(
            "WHERE ($1::integer IS NULL OR branch_id = $1) ",
            "AND ($2::uuid IS NULL OR resource_id = $2) AND start_at < $3 AND end_at > $4 ",
            "ORDER BY start_at, length(reservation_number), reservation_number COLLATE \"C\""
        ),
        &[&branch, &resource_id, &end, &start],
        from_row,
    )
}
