//! What every operation asks first — whether the chain has staff, the branch's last closed day
//! and its last audit entry (R-STAFF-2, R-CORR-4, R-STAFF-4) — in one round trip instead of
//! three.

use backspace_core::Result;
use backspace_core::audit::AuditEntry;
use chrono::NaiveDate;

use crate::convert::get;
use crate::db::Db;
use crate::staff::audit_from_row;

/// The answers of [`load`].
pub(crate) struct Context {
    pub(crate) has_operators: bool,
    pub(crate) closed_through: Option<NaiveDate>,
    pub(crate) last_audit: Option<AuditEntry>,
}

/// Reads the three at once: the last audit entry's columns first (as `audit_from_row` reads
/// them, all null when there is none), then the staff flag and the last closed day.
pub(crate) fn load(db: &mut Db<'_, '_>) -> Result<Context> {
    let branch = db.branch();
    let found = db.one(
        "SELECT a.seq, a.at, a.operator_id, a.operation, a.ids, a.args, a.footprint,
             EXISTS (SELECT 1 FROM operators),
             (SELECT max(date) FROM z_reports WHERE $1::integer IS NULL OR branch_id = $1)
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (
             SELECT seq, at, operator_id, operation, ids, args, footprint FROM audit_log
             WHERE $1::integer IS NULL OR branch_id = $1
             ORDER BY seq DESC, branch_id DESC LIMIT 1
         ) AS a ON true",
        &[&branch],
        |row| {
            let last_audit = match get::<Option<i64>>(row, 0)? {
                Some(_) => Some(audit_from_row(row)?),
                None => None,
            };
            Ok(Context {
                has_operators: get(row, 7)?,
                closed_through: get(row, 8)?,
                last_audit,
            })
        },
    )?;
    Ok(found.unwrap_or(Context {
        has_operators: false,
        closed_through: None,
        last_audit: None,
    }))
}
