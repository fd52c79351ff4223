//! `operators` (R-STAFF-1, R-STAFF-2), the chain's: an operator signs in at any branch; and
//! `audit_log` (R-STAFF-4), each branch's own chain (PRIMARY KEY (branch_id, seq)), written
//! once and never changed.

use backspace_core::staff::{Operator, OperatorRecord};
use backspace_core::{AuditEntry, Error, Result, Uuid};
use chrono::{DateTime, Utc};
use postgres::Row;

use crate::convert::{count, get, int, malformed, parsed};
use crate::db::Db;

/// `SELECT` of every operator column, followed by the rest of the query.
macro_rules! select_operator {
    ($($rest:tt)*) => {
        concat!(
            "SELECT id, name, role, is_active, created_at, pin_hash, wrong_pins, locked_until ",
            "FROM operators ",
            $($rest)*
        )
    };
}

/// An operator from the columns of `select_operator!`, by position.
fn operator_from_row(row: &Row) -> Result<OperatorRecord> {
    Ok(OperatorRecord {
        operator: Operator {
            id: get(row, 0)?,
            name: get(row, 1)?,
            role: parsed(row, 2)?,
            is_active: get(row, 3)?,
            created_at: get(row, 4)?,
        },
        pin_hash: get(row, 5)?,
        wrong_pins: count(row, 6)?,
        locked_until: get(row, 7)?,
    })
}

/// Adds an operator to the chain.
pub(crate) fn insert_operator(db: &mut Db<'_, '_>, r: &OperatorRecord) -> Result<()> {
    db.writing_branch()?;
    db.exec(
        "INSERT INTO operators (id, name, role, is_active, created_at, pin_hash, wrong_pins,
             locked_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &r.operator.id,
            &r.operator.name,
            &r.operator.role.as_str(),
            &r.operator.is_active,
            &r.operator.created_at,
            &r.pin_hash,
            &int(r.wrong_pins),
            &r.locked_until,
        ],
    )
    .map(|_| ())
}

/// Saves a changed operator: name, role, active flag, PIN hash, wrong PINs and lock.
pub(crate) fn update_operator(db: &mut Db<'_, '_>, r: &OperatorRecord) -> Result<()> {
    db.writing_branch()?;
    db.exec_touching(
        "UPDATE operators SET name = $2, role = $3, is_active = $4, pin_hash = $5,
             wrong_pins = $6, locked_until = $7
         WHERE id = $1",
        &[
            &r.operator.id,
            &r.operator.name,
            &r.operator.role.as_str(),
            &r.operator.is_active,
            &r.pin_hash,
            &int(r.wrong_pins),
            &r.locked_until,
        ],
        "operator",
        r.operator.id,
    )
}

/// An operator of the chain by id.
pub(crate) fn operator(db: &mut Db<'_, '_>, id: Uuid) -> Result<Option<OperatorRecord>> {
    db.one(select_operator!("WHERE id = $1"), &[&id], operator_from_row)
}

/// Every operator of the chain, by name (byte order, as SQLite) then id.
pub(crate) fn operators(db: &mut Db<'_, '_>) -> Result<Vec<OperatorRecord>> {
    db.many(
        select_operator!("ORDER BY name COLLATE \"C\", id"),
        &[],
        operator_from_row,
    )
}

/// `SELECT` of every audit column, followed by the rest of the query.
macro_rules! select_audit {
    ($($rest:tt)*) => {
        concat!(
            "SELECT seq, at, operator_id, operation, ids, args, footprint FROM audit_log ",
            $($rest)*
        )
    };
}

/// An audit entry from the columns of `select_audit!`, by position; `ids` are kept as
/// comma-separated uuids (as in SQLite).
pub(crate) fn audit_from_row(row: &Row) -> Result<AuditEntry> {
    let ids: &str = get(row, 4)?;
    Ok(AuditEntry {
        seq: count(row, 0)?,
        at: get(row, 1)?,
        operator_id: get(row, 2)?,
        operation: get(row, 3)?,
        ids: ids
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| Uuid::parse_str(s).map_err(|_| malformed(row, 4, s)))
            .collect::<Result<_>>()?,
        args: get(row, 5)?,
        footprint: get(row, 6)?,
    })
}

/// Appends an entry to the branch's audit log. Another desk that took the same `seq` at the
/// same time breaks `audit_log_pkey` (a conflict; serializable transactions usually retry
/// first).
pub(crate) fn append_audit(db: &mut Db<'_, '_>, e: &AuditEntry) -> Result<()> {
    let branch = db.writing_branch()?;
    let seq = i64::try_from(e.seq).map_err(|_| Error::storage("audit log is full"))?;
    let ids: Vec<String> = e.ids.iter().map(Uuid::to_string).collect();
    db.exec(
        "INSERT INTO audit_log (branch_id, seq, at, operator_id, operation, ids, args, footprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &branch,
            &seq,
            &e.at,
            &e.operator_id,
            &e.operation,
            &ids.join(","),
            &e.args,
            &e.footprint,
        ],
    )
    .map(|_| ())
}

/// The branch's audit entries with `start ≤ at < end`, in the order written (the chain view:
/// branch by branch).
pub(crate) fn audit_between(
    db: &mut Db<'_, '_>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<AuditEntry>> {
    let branch = db.branch();
    db.many(
        select_audit!(
            "WHERE ($1::integer IS NULL OR branch_id = $1) AND at >= $2 AND at < $3 ",
            "ORDER BY branch_id, seq"
        ),
        &[&branch, &start, &end],
        audit_from_row,
    )
}
