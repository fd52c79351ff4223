//! `operators` (R-STAFF-1, R-STAFF-2) and `audit_log` (R-STAFF-4, written once, never changed).

use backspace_core::staff::{Operator, OperatorRecord};
use backspace_core::{AuditEntry, Error, Result, Uuid};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, named_params};

use crate::convert::{
    bad, get_flag, get_instant, get_opt_instant, get_opt_uuid, get_parsed, get_uuid, instant,
    opt_instant, opt_uuid, uuid,
};
use crate::error::storage;
use crate::query::{exec, many, one, touched};

const SELECT_OPERATOR: &str = "SELECT id, name, role, is_active, created_at, pin_hash, \
     wrong_pins, locked_until FROM operators";

fn operator_from_row(row: &Row<'_>) -> rusqlite::Result<OperatorRecord> {
    Ok(OperatorRecord {
        operator: Operator {
            id: get_uuid(row, 0)?,
            name: row.get(1)?,
            role: get_parsed(row, 2)?,
            is_active: get_flag(row, 3)?,
            created_at: get_instant(row, 4)?,
        },
        pin_hash: row.get(5)?,
        wrong_pins: u32::try_from(row.get::<_, i64>(6)?).map_err(|e| bad(row, 6, e))?,
        locked_until: get_opt_instant(row, 7)?,
    })
}

/// Adds an operator.
pub(crate) fn insert_operator(conn: &Connection, r: &OperatorRecord) -> Result<()> {
    exec(
        conn,
        "INSERT INTO operators (id, name, role, is_active, created_at, pin_hash, wrong_pins,
             locked_until)
         VALUES (:id, :name, :role, :is_active, :created_at, :pin_hash, :wrong_pins,
             :locked_until)",
        named_params! {
            ":id": uuid(r.operator.id),
            ":name": r.operator.name,
            ":role": r.operator.role.as_str(),
            ":is_active": r.operator.is_active,
            ":created_at": instant(r.operator.created_at),
            ":pin_hash": r.pin_hash,
            ":wrong_pins": r.wrong_pins,
            ":locked_until": opt_instant(r.locked_until),
        },
    )
    .map_err(storage)
    .map(|_| ())
}

/// Saves a changed operator.
pub(crate) fn update_operator(conn: &Connection, r: &OperatorRecord) -> Result<()> {
    let changed = exec(
        conn,
        "UPDATE operators SET name = :name, role = :role, is_active = :is_active,
             pin_hash = :pin_hash, wrong_pins = :wrong_pins, locked_until = :locked_until
         WHERE id = :id",
        named_params! {
            ":id": uuid(r.operator.id),
            ":name": r.operator.name,
            ":role": r.operator.role.as_str(),
            ":is_active": r.operator.is_active,
            ":pin_hash": r.pin_hash,
            ":wrong_pins": r.wrong_pins,
            ":locked_until": opt_instant(r.locked_until),
        },
    )
    .map_err(storage)?;
    touched(changed, "operator", r.operator.id)
}

/// An operator by id.
pub(crate) fn operator(conn: &Connection, id: Uuid) -> Result<Option<OperatorRecord>> {
    one(
        conn,
        &format!("{SELECT_OPERATOR} WHERE id = ?1"),
        [uuid(id)],
        operator_from_row,
    )
}

/// Every operator, by name then id.
pub(crate) fn operators(conn: &Connection) -> Result<Vec<OperatorRecord>> {
    many(
        conn,
        &format!("{SELECT_OPERATOR} ORDER BY name, id"),
        [],
        operator_from_row,
    )
}

/// Whether any operator exists.
pub(crate) fn has_operators(conn: &Connection) -> Result<bool> {
    one(conn, "SELECT EXISTS (SELECT 1 FROM operators)", [], |r| {
        r.get::<_, bool>(0)
    })
    .map(|v| v.unwrap_or(false))
}

const SELECT_AUDIT: &str =
    "SELECT seq, at, operator_id, operation, ids, args, footprint FROM audit_log";

fn audit_from_row(row: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    let ids: String = row.get(4)?;
    Ok(AuditEntry {
        seq: u64::try_from(row.get::<_, i64>(0)?).map_err(|e| bad(row, 0, e))?,
        at: get_instant(row, 1)?,
        operator_id: get_opt_uuid(row, 2)?,
        operation: row.get(3)?,
        ids: ids
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| Uuid::parse_str(s).map_err(|e| bad(row, 4, e)))
            .collect::<rusqlite::Result<_>>()?,
        args: row.get(5)?,
        footprint: row.get(6)?,
    })
}

/// Appends an audit entry.
pub(crate) fn append_audit(conn: &Connection, e: &AuditEntry) -> Result<()> {
    let ids: Vec<String> = e.ids.iter().map(|i| uuid(*i)).collect();
    exec(
        conn,
        "INSERT INTO audit_log (seq, at, operator_id, operation, ids, args, footprint)
         VALUES (:seq, :at, :operator_id, :operation, :ids, :args, :footprint)",
        named_params! {
            ":seq": i64::try_from(e.seq).map_err(|_| Error::storage("audit log is full"))?,
            ":at": instant(e.at),
            ":operator_id": opt_uuid(e.operator_id),
            ":operation": e.operation,
            ":ids": ids.join(","),
            ":args": e.args,
            ":footprint": e.footprint,
        },
    )
    .map_err(storage)
    .map(|_| ())
}

/// The latest audit entry.
pub(crate) fn last_audit(conn: &Connection) -> Result<Option<AuditEntry>> {
    one(
        conn,
        &format!("{SELECT_AUDIT} ORDER BY seq DESC LIMIT 1"),
        [],
        audit_from_row,
    )
}

/// Audit entries with `start ≤ at < end`, in order.
pub(crate) fn audit_between(
    conn: &Connection,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<AuditEntry>> {
    many(
        conn,
        &format!("{SELECT_AUDIT} WHERE at >= ?1 AND at < ?2 ORDER BY seq"),
        [instant(start), instant(end)],
        audit_from_row,
    )
}
