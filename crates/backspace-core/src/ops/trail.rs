//! Writing and checking the trail of money documents (R-CORR-5).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Backspace;
use crate::audit::audit_hash;
use crate::clock::{END_OF_TIME, START_OF_TIME};
use crate::error::Result;
use crate::model::Invoice;
use crate::staff::Permission;
use crate::store::{Store, StoreTx};
use crate::trail::{
    BrokenDocument, GENESIS, TrailEntry, TrailKind, TrailReport, correction_text, credit_note_text,
    footprint, invoice_text, sha256_hex,
};

/// Appends a document's canonical `text` to the trail and returns its footprint.
pub(super) fn record(
    tx: &mut dyn StoreTx,
    kind: TrailKind,
    document_id: Uuid,
    text: &str,
    at: DateTime<Utc>,
) -> Result<String> {
    let last = tx.last_trail_entry()?;
    let (seq, previous) = match &last {
        Some(e) => (e.seq + 1, e.footprint.as_str()),
        None => (1, GENESIS),
    };
    let document_hash = sha256_hex(text);
    let entry = TrailEntry {
        seq,
        kind,
        document_id,
        footprint: footprint(previous, &document_hash),
        document_hash,
        at,
    };
    tx.append_trail(&entry)?;
    Ok(entry.footprint)
}

/// The canonical text of the document a trail entry records, as stored now; `None` when the
/// document is gone or holds no such correction.
fn current_text(tx: &mut dyn StoreTx, entry: &TrailEntry) -> Result<Option<(String, String)>> {
    Ok(match entry.kind {
        TrailKind::CreditNote => tx
            .credit_note(entry.document_id)?
            .map(|c| (c.credit_note_number.clone(), credit_note_text(&c))),
        kind => tx.invoice(entry.document_id)?.and_then(|i: Invoice| {
            let text = match kind {
                TrailKind::Invoice => Some(invoice_text(&i)),
                _ => correction_text(kind, &i),
            };
            text.map(|t| (i.invoice_number, t))
        }),
    })
}

/// Recomputes the audit log's own chain (R-STAFF-4): the first entry that was changed,
/// removed or put out of order.
fn verify_audit(tx: &mut dyn StoreTx, count: &mut u64) -> Result<Option<BrokenDocument>> {
    let mut previous = GENESIS.to_string();
    for (n, e) in tx
        .audit_entries(START_OF_TIME, END_OF_TIME)?
        .iter()
        .enumerate()
    {
        *count += 1;
        let broken = |reason: &str| BrokenDocument {
            kind: TrailKind::Audit,
            number: format!("audit #{}", e.seq),
            seq: e.seq,
            reason: reason.to_string(),
        };
        if e.seq != n as u64 + 1 {
            return Ok(Some(broken(
                "the audit log has a gap or is out of order here",
            )));
        }
        if e.footprint != footprint(&previous, &audit_hash(e)) {
            return Ok(Some(broken(
                "the audit entry no longer matches its footprint",
            )));
        }
        previous = e.footprint.clone();
    }
    Ok(None)
}

impl<S: Store> Backspace<S> {
    /// Recomputes the trail (R-CORR-5): each entry's footprint from the previous one, and each
    /// document's hash from its fields as stored now (the latest entry of a document is the one
    /// that must match). Reports the first document that no longer matches, or that the trail
    /// is intact.
    pub fn verify_trail(&self) -> Result<TrailReport> {
        self.read_as(Permission::Reports, "verify_trail", |tx, _| {
            let trail = tx.trail()?;
            let latest: HashMap<(TrailKind, Uuid), u64> = trail
                .iter()
                .map(|e| ((e.kind, e.document_id), e.seq))
                .collect();
            let mut previous = GENESIS.to_string();
            let mut report = TrailReport {
                entries: 0,
                audit_entries: 0,
                first_broken: None,
            };
            for (n, e) in trail.iter().enumerate() {
                report.entries += 1;
                let current = current_text(tx, e)?;
                let number = current.as_ref().map(|(n, _)| n.clone()).unwrap_or_default();
                let broken = |reason: &str| BrokenDocument {
                    kind: e.kind,
                    number: number.clone(),
                    seq: e.seq,
                    reason: reason.to_string(),
                };
                let problem = if e.seq != n as u64 + 1 {
                    Some(broken("the trail has a gap or is out of order here"))
                } else if e.footprint != footprint(&previous, &e.document_hash) {
                    Some(broken("the trail entry was changed"))
                } else if latest.get(&(e.kind, e.document_id)) != Some(&e.seq) {
                    None
                } else {
                    match &current {
                        None => Some(broken("the document is missing")),
                        Some((_, text)) if sha256_hex(text) != e.document_hash => {
                            Some(broken("its stored fields no longer match its footprint"))
                        }
                        Some(_) => None,
                    }
                };
                if let Some(p) = problem {
                    report.first_broken = Some(p);
                    return Ok(report);
                }
                previous = e.footprint.clone();
            }
            report.first_broken = verify_audit(tx, &mut report.audit_entries)?;
            Ok(report)
        })
    }
}
