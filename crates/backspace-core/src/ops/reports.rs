//! Reports in business dates (§11).

use chrono::{DateTime, NaiveDate, Utc};

use super::Backspace;
use crate::clock::business_date;
use crate::error::{Error, Result};
use crate::model::InventoryItem;
use crate::reports::{OutstandingInvoice, ResourceUtilization, RevenueDay, TopCustomer};
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

impl<S: Store> Backspace<S> {
    /// Revenue per business day of `from..=to`, zeros included (R-REP-1).
    pub fn revenue(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<RevenueDay>> {
        range(from, to)?;
        self.read(|tx| {
            let tz = tx.settings()?.time_zone;
            tx.revenue(from, to, tz)
        })
    }

    /// Occupied share of each resource over `from..=to`; running sessions count up to now (R-REP-2).
    pub fn utilization(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ResourceUtilization>> {
        range(from, to)?;
        self.read_at(None, |tx, now| {
            let tz = tx.settings()?.time_zone;
            tx.utilization(from, to, tz, now)
        })
    }

    /// Invoices not fully paid, oldest due first, with what is due and whether it is overdue as of `at` (R-REP-3).
    pub fn outstanding_invoices(
        &self,
        at: Option<DateTime<Utc>>,
    ) -> Result<Vec<OutstandingInvoice>> {
        self.read_at(at, |tx, at| {
            let today = business_date(at, tx.settings()?.time_zone);
            let mut out = Vec::new();
            for invoice in tx.outstanding_invoices()? {
                let customer = tx.customer(invoice.customer_id)?;
                let (customer_human_id, customer_name) =
                    customer.map(|c| (c.human_id, c.name)).unwrap_or_default();
                out.push(OutstandingInvoice {
                    due: invoice.due(),
                    is_overdue: invoice.is_overdue(today),
                    invoice,
                    customer_human_id,
                    customer_name,
                });
            }
            Ok(out)
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
        self.read(|tx| tx.top_customers(from, to, n.min(10_000)))
    }

    /// Low-stock items, for the report screen (R-INV-7).
    pub fn low_stock_report(&self) -> Result<Vec<InventoryItem>> {
        self.low_stock()
    }
}
