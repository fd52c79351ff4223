//! `backspace verify`: SQLite's integrity check (on a file), the books' invariants and the
//! trail.

use std::path::Path;

use backspace::{Backspace, Decimal, InvoiceFilter, InvoiceStatus, Store};

use crate::CliResult;

/// Runs every check and prints each finding; an error when there is one.
pub fn run<S: Store>(desk: &Backspace<S>, file: Option<&Path>) -> CliResult {
    let e = |e: backspace::Error| e.to_string();
    let mut findings = Vec::new();
    if let Some(db) = file {
        let conn = crate::files::open_readonly(db)?;
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        if check != "ok" {
            findings.push(format!("integrity check: {check}"));
        }
    }
    let invoices = desk.list_invoices(&InvoiceFilter::default()).map_err(e)?;
    for inv in &invoices {
        if inv.total != inv.net_amount + inv.vat_amount {
            findings.push(format!("{}: total is not net + VAT", inv.invoice_number));
        }
        let paid: Decimal = inv.payments.iter().map(|p| p.amount).sum();
        if paid != inv.paid_amount {
            findings.push(format!(
                "{}: payments do not add up to what is paid",
                inv.invoice_number
            ));
        }
        if inv.status != InvoiceStatus::Void && inv.paid_amount > inv.total {
            findings.push(format!("{}: paid more than its total", inv.invoice_number));
        }
    }
    for c in desk.list_customers().map_err(e)? {
        let statement = desk.statement(c.id).map_err(e)?;
        let running = statement.last().map(|l| l.balance).unwrap_or_default();
        if running != c.balance {
            findings.push(format!(
                "{}: balance {} but the ledger says {running}",
                c.human_id, c.balance
            ));
        }
    }
    for item in desk.list_inventory_items().map_err(e)? {
        let moved: i64 = desk
            .stock_movements(item.id)
            .map_err(e)?
            .iter()
            .map(|m| m.delta)
            .sum();
        if moved != item.quantity {
            findings.push(format!(
                "{}: {} in stock but the stock card says {moved}",
                item.name, item.quantity
            ));
        }
    }
    let trail = desk.verify_trail().map_err(e)?;
    if let Some(b) = &trail.first_broken {
        findings.push(format!(
            "trail: {} {} (entry {}): {}",
            b.kind.as_str(),
            b.number,
            b.seq,
            b.reason
        ));
    }
    say!(
        "checked: integrity, {} invoices, customers' balances, stock cards, {} trail and {} audit entries",
        invoices.len(),
        trail.entries,
        trail.audit_entries
    );
    for f in &findings {
        say!("FINDING {f}");
    }
    if findings.is_empty() {
        say!("no findings");
        Ok(())
    } else {
        Err(format!("{} finding(s)", findings.len()))
    }
}
