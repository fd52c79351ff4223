//! The `sessions` table: each branch's sessions, at most one active per resource and per
//! customer (unique partial indexes) and never two overlapping of one resource or one customer
//! (exclusion constraints, R-SESS-7); listed by start then id.

use backspace_core::clock::END_OF_TIME;
use backspace_core::{Result, Session, SessionSpan, Uuid};
use chrono::{DateTime, Utc};
use postgres::Row;

use crate::convert::{get, money, opt_money, opt_piastres, piastres};
use crate::db::Db;

/// `SELECT` of every column, followed by the rest of the query.
macro_rules! select {
    ($($rest:tt)*) => {
        concat!(
            "SELECT id, customer_id, resource_id, started_at, ended_at, rate_per_hour_piastres, ",
            "is_active, duration_minutes, billed_minutes, amount_piastres, subscription_id, ",
            "invoice_id, reservation_id FROM sessions ",
            $($rest)*
        )
    };
}

/// A session from the columns of `select!`, by position.
fn from_row(row: &Row) -> Result<Session> {
    Ok(Session {
        id: get(row, 0)?,
        customer_id: get(row, 1)?,
        resource_id: get(row, 2)?,
        started_at: get(row, 3)?,
        ended_at: get(row, 4)?,
        rate_per_hour: money(row, 5)?,
        is_active: get(row, 6)?,
        duration_minutes: get(row, 7)?,
        billed_minutes: get(row, 8)?,
        amount: opt_money(row, 9)?,
        subscription_id: get(row, 10)?,
        invoice_id: get(row, 11)?,
        reservation_id: get(row, 12)?,
    })
}

/// Adds a session to the branch. A second active session of the resource or customer, or an
/// overlapping one, is a conflict (`error.rs` words it).
pub(crate) fn insert(db: &mut Db<'_, '_>, s: &Session) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec(
        "INSERT INTO sessions (id, branch_id, customer_id, resource_id, started_at, ended_at,
             rate_per_hour_piastres, is_active, duration_minutes, billed_minutes,
             amount_piastres, subscription_id, invoice_id, reservation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        &[
            &s.id,
            &branch,
            &s.customer_id,
            &s.resource_id,
            &s.started_at,
            &s.ended_at,
            &piastres(s.rate_per_hour),
            &s.is_active,
            &s.duration_minutes,
            &s.billed_minutes,
            &opt_piastres(s.amount),
            &s.subscription_id,
            &s.invoice_id,
            &s.reservation_id,
        ],
    )
    .map(|_| ())
}

/// Saves a changed session of the branch; not-found when the branch has no such session.
pub(crate) fn update(db: &mut Db<'_, '_>, s: &Session) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec_touching(
        "UPDATE sessions SET customer_id = $3, resource_id = $4, started_at = $5,
             ended_at = $6, rate_per_hour_piastres = $7, is_active = $8,
             duration_minutes = $9, billed_minutes = $10, amount_piastres = $11,
             subscription_id = $12, invoice_id = $13, reservation_id = $14
         WHERE id = $1 AND branch_id = $2",
        &[
            &s.id,
            &branch,
            &s.customer_id,
            &s.resource_id,
            &s.started_at,
            &s.ended_at,
            &piastres(s.rate_per_hour),
            &s.is_active,
            &s.duration_minutes,
            &s.billed_minutes,
            &opt_piastres(s.amount),
            &s.subscription_id,
            &s.invoice_id,
            &s.reservation_id,
        ],
        "session",
        s.id,
    )
}

/// A session of the branch (of any branch in the chain view) by id.
pub(crate) fn by_id(db: &mut Db<'_, '_>, id: Uuid) -> Result<Option<Session>> {
    let branch = db.branch();
    db.one(
        select!("WHERE id = $1 AND ($2::integer IS NULL OR branch_id = $2)"),
        &[&id, &branch],
        from_row,
    )
}

/// The active session on a resource of the branch.
pub(crate) fn active_on_resource(
    db: &mut Db<'_, '_>,
    resource_id: Uuid,
) -> Result<Option<Session>> {
    let branch = db.branch();
    db.one(
        select!(
            "WHERE resource_id = $1 AND is_active \
             AND ($2::integer IS NULL OR branch_id = $2)"
        ),
        &[&resource_id, &branch],
        from_row,
    )
}

/// The active session of a customer, in whichever branch: one customer has one active session
/// in the whole chain.
pub(crate) fn active_of_customer(
    db: &mut Db<'_, '_>,
    customer_id: Uuid,
) -> Result<Option<Session>> {
    db.one(
        select!("WHERE customer_id = $1 AND is_active"),
        &[&customer_id],
        from_row,
    )
}

/// Every active session of the branch (of the chain in the chain view), by start then id.
pub(crate) fn active(db: &mut Db<'_, '_>) -> Result<Vec<Session>> {
    let branch = db.branch();
    db.many(
        select!(
            "WHERE is_active AND ($1::integer IS NULL OR branch_id = $1) \
             ORDER BY started_at, id"
        ),
        &[&branch],
        from_row,
    )
}

/// The condition that a session meets the span `[$2, $3)` as the core's scan has it: it starts
/// before the end and runs past the start. The range tests come first so that the exclusion
/// constraints' GiST indexes answer them: the sessions whose `[started_at, ended_at)` range
/// meets the closed span (a superset of the overlapping ones), plus the zero-length ones (their
/// range is empty, which overlaps nothing, so the exclusion lets them be anywhere).
macro_rules! meets_span {
    () => {
        concat!(
            "(tstzrange(started_at, coalesce(ended_at, 'infinity')) ",
            "&& tstzrange(least($2::timestamptz, $3::timestamptz), greatest($2, $3), '[]') ",
            "OR tstzrange(started_at, coalesce(ended_at, 'infinity')) = 'empty') ",
            "AND started_at < $3 AND (ended_at IS NULL OR ended_at > $2)"
        )
    };
}

/// Of several sessions, the latest to start, then the latest to end (a running one last of
/// all), then the largest id.
macro_rules! latest_first {
    () => {
        " ORDER BY started_at DESC, ended_at IS NULL DESC, ended_at DESC, id DESC LIMIT 1"
    };
}

/// The session of the span's resource, else of its customer (in any branch: one customer's
/// sessions never overlap in the whole chain), that overlaps it, if any (R-SESS-7), chosen as
/// `StoreTx::overlapping_session` says. Each half reads, through an index, only the sessions
/// that overlap the span (and any zero-length ones), however long the history.
pub(crate) fn overlapping(db: &mut Db<'_, '_>, span: SessionSpan) -> Result<Option<Session>> {
    let end = span.end.unwrap_or(END_OF_TIME);
    let branch = db.branch();
    let by_resource = db.one(
        select!(
            "WHERE resource_id = $1 AND ($4::integer IS NULL OR branch_id = $4) AND ",
            meets_span!(),
            latest_first!()
        ),
        &[&span.resource_id, &span.start, &end, &branch],
        from_row,
    )?;
    if by_resource.is_some() {
        return Ok(by_resource);
    }
    db.one(
        select!(
            "WHERE customer_id = $1 AND ",
            meets_span!(),
            latest_first!()
        ),
        &[&span.customer_id, &span.start, &end],
        from_row,
    )
}

/// Sessions of the branch (of the chain in the chain view) that started before `end` and were
/// still running at `start`, by start then id.
pub(crate) fn between(
    db: &mut Db<'_, '_>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<Session>> {
    let branch = db.branch();
    db.many(
        select!(
            "WHERE ($3::integer IS NULL OR branch_id = $3) \
             AND started_at < $2 AND (ended_at IS NULL OR ended_at > $1) \
             ORDER BY started_at, id"
        ),
        &[&start, &end, &branch],
        from_row,
    )
}
