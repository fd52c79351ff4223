//! `backspace day [DATE] [--html FILE]`: the end-of-day summary an owner reads.

use std::path::Path;

use backspace::{Backspace, Decimal, Store};
use chrono::NaiveDate;
use minijinja::{Environment, context};

use crate::CliResult;

const TEMPLATE: &str = include_str!("../templates/day.html");

/// One chart bar.
#[derive(serde::Serialize)]
struct Bar {
    label: String,
    value: String,
    y: u32,
    width: u32,
}

fn chart(title: &str, values: &[(&str, Decimal)]) -> minijinja::Value {
    let max = values.iter().map(|(_, v)| *v).max().unwrap_or_default();
    let bars: Vec<Bar> = values
        .iter()
        .enumerate()
        .map(|(i, (label, v))| Bar {
            label: (*label).to_string(),
            value: v.to_string(),
            y: 24 * i as u32,
            width: if max.is_zero() {
                0
            } else {
                u32::try_from((*v * Decimal::from(400) / max).round().mantissa()).unwrap_or(0)
            },
        })
        .collect();
    context! { title, height => 24 * values.len() + 4, bars }
}

/// Prints the summary of `date` (default today), and writes it as HTML when asked.
pub fn run<S: Store>(
    desk: &Backspace<S>,
    date: Option<NaiveDate>,
    html: Option<&Path>,
) -> CliResult {
    let settings = desk.settings().map_err(|e| e.to_string())?;
    let today = desk.now().with_timezone(&settings.time_zone).date_naive();
    let day = date.unwrap_or(today);
    let r = desk
        .revenue(day, day)
        .map_err(|e| e.to_string())?
        .pop()
        .ok_or("no revenue row")?;
    let cur = settings.currency.clone();
    let refunds = r.refunds_cash + r.refunds_card + r.refunds_transfer + r.refunds_to_balance;
    let rows: Vec<(String, String)> = vec![
        ("sessions".into(), r.sessions.to_string()),
        ("café".into(), r.consumptions.to_string()),
        ("subscriptions".into(), r.subscriptions.to_string()),
        ("booking fees".into(), r.reservation_fees.to_string()),
        ("discounts".into(), format!("-{}", r.discounts)),
        ("voids".into(), format!("-{}", r.voids)),
        ("refunds".into(), format!("-{refunds}")),
        ("write-offs".into(), format!("-{}", r.write_offs)),
        ("net".into(), r.net.to_string()),
        ("VAT invoiced".into(), r.vat.to_string()),
        ("cash".into(), r.cash.to_string()),
        ("card".into(), r.card.to_string()),
        ("transfer".into(), r.transfer.to_string()),
        ("total received".into(), r.received.to_string()),
        ("credit applied".into(), r.credit_applied.to_string()),
    ];
    say!(
        "Backspace — end of day {day} ({})",
        settings.time_zone.name()
    );
    for (label, value) in &rows {
        say!("  {label:<16}{value:>12} {cur}");
    }
    let outstanding = desk.outstanding_invoices().map_err(|e| e.to_string())?;
    let owed: Decimal = outstanding.iter().map(|o| o.due).sum();
    say!(
        "  {} invoices outstanding, {owed} {cur} owed",
        outstanding.len()
    );
    if let Some(path) = html {
        let mut env = Environment::new();
        env.add_template("day.html", TEMPLATE)
            .map_err(|e| e.to_string())?;
        let page = env
            .get_template("day.html")
            .and_then(|t| {
                t.render(context! {
                    title => format!("Backspace — {day}"),
                    currency => cur.clone(),
                    rows,
                    charts => vec![
                        chart("Revenue by category", &[
                            ("sessions", r.sessions),
                            ("café", r.consumptions),
                            ("subscriptions", r.subscriptions),
                            ("booking fees", r.reservation_fees),
                        ]),
                        chart("Payments by method", &[
                            ("cash", r.cash),
                            ("card", r.card),
                            ("transfer", r.transfer),
                            ("from credit", r.credit_applied),
                        ]),
                    ],
                })
            })
            .map_err(|e| e.to_string())?;
        crate::files::write_whole(path, page.as_bytes())?;
    }
    Ok(())
}
