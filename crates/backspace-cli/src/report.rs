//! `backspace report revenue|utilization|outstanding|top --from --to [--format]`.

use backspace::{Backspace, Store};
use chrono::NaiveDate;

use crate::{CliResult, Format, ReportKind};

/// A report as a header and rows of text.
fn rows<S: Store>(
    desk: &Backspace<S>,
    kind: ReportKind,
    from: NaiveDate,
    to: NaiveDate,
    n: usize,
) -> CliResult<(Vec<&'static str>, Vec<Vec<String>>)> {
    let e = |e: backspace::Error| e.to_string();
    Ok(match kind {
        ReportKind::Revenue => (
            vec![
                "date",
                "sessions",
                "consumptions",
                "subscriptions",
                "reservation_fees",
                "discounts",
                "voids",
                "refunds",
                "write_offs",
                "net",
                "vat",
                "cash",
                "card",
                "transfer",
                "received",
                "credit_applied",
            ],
            desk.revenue(from, to)
                .map_err(e)?
                .into_iter()
                .map(|r| {
                    let refunds =
                        r.refunds_cash + r.refunds_card + r.refunds_transfer + r.refunds_to_balance;
                    vec![
                        r.date.to_string(),
                        r.sessions.to_string(),
                        r.consumptions.to_string(),
                        r.subscriptions.to_string(),
                        r.reservation_fees.to_string(),
                        r.discounts.to_string(),
                        r.voids.to_string(),
                        refunds.to_string(),
                        r.write_offs.to_string(),
                        r.net.to_string(),
                        r.vat.to_string(),
                        r.cash.to_string(),
                        r.card.to_string(),
                        r.transfer.to_string(),
                        r.received.to_string(),
                        r.credit_applied.to_string(),
                    ]
                })
                .collect(),
        ),
        ReportKind::Utilization => (
            vec![
                "resource",
                "occupied_minutes",
                "range_minutes",
                "utilization",
                "utilization_24h",
            ],
            desk.utilization(from, to)
                .map_err(e)?
                .into_iter()
                .map(|u| {
                    vec![
                        u.resource_name,
                        u.occupied_minutes.to_string(),
                        u.range_minutes.to_string(),
                        u.utilization.to_string(),
                        u.utilization_24h.to_string(),
                    ]
                })
                .collect(),
        ),
        ReportKind::Outstanding => (
            vec!["invoice", "customer", "name", "due", "due_date", "overdue"],
            desk.outstanding_invoices()
                .map_err(e)?
                .into_iter()
                .filter(|o| o.invoice.issue_date >= from && o.invoice.issue_date <= to)
                .map(|o| {
                    vec![
                        o.invoice.invoice_number,
                        o.customer_human_id,
                        o.customer_name,
                        o.due.to_string(),
                        o.invoice.due_date.to_string(),
                        o.is_overdue.to_string(),
                    ]
                })
                .collect(),
        ),
        ReportKind::Top => (
            vec!["customer", "name", "invoiced", "invoices"],
            desk.top_customers(from, to, n)
                .map_err(e)?
                .into_iter()
                .map(|t| {
                    vec![
                        t.human_id,
                        t.name,
                        t.invoiced.to_string(),
                        t.invoice_count.to_string(),
                    ]
                })
                .collect(),
        ),
    })
}

/// Prints a report in `format`.
pub fn run<S: Store>(
    desk: &Backspace<S>,
    kind: ReportKind,
    from: NaiveDate,
    to: NaiveDate,
    format: Format,
    n: usize,
) -> CliResult {
    let (header, rows) = rows(desk, kind, from, to, n)?;
    match format {
        Format::Csv => {
            let mut out = csv::Writer::from_writer(std::io::stdout());
            out.write_record(&header).map_err(|e| e.to_string())?;
            for row in &rows {
                out.write_record(row).map_err(|e| e.to_string())?;
            }
            out.flush().map_err(|e| e.to_string())
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|row| {
                    serde_json::Value::Object(
                        header
                            .iter()
                            .zip(row)
                            .map(|(h, v)| (h.to_string(), serde_json::Value::String(v.clone())))
                            .collect(),
                    )
                })
                .collect();
            say!("{}", serde_json::Value::Array(items));
            Ok(())
        }
        Format::Table => {
            let widths: Vec<usize> = (0..header.len())
                .map(|i| {
                    rows.iter()
                        .map(|r| r[i].chars().count())
                        .chain([header[i].len()])
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let line = |cells: Vec<&str>| {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c:<w$}"))
                    .collect::<Vec<_>>()
                    .join("  ")
            };
            say!("{}", line(header.clone()));
            for row in &rows {
                say!("{}", line(row.iter().map(String::as_str).collect()));
            }
            Ok(())
        }
    }
}
