//! The `sessions` table: at most one active session per resource and per customer (unique
//! partial indexes), listed by start then id.

use backspace_core::clock::END_OF_TIME;
use backspace_core::{Error, Result, Session, SessionSpan, Uuid};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, named_params};

use crate::constraints::translate;
use crate::convert::{
    get_flag, get_instant, get_money, get_opt_instant, get_opt_money, get_opt_uuid, get_uuid,
    instant, opt_instant, opt_piastres, opt_uuid, piastres, uuid,
};
use crate::query::{exec, many, one, touched};

/// `SELECT` of every column, followed by the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT id, customer_id, resource_id, started_at, ended_at, rate_per_hour_piastres, ",
            "is_active, duration_minutes, billed_minutes, amount_piastres, subscription_id, ",
            "invoice_id, reservation_id FROM sessions ",
            $rest
        )
    };
}

/// A session from the columns of `select!`, by position.
fn from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: get_uuid(row, 0)?,
        customer_id: get_uuid(row, 1)?,
        resource_id: get_uuid(row, 2)?,
        started_at: get_instant(row, 3)?,
        ended_at: get_opt_instant(row, 4)?,
        rate_per_hour: get_money(row, 5)?,
        is_active: get_flag(row, 6)?,
        duration_minutes: row.get(7)?,
        billed_minutes: row.get(8)?,
        amount: get_opt_money(row, 9)?,
        subscription_id: get_opt_uuid(row, 10)?,
        invoice_id: get_opt_uuid(row, 11)?,
        reservation_id: get_opt_uuid(row, 12)?,
    })
}

/// A failed write of `s` as an error ([`translate`]): a busy resource or customer, an overlap.
fn clash(e: rusqlite::Error, s: &Session) -> Error {
    translate(
        e,
        "sessions",
        &[
            ("id", &s.id),
            ("resource_id", &s.resource_id),
            ("customer_id", &s.customer_id),
        ],
    )
}

/// Runs `sql`, the insert or the update, with every column of `s` bound by name.
fn write(conn: &Connection, sql: &str, s: &Session) -> rusqlite::Result<usize> {
    exec(
        conn,
        sql,
        named_params! {
            ":id": uuid(s.id),
            ":customer_id": uuid(s.customer_id),
            ":resource_id": uuid(s.resource_id),
            ":started_at": instant(s.started_at),
            ":ended_at": opt_instant(s.ended_at),
            ":rate": piastres(s.rate_per_hour),
            ":is_active": s.is_active,
            ":duration_minutes": s.duration_minutes,
            ":billed_minutes": s.billed_minutes,
            ":amount": opt_piastres(s.amount),
            ":subscription_id": opt_uuid(s.subscription_id),
            ":invoice_id": opt_uuid(s.invoice_id),
            ":reservation_id": opt_uuid(s.reservation_id),
        },
    )
}

/// Adds a session.
pub(crate) fn insert(conn: &Connection, s: &Session) -> Result<()> {
    write(
        conn,
        "INSERT INTO sessions (id, customer_id, resource_id, started_at, ended_at,
             rate_per_hour_piastres, is_active, duration_minutes, billed_minutes,
             amount_piastres, subscription_id, invoice_id, reservation_id)
         VALUES (:id, :customer_id, :resource_id, :started_at, :ended_at, :rate, :is_active,
             :duration_minutes, :billed_minutes, :amount, :subscription_id, :invoice_id,
             :reservation_id)",
        s,
    )
    .map_err(|e| clash(e, s))
    .map(|_| ())
}

/// Saves a changed session. Its customer, resource and start are written by a second statement
/// only when one of them changed: SQLite rewrites the entries of every index on a column a
/// `SET` names, so ending a session leaves the indexes on those three alone (fewer pages per
/// commit).
pub(crate) fn update(conn: &Connection, s: &Session) -> Result<()> {
    let changed = exec(
        conn,
        "UPDATE sessions SET ended_at = :ended_at, rate_per_hour_piastres = :rate,
             is_active = :is_active, duration_minutes = :duration_minutes,
             billed_minutes = :billed_minutes, amount_piastres = :amount,
             subscription_id = :subscription_id, invoice_id = :invoice_id,
             reservation_id = :reservation_id
         WHERE id = :id",
        named_params! {
            ":id": uuid(s.id),
            ":ended_at": opt_instant(s.ended_at),
            ":rate": piastres(s.rate_per_hour),
            ":is_active": s.is_active,
            ":duration_minutes": s.duration_minutes,
            ":billed_minutes": s.billed_minutes,
            ":amount": opt_piastres(s.amount),
            ":subscription_id": opt_uuid(s.subscription_id),
            ":invoice_id": opt_uuid(s.invoice_id),
            ":reservation_id": opt_uuid(s.reservation_id),
        },
    )
    .map_err(|e| clash(e, s))?;
    touched(changed, "session", s.id)?;
    exec(
        conn,
        "UPDATE sessions SET customer_id = :customer_id, resource_id = :resource_id,
             started_at = :started_at
         WHERE id = :id AND (customer_id <> :customer_id OR resource_id <> :resource_id
             OR started_at <> :started_at)",
        named_params! {
            ":id": uuid(s.id),
            ":customer_id": uuid(s.customer_id),
            ":resource_id": uuid(s.resource_id),
            ":started_at": instant(s.started_at),
        },
    )
    .map_err(|e| clash(e, s))?;
    Ok(())
}

/// A session by id.
pub(crate) fn by_id(conn: &Connection, id: Uuid) -> Result<Option<Session>> {
    one(conn, select!("WHERE id = ?1"), [uuid(id)], from_row)
}

/// The active session on a resource.
pub(crate) fn active_on_resource(conn: &Connection, resource_id: Uuid) -> Result<Option<Session>> {
    one(
        conn,
        select!("WHERE resource_id = ?1 AND is_active = 1"),
        [uuid(resource_id)],
        from_row,
    )
}

/// The active session of a customer.
pub(crate) fn active_of_customer(conn: &Connection, customer_id: Uuid) -> Result<Option<Session>> {
    one(
        conn,
        select!("WHERE customer_id = ?1 AND is_active = 1"),
        [uuid(customer_id)],
        from_row,
    )
}

/// Every active session, by start then id.
pub(crate) fn active(conn: &Connection) -> Result<Vec<Session>> {
    many(
        conn,
        select!("WHERE is_active = 1 ORDER BY started_at, id"),
        [],
        from_row,
    )
}

/// Sessions that started before `end` and were still running at `start`.
pub(crate) fn between(
    conn: &Connection,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<Session>> {
    many(
        conn,
        select!(
            "WHERE started_at < ?2 AND (ended_at IS NULL OR ended_at > ?1) \
             ORDER BY started_at, id"
        ),
        [instant(start), instant(end)],
        from_row,
    )
}

/// The session of the span's resource, else of its customer, that overlaps it, if any
/// (R-SESS-7), chosen as `StoreTx::overlapping_session` says. Stored sessions of one resource (or
/// customer) never overlap, so, ordered by start, their ends are ordered too: only the sessions
/// that start last before the span's end can reach into it. Two index seeks each on
/// `sessions_by_resource` and `sessions_by_customer`, however long the history.
pub(crate) fn overlapping(conn: &Connection, span: SessionSpan) -> Result<Option<Session>> {
    let end = instant(span.end.unwrap_or(END_OF_TIME));
    let latest = |sql: &str, id: Uuid| -> Result<Option<Session>> {
        let group = many(conn, sql, [uuid(id), end.clone()], from_row)?;
        Ok(group
            .into_iter()
            .filter(|s| s.ended_at.is_none_or(|e| e > span.start))
            .max_by_key(|s| (s.ended_at.is_none(), s.ended_at, s.id)))
    };
    if let Some(s) = latest(
        select!(
            "WHERE resource_id = ?1 AND started_at = (SELECT max(started_at) FROM sessions \
             WHERE resource_id = ?1 AND started_at < ?2)"
        ),
        span.resource_id,
    )? {
        return Ok(Some(s));
    }
    latest(
        select!(
            "WHERE customer_id = ?1 AND started_at = (SELECT max(started_at) FROM sessions \
             WHERE customer_id = ?1 AND started_at < ?2)"
        ),
        span.customer_id,
    )
}
