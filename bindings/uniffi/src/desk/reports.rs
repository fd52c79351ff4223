//! Reports in business dates (§11).

use chrono::{DateTime, NaiveDate, Utc};

use super::Backspace;
use crate::error::{Result, non_negative};
use crate::records::InventoryItem;
use crate::reports::{OutstandingInvoice, ResourceUtilization, RevenueDay, TopCustomer};

#[uniffi::export]
impl Backspace {
    /// Revenue per business day of `from..=to`, zeros included (R-REP-1).
    pub fn revenue(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<RevenueDay>> {
        Ok(self.inner.revenue(from, to)?)
    }

    /// Occupied share of each resource over `from..=to` (R-REP-2).
    pub fn utilization(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ResourceUtilization>> {
        Ok(self.inner.utilization(from, to)?)
    }

    /// Invoices not fully paid, oldest due first, with what is due and whether overdue as of `at` (R-REP-3).
    #[uniffi::method(default(at = None))]
    pub fn outstanding_invoices(
        &self,
        at: Option<DateTime<Utc>>,
    ) -> Result<Vec<OutstandingInvoice>> {
        Ok(self.inner.at(at).outstanding_invoices()?)
    }

    /// The `n` customers with the largest invoiced total over issue dates `from..=to` (R-REP-3).
    pub fn top_customers(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        n: i32,
    ) -> Result<Vec<TopCustomer>> {
        let n = non_negative("n", n)?;
        Ok(self.inner.top_customers(from, to, n as usize)?)
    }

    /// Low-stock items, for the report screen (R-INV-7).
    pub fn low_stock_report(&self) -> Result<Vec<InventoryItem>> {
        Ok(self.inner.low_stock_report()?)
    }
}
