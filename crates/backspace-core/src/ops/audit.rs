//! Appending to and reading the audit log (R-STAFF-4).

use chrono::{DateTime, Days, NaiveDate, Utc};
use uuid::Uuid;

use super::Backspace;
use crate::audit::{AuditEntry, audit_hash};
use crate::error::{Error, Result};
use crate::reports::day_start;
use crate::staff::Permission;
use crate::store::{Store, StoreTx};
use crate::trail::{GENESIS, footprint};

/// Appends the audit entry of a successful write, chained to the previous one.
pub(super) fn append(
    tx: &mut dyn StoreTx,
    at: DateTime<Utc>,
    operator_id: Option<Uuid>,
    operation: &str,
    ids: Vec<Uuid>,
    args: String,
) -> Result<()> {
    let last = tx.last_audit_entry()?;
    let (seq, previous) = match &last {
        Some(e) => (e.seq + 1, e.footprint.as_str()),
        None => (1, GENESIS),
    };
    let mut entry = AuditEntry {
        seq,
        at,
        operator_id,
        operation: operation.to_string(),
        ids,
        args,
        footprint: String::new(),
    };
    entry.footprint = footprint(previous, &audit_hash(&entry));
    tx.append_audit(&entry)
}

impl<S: Store> Backspace<S> {
    /// Audit entries of the business dates `from..=to`, in the order written, optionally of one
    /// operator only (R-STAFF-4). A manager's or owner's report.
    pub fn audit_log(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        operator_id: impl Into<Option<Uuid>>,
    ) -> Result<Vec<AuditEntry>> {
        if from > to {
            return Err(Error::validation(
                "to",
                format!("must not be before from ({from}), got {to}"),
            ));
        }
        let operator_id = operator_id.into();
        self.read_as(Permission::Reports, "audit_log", |tx, _| {
            let tz = tx.settings()?.time_zone;
            let end = to.checked_add_days(Days::new(1)).unwrap_or(to);
            let entries = tx.audit_entries(day_start(from, tz), day_start(end, tz))?;
            Ok(entries
                .into_iter()
                .filter(|e| operator_id.is_none() || e.operator_id == operator_id)
                .collect())
        })
    }
}
