//! Mirrors of the report rows (§11).

use backspace_core as bs;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::records::Invoice;

/// One business day of revenue (R-REP-1).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RevenueDay {
    /// The business date.
    pub date: NaiveDate,
    /// Invoiced session lines (issue date).
    pub sessions: Decimal,
    /// Invoiced consumption lines.
    pub consumptions: Decimal,
    /// Invoiced subscription lines.
    pub subscriptions: Decimal,
    /// Reservation fees invoiced that day (R-BOOK-3).
    pub reservation_fees: Decimal,
    /// VAT of the invoices issued that day (R-TAX-1).
    pub vat: Decimal,
    /// The part of it added on top of net prices.
    pub vat_on_top: Decimal,
    /// Discounts given on invoices issued that day.
    pub discounts: Decimal,
    /// Totals of invoices voided that day.
    pub voids: Decimal,
    /// Refunded in cash that day.
    pub refunds_cash: Decimal,
    /// Refunded by card that day.
    pub refunds_card: Decimal,
    /// Refunded by transfer that day.
    pub refunds_transfer: Decimal,
    /// Refunded as credit on balances that day.
    pub refunds_to_balance: Decimal,
    /// Written off that day.
    pub write_offs: Decimal,
    /// Invoiced − discounts − voids − refunds − write-offs (R-CORR-6).
    pub net: Decimal,
    /// Cash received (payments and deposits).
    pub cash: Decimal,
    /// Card received.
    pub card: Decimal,
    /// Transfers received.
    pub transfer: Decimal,
    /// cash + card + transfer.
    pub received: Decimal,
    /// Paid from customers' credit (`balance` payments), apart from money received.
    pub credit_applied: Decimal,
}

impl From<bs::RevenueDay> for RevenueDay {
    fn from(d: bs::RevenueDay) -> Self {
        let bs::RevenueDay {
            date,
            sessions,
            consumptions,
            subscriptions,
            reservation_fees,
            vat,
            vat_on_top,
            discounts,
            voids,
            refunds_cash,
            refunds_card,
            refunds_transfer,
            refunds_to_balance,
            write_offs,
            net,
            cash,
            card,
            transfer,
            received,
            credit_applied,
        } = d;
        RevenueDay {
            date,
            sessions,
            consumptions,
            subscriptions,
            reservation_fees,
            vat,
            vat_on_top,
            discounts,
            voids,
            refunds_cash,
            refunds_card,
            refunds_transfer,
            refunds_to_balance,
            write_offs,
            net,
            cash,
            card,
            transfer,
            received,
            credit_applied,
        }
    }
}

/// Occupancy of one resource over a date range (R-REP-2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ResourceUtilization {
    /// The resource.
    pub resource_id: Uuid,
    /// Its name.
    pub resource_name: String,
    /// Minutes occupied by sessions, clipped to the range.
    pub occupied_minutes: i64,
    /// Minutes in the range.
    pub range_minutes: i64,
    /// occupied ÷ range, 0–1.
    pub utilization: Decimal,
    /// Occupied minutes around the clock (differs when opening hours are set).
    pub occupied_minutes_24h: i64,
    /// The range's minutes around the clock.
    pub range_minutes_24h: i64,
    /// occupied ÷ range around the clock.
    pub utilization_24h: Decimal,
}

impl From<bs::ResourceUtilization> for ResourceUtilization {
    fn from(u: bs::ResourceUtilization) -> Self {
        let bs::ResourceUtilization {
            resource_id,
            resource_name,
            occupied_minutes,
            range_minutes,
            utilization,
            occupied_minutes_24h,
            range_minutes_24h,
            utilization_24h,
        } = u;
        ResourceUtilization {
            resource_id,
            resource_name,
            occupied_minutes,
            range_minutes,
            utilization,
            occupied_minutes_24h,
            range_minutes_24h,
            utilization_24h,
        }
    }
}

/// A customer ranked by invoiced total (R-REP-3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TopCustomer {
    /// The customer.
    pub customer_id: Uuid,
    /// `C-…`.
    pub human_id: String,
    /// Name.
    pub name: String,
    /// Sum of invoice totals issued in the range.
    pub invoiced: Decimal,
    /// Number of those invoices.
    pub invoice_count: i64,
}

impl From<bs::TopCustomer> for TopCustomer {
    fn from(t: bs::TopCustomer) -> Self {
        let bs::TopCustomer {
            customer_id,
            human_id,
            name,
            invoiced,
            invoice_count,
        } = t;
        TopCustomer {
            customer_id,
            human_id,
            name,
            invoiced,
            invoice_count,
        }
    }
}

/// An invoice not fully paid (R-REP-3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OutstandingInvoice {
    /// The invoice.
    pub invoice: Invoice,
    /// Its customer's `C-…`.
    pub customer_human_id: String,
    /// Its customer's name.
    pub customer_name: String,
    /// total − paid.
    pub due: Decimal,
    /// Not paid and due before today (R-INVC-6).
    pub is_overdue: bool,
}

impl From<bs::OutstandingInvoice> for OutstandingInvoice {
    fn from(o: bs::OutstandingInvoice) -> Self {
        let bs::OutstandingInvoice {
            invoice,
            customer_human_id,
            customer_name,
            due,
            is_overdue,
        } = o;
        OutstandingInvoice {
            invoice: invoice.into(),
            customer_human_id,
            customer_name,
            due,
            is_overdue,
        }
    }
}
