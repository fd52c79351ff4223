//! Reports in business dates (§11).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::Backspace;
use crate::clock::business_date;
use crate::error::{Error, Result};
use crate::model::InventoryItem;
use crate::reports::{OutstandingInvoice, ResourceUtilization, RevenueDay, TopCustomer, fraction};
use crate::staff::Permission;
use crate::store::Store;

/// The longest report range, in days.
pub const MAX_REPORT_DAYS: i64 = 3_660;

fn range(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if to < from {
        return Err(Error::validation("to", format!("{to} is before {from}")));
    }
    if (to - from).num_days() >= MAX_REPORT_DAYS {
        return Err(Error::validation(
            "to",
            format!("a report covers at most {MAX_REPORT_DAYS} days"),
        ));
    }
    Ok(())
}

/// Replaces each row's main figures by those inside opening hours (R-REP-2): the opening
/// intervals of the range's dates (a late closing belongs to the day it opened) are the range,
/// and only the sessions' minutes inside them count. The 24-hour figures stay beside them.
fn within_opening_hours(
    tx: &mut dyn crate::store::StoreTx,
    rows: &mut [ResourceUtilization],
    open: &[(DateTime<Utc>, DateTime<Utc>)],
    now: DateTime<Utc>,
) -> Result<()> {
    let open_seconds: i64 = open.iter().map(|(a, b)| (*b - *a).num_seconds()).sum();
    let (Some(first), Some(last)) = (open.first(), open.last()) else {
        for row in rows.iter_mut() {
            row.occupied_minutes = 0;
            row.range_minutes = 0;
            row.utilization = fraction(0, 0);
        }
        return Ok(());
    };
    let sessions = tx.sessions_between(first.0, last.1)?;
    for row in rows.iter_mut() {
        let mut occupied = 0;
        for s in sessions.iter().filter(|s| s.resource_id == row.resource_id) {
            let end = s.ended_at.unwrap_or(now);
            for (a, b) in open {
                let (from, to) = (s.started_at.max(*a), end.min(*b));
                if to > from {
                    occupied += (to - from).num_seconds();
                }
            }
        }
        row.occupied_minutes = occupied / 60;
        row.range_minutes = open_seconds / 60;
        row.utilization = fraction(occupied, open_seconds);
    }
    Ok(())
}

impl<S: Store> Backspace<S> {
    /// Revenue per business day of `from..=to`, zeros included (R-REP-1).
    pub fn revenue(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<RevenueDay>> {
        range(from, to)?;
        self.read_as(Permission::Reports, "revenue", |tx, _| {
            let tz = tx.settings()?.time_zone;
            tx.revenue(from, to, tz)
        })
    }

    /// Occupied share of each resource over `from..=to`; running sessions count up to now (R-REP-2).
    pub fn utilization(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ResourceUtilization>> {
        range(from, to)?;
        self.read_at_as(Permission::Reports, "utilization", |tx, now| {
            let settings = tx.settings()?;
            let mut rows = tx.utilization(from, to, settings.time_zone, now)?;
            if let Some(hours) = &settings.opening_hours {
                within_opening_hours(
                    tx,
                    &mut rows,
                    &hours.intervals(from, to, settings.time_zone),
                    now,
                )?;
            }
            Ok(rows)
        })
    }

    /// Invoices not fully paid, oldest due first, with what is due and whether it is overdue as of `at` (R-REP-3).
    pub fn outstanding_invoices(&self) -> Result<Vec<OutstandingInvoice>> {
        self.read_at_as(Permission::Reports, "outstanding_invoices", |tx, at| {
            let today = business_date(at, tx.settings()?.time_zone);
            let invoices = tx.outstanding_invoices()?;
            // Every billed customer in one request, not one per invoice.
            let mut ids: Vec<Uuid> = invoices.iter().map(|i| i.customer_id).collect();
            ids.sort_unstable();
            ids.dedup();
            let names: HashMap<Uuid, (String, String)> = tx
                .customers_by_ids(&ids)?
                .into_iter()
                .map(|c| (c.id, (c.human_id, c.name)))
                .collect();
            invoices
                .into_iter()
                .map(|invoice| {
                    let (customer_human_id, customer_name) =
                        names.get(&invoice.customer_id).cloned().unwrap_or_default();
                    Ok(OutstandingInvoice {
                        due: super::invoices::due(&invoice)?.to_decimal(),
                        is_overdue: invoice.is_overdue(today),
                        invoice,
                        customer_human_id,
                        customer_name,
                    })
                })
                .collect()
        })
    }

    /// The `n` customers with the largest invoiced total over issue dates `from..=to` (R-REP-3).
    pub fn top_customers(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        n: usize,
    ) -> Result<Vec<TopCustomer>> {
        range(from, to)?;
        self.read_as(Permission::Reports, "top_customers", |tx, _| {
            tx.top_customers(from, to, n.min(10_000))
        })
    }

    /// Low-stock items, for the report screen (R-INV-7).
    pub fn low_stock_report(&self) -> Result<Vec<InventoryItem>> {
        self.low_stock()
    }
}
