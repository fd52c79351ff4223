//! `reservations` (R-BOOK-1..4): bookings ahead, never deleted. Overlaps are refused by the core
//! inside the write transaction, which holds SQLite's write lock from its start.

use backspace_core::{Reservation, Result, Uuid};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, named_params};

use crate::constraints::translate;
use crate::convert::{
    get_instant, get_money, get_opt_instant, get_opt_uuid, get_parsed, get_uuid, instant,
    opt_instant, opt_uuid, piastres, uuid,
};
use crate::error::storage;
use crate::query::{exec, many, one, touched};

const SELECT: &str = "SELECT id, reservation_number, customer_id, resource_id, start_at, \
     end_at, status, rate_per_hour_piastres, created_at, closed_at, session_id, fee_invoice_id \
     FROM reservations";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Reservation> {
    Ok(Reservation {
        id: get_uuid(row, 0)?,
        reservation_number: row.get(1)?,
        customer_id: get_uuid(row, 2)?,
        resource_id: get_uuid(row, 3)?,
        start: get_instant(row, 4)?,
        end: get_instant(row, 5)?,
        status: get_parsed(row, 6)?,
        rate_per_hour: get_money(row, 7)?,
        created_at: get_instant(row, 8)?,
        closed_at: get_opt_instant(row, 9)?,
        session_id: get_opt_uuid(row, 10)?,
        fee_invoice_id: get_opt_uuid(row, 11)?,
    })
}

/// Adds a reservation.
pub(crate) fn insert(conn: &Connection, r: &Reservation) -> Result<()> {
    exec(
        conn,
        "INSERT INTO reservations (id, reservation_number, customer_id, resource_id, start_at,
             end_at, status, rate_per_hour_piastres, created_at, closed_at, session_id,
             fee_invoice_id)
         VALUES (:id, :number, :customer_id, :resource_id, :start, :end, :status, :rate,
             :created_at, :closed_at, :session_id, :fee_invoice_id)",
        named_params! {
            ":id": uuid(r.id),
            ":number": r.reservation_number,
            ":customer_id": uuid(r.customer_id),
            ":resource_id": uuid(r.resource_id),
            ":start": instant(r.start),
            ":end": instant(r.end),
            ":status": r.status.as_str(),
            ":rate": piastres(r.rate_per_hour),
            ":created_at": instant(r.created_at),
            ":closed_at": opt_instant(r.closed_at),
            ":session_id": opt_uuid(r.session_id),
            ":fee_invoice_id": opt_uuid(r.fee_invoice_id),
        },
    )
    .map_err(|e| {
        translate(
            e,
            "reservations",
            &[("reservation_number", &r.reservation_number)],
        )
    })
    .map(|_| ())
}

/// Saves a reservation's status, closing instant, session and fee invoice.
pub(crate) fn update(conn: &Connection, r: &Reservation) -> Result<()> {
    let changed = exec(
        conn,
        "UPDATE reservations SET status = :status, closed_at = :closed_at,
             session_id = :session_id, fee_invoice_id = :fee_invoice_id
         WHERE id = :id",
        named_params! {
            ":id": uuid(r.id),
            ":status": r.status.as_str(),
            ":closed_at": opt_instant(r.closed_at),
            ":session_id": opt_uuid(r.session_id),
            ":fee_invoice_id": opt_uuid(r.fee_invoice_id),
        },
    )
    .map_err(storage)?;
    touched(changed, "reservation", r.id)
}

/// A reservation by id.
pub(crate) fn by_id(conn: &Connection, id: Uuid) -> Result<Option<Reservation>> {
    one(
        conn,
        &format!("{SELECT} WHERE id = ?1"),
        [uuid(id)],
        from_row,
    )
}

/// Reservations meeting `[start, end)`, optionally of one resource, by start then number.
pub(crate) fn between(
    conn: &Connection,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    resource_id: Option<Uuid>,
) -> Result<Vec<Reservation>> {
    match resource_id {
        Some(r) => many(
            conn,
            &format!(
                "{SELECT} WHERE resource_id = ?1 AND start_at < ?2 AND end_at > ?3
                 ORDER BY start_at, length(reservation_number), reservation_number"
            ),
            [uuid(r), instant(end), instant(start)],
            from_row,
        ),
        None => many(
            conn,
            &format!(
                "{SELECT} WHERE start_at < ?1 AND end_at > ?2
                 ORDER BY start_at, length(reservation_number), reservation_number"
            ),
            [instant(end), instant(start)],
            from_row,
        ),
    }
}
