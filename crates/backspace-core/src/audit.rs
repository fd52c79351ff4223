//! The audit log (R-STAFF-4): one entry per successful write, in the same transaction, chained
//! by footprints like the trail (R-CORR-5) so that an edited or deleted entry shows.
//!
//! An entry's canonical text is, one per line: `audit`, its sequence number, its instant, the
//! operator's id (or `-` in single-user mode), the operation, the ids it touched (comma
//! separated) and its arguments as JSON. Its footprint is the SHA-256 of the previous entry's
//! footprint, a newline and the SHA-256 of that text (the first entry follows 64 zeros).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::trail::{instant, sha256_hex};

/// One audit entry, never changed once written.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AuditEntry {
    /// 1, 2, … in the order written.
    pub seq: u64,
    /// When the operation ran.
    pub at: DateTime<Utc>,
    /// The signed-in operator, or `None` in single-user mode.
    pub operator_id: Option<Uuid>,
    /// The operation's name, as in every language (`void_invoice`).
    pub operation: String,
    /// The records it touched, the ones named in its arguments first.
    pub ids: Vec<Uuid>,
    /// Its arguments as a short JSON object (never a PIN).
    pub args: String,
    /// SHA-256 over the previous entry's footprint and this entry's canonical text.
    pub footprint: String,
}

/// The canonical text of an audit entry (its footprint aside).
pub fn audit_text(e: &AuditEntry) -> String {
    let ids: Vec<String> = e.ids.iter().map(|i| i.hyphenated().to_string()).collect();
    let operator = e
        .operator_id
        .map(|o| o.hyphenated().to_string())
        .unwrap_or_else(|| "-".to_string());
    [
        "audit".to_string(),
        e.seq.to_string(),
        instant(e.at),
        operator,
        e.operation.clone(),
        ids.join(","),
        e.args.clone(),
    ]
    .iter()
    .map(|l| format!("{l}\n"))
    .collect()
}

/// The SHA-256 of an entry's canonical text.
pub fn audit_hash(e: &AuditEntry) -> String {
    sha256_hex(&audit_text(e))
}
