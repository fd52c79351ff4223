//! The trail (R-CORR-5): every invoice, credit note, void and write-off, as written, chained by
//! SHA-256 footprints so that an edit of a stored document, or of the trail, shows.
//!
//! Each document has a canonical text (below); its *document hash* is the SHA-256 of that text,
//! and its *footprint* is the SHA-256 of the previous entry's footprint, a newline and the
//! document hash (the first entry follows 64 zeros). Hashes are lower-case hex. An invoice whose
//! discount changes while nothing is paid (R-INVC-3) is written to the trail again; the latest
//! entry of a document is the one its stored fields must match.
//!
//! Canonical texts are lines joined by `\n`, each ending with `\n`; amounts are fixed two-decimal
//! text (`37.50`), instants `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC, ids hyphenated lower-case:
//!
//! ```text
//! invoice      number, customer id, issued at, amount, discount %, discount amount, total,
//!              then one line per invoice line: kind|description|quantity|unit price|amount
//! credit_note  number, invoice number, customer id, issued at, amount, method, reason
//! void         invoice number, customer id, voided at, total voided, reason
//! write_off    invoice number, customer id, written off at, amount written off, reason
//! ```
//! Each text starts with its kind on a line of its own.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::model::{CreditNote, Invoice};

/// What a trail entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TrailKind {
    /// An invoice as issued (or as its discount last changed).
    Invoice,
    /// A credit note.
    CreditNote,
    /// An invoice's void.
    Void,
    /// An invoice's write-off.
    WriteOff,
    /// An audit log entry (R-STAFF-4); the audit log keeps a chain of its own.
    Audit,
}

impl TrailKind {
    /// The name used in canonical texts and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            TrailKind::Invoice => "invoice",
            TrailKind::CreditNote => "credit_note",
            TrailKind::Void => "void",
            TrailKind::WriteOff => "write_off",
            TrailKind::Audit => "audit",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<TrailKind> {
        [
            TrailKind::Invoice,
            TrailKind::CreditNote,
            TrailKind::Void,
            TrailKind::WriteOff,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One entry of the trail, in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailEntry {
    /// 1, 2, … in the order written.
    pub seq: u64,
    /// What it records.
    pub kind: TrailKind,
    /// The invoice (invoice, void, write-off) or credit note it records.
    pub document_id: Uuid,
    /// SHA-256 of the document's canonical text.
    pub document_hash: String,
    /// SHA-256 over the previous footprint and `document_hash`.
    pub footprint: String,
    /// When it was written.
    pub at: DateTime<Utc>,
}

/// What `verify_trail` found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrailReport {
    /// Trail entries checked.
    pub entries: u64,
    /// Audit log entries checked (R-STAFF-4).
    pub audit_entries: u64,
    /// The first document (by trail order) that no longer matches, or `None`: the trail is intact.
    pub first_broken: Option<BrokenDocument>,
}

impl TrailReport {
    /// Whether every document matches its footprint.
    pub fn is_intact(&self) -> bool {
        self.first_broken.is_none()
    }
}

/// A document whose stored fields, or whose trail entry, no longer match.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BrokenDocument {
    /// What kind of entry.
    pub kind: TrailKind,
    /// The invoice or credit note number, or `audit #n` for an audit entry.
    pub number: String,
    /// The trail entry.
    pub seq: u64,
    /// What does not match.
    pub reason: String,
}

/// The footprint before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Lower-case hex SHA-256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    hex
}

/// The footprint following `previous` for a document whose hash is `document_hash`.
pub fn footprint(previous: &str, document_hash: &str) -> String {
    sha256_hex(&format!("{previous}\n{document_hash}"))
}

/// An instant as canonical texts write it: `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
pub(crate) fn instant(at: DateTime<Utc>) -> String {
    crate::clock::instant_text(at)
}

fn money(d: Decimal) -> String {
    format!("{:.2}", d)
}

fn text(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// The canonical text of an invoice.
pub fn invoice_text(i: &Invoice) -> String {
    let mut lines = vec![
        TrailKind::Invoice.as_str().to_string(),
        i.invoice_number.clone(),
        i.customer_id.hyphenated().to_string(),
        instant(i.issued_at),
        money(i.amount),
        money(i.discount),
        money(i.discount_amount),
        money(i.total),
    ];
    // VAT joined the canonical text with 0.2: invoices without it keep their old text.
    if !i.vat_rate.is_zero() {
        lines.push(format!(
            "vat|{}|{}|{}|{}",
            money(i.vat_rate),
            if i.prices_include_vat {
                "inclusive"
            } else {
                "exclusive"
            },
            money(i.net_amount),
            money(i.vat_amount)
        ));
    }
    lines.extend(i.line_items.iter().map(|l| {
        format!(
            "{}|{}|{}|{}|{}",
            l.kind.as_str(),
            l.description,
            l.quantity,
            money(l.unit_price),
            money(l.amount)
        )
    }));
    text(&lines)
}

/// The canonical text of a credit note.
pub fn credit_note_text(c: &CreditNote) -> String {
    text(&[
        TrailKind::CreditNote.as_str().to_string(),
        c.credit_note_number.clone(),
        c.invoice_number.clone(),
        c.customer_id.hyphenated().to_string(),
        instant(c.issued_at),
        money(c.amount),
        c.method.as_str().to_string(),
        c.reason.clone(),
    ])
}

/// The canonical text of an invoice's void or write-off (`kind`), from the invoice as stored;
/// `None` when the invoice holds no such correction.
pub fn correction_text(kind: TrailKind, i: &Invoice) -> Option<String> {
    let c = i.correction.as_ref()?;
    let amount = match kind {
        TrailKind::Void => i.total,
        TrailKind::WriteOff => i.written_off_amount,
        _ => return None,
    };
    Some(text(&[
        kind.as_str().to_string(),
        i.invoice_number.clone(),
        i.customer_id.hyphenated().to_string(),
        instant(c.at),
        money(amount),
        c.reason.clone(),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_corr_5_sha256_is_lower_case_hex_of_utf8() {
        // FIPS 180-2's "abc" vector.
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(footprint(GENESIS, "x").len(), 64);
        assert_ne!(footprint(GENESIS, "x"), footprint(GENESIS, "y"));
    }
}
