//! Report shapes (§11) and their reference computation by scanning records. The in-memory
//! store uses these; the SQLite store answers the same questions with indexed aggregates,
//! and the conformance suite holds both to the same numbers.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::clock::business_date;
use crate::error::Result;
use crate::model::{
    Invoice, InvoiceFilter, InvoiceLine, InvoiceStatus, LedgerKind, LineKind, PaymentMethod,
};
use crate::money::{Piastres, to_decimal};
use crate::store::StoreTx;

/// The amounts of `lines` summed by kind, in piastres: (sessions, consumptions, subscriptions,
/// reservation fees), as the stores keep them on each invoice for the revenue report.
pub fn kind_sums(lines: &[InvoiceLine]) -> Result<[i64; 4]> {
    lines.iter().try_fold([0; 4], |mut sums, line| {
        let slot = match line.kind {
            LineKind::Session => 0,
            LineKind::Consumption => 1,
            LineKind::Subscription => 2,
            LineKind::ReservationFee => 3,
        };
        sums[slot] = Piastres::new(sums[slot])
            .checked_add(Piastres::from_decimal("amount", line.amount)?)?
            .get();
        Ok(sums)
    })
}

/// Money of one business day (R-REP-1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RevenueDay {
    /// The business date.
    pub date: NaiveDate,
    /// Session lines invoiced that day.
    pub sessions: Decimal,
    /// Consumption lines invoiced that day.
    pub consumptions: Decimal,
    /// Subscription lines invoiced that day.
    pub subscriptions: Decimal,
    /// Reservation fees (late cancellations, no-shows) invoiced that day (R-BOOK-3).
    pub reservation_fees: Decimal,
    /// Discounts of the invoices issued that day.
    pub discounts: Decimal,
    /// VAT of the invoices issued that day (R-TAX-1): inside the categories when prices include
    /// it, on top of them when they do not.
    pub vat: Decimal,
    /// The part of `vat` added on top of net prices (counted in `net`).
    pub vat_on_top: Decimal,
    /// Totals of the invoices voided that day (R-CORR-1).
    pub voids: Decimal,
    /// Refunded in cash that day (R-CORR-2).
    pub refunds_cash: Decimal,
    /// Refunded by card that day.
    pub refunds_card: Decimal,
    /// Refunded by transfer that day.
    pub refunds_transfer: Decimal,
    /// Refunded as credit on customers' balances that day.
    pub refunds_to_balance: Decimal,
    /// Written off that day (R-CORR-3).
    pub write_offs: Decimal,
    /// sessions + consumptions + subscriptions + reservation fees − discounts − voids − refunds
    /// − write-offs (R-CORR-6).
    pub net: Decimal,
    /// Cash received (payments and deposits).
    pub cash: Decimal,
    /// Card received (payments and deposits).
    pub card: Decimal,
    /// Transfers received (payments and deposits).
    pub transfer: Decimal,
    /// cash + card + transfer.
    pub received: Decimal,
    /// Credit spent through `balance` payments (not new money).
    pub credit_applied: Decimal,
}

/// A closed day's revenue row, as it stood when the day was closed (R-CORR-4).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ZReport {
    /// The business date closed.
    pub date: NaiveDate,
    /// When it was closed.
    pub closed_at: DateTime<Utc>,
    /// Its revenue row at that moment; it never changes.
    pub revenue: RevenueDay,
}

/// Occupancy of one resource over a date range (R-REP-2).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ResourceUtilization {
    /// The resource.
    pub resource_id: Uuid,
    /// Its name.
    pub resource_name: String,
    /// Whole minutes occupied by sessions, clipped to the range.
    pub occupied_minutes: i64,
    /// Whole minutes in the range (23 or 25 hours on DST days).
    pub range_minutes: i64,
    /// occupied ÷ range, 0–1, to 4 decimals.
    pub utilization: Decimal,
    /// With opening hours set (R-OPEN-1): the plain 24-hour occupied minutes; else the same
    /// as `occupied_minutes`.
    pub occupied_minutes_24h: i64,
    /// The range's minutes around the clock.
    pub range_minutes_24h: i64,
    /// occupied ÷ range around the clock.
    pub utilization_24h: Decimal,
}

/// A customer ranked by invoiced total (R-REP-3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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

/// An invoice not fully paid, as the outstanding report shows it (R-REP-3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutstandingInvoice {
    /// The invoice.
    pub invoice: Invoice,
    /// Billed customer's `C-…`.
    pub customer_human_id: String,
    /// Billed customer's name.
    pub customer_name: String,
    /// What is still due (total − paid − written off).
    pub due: Decimal,
    /// Due date before today.
    pub is_overdue: bool,
}

/// The first instant of a business date (a day that starts inside a DST gap starts after it).
pub fn day_start(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let mut local = date.and_time(chrono::NaiveTime::MIN);
    for _ in 0..48 {
        if let Some(t) = tz.from_local_datetime(&local).earliest() {
            return t.with_timezone(&Utc);
        }
        local += Duration::minutes(30);
    }
    Utc.from_utc_datetime(&date.and_time(chrono::NaiveTime::MIN))
}

/// The instants of the business dates `from..=to`: [start of `from`, start of the day after `to`).
pub fn range_instants(from: NaiveDate, to: NaiveDate, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let after = to.succ_opt().unwrap_or(to);
    (day_start(from, tz), day_start(after, tz))
}

/// Every date of `from..=to`.
pub fn dates(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// One business day's sums in piastres, from which a [`RevenueDay`] is built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DaySums {
    /// Session lines invoiced.
    pub sessions: i64,
    /// Consumption lines invoiced.
    pub consumptions: i64,
    /// Subscription lines invoiced.
    pub subscriptions: i64,
    /// Reservation fee lines invoiced.
    pub reservation_fees: i64,
    /// Discounts of invoices issued.
    pub discounts: i64,
    /// VAT of invoices issued.
    pub vat: i64,
    /// VAT added on top of net prices (prices without VAT): part of what was invoiced.
    pub vat_on_top: i64,
    /// Totals voided.
    pub voids: i64,
    /// Refunded in cash.
    pub refunds_cash: i64,
    /// Refunded by card.
    pub refunds_card: i64,
    /// Refunded by transfer.
    pub refunds_transfer: i64,
    /// Refunded to balances.
    pub refunds_to_balance: i64,
    /// Written off.
    pub write_offs: i64,
    /// Cash received.
    pub cash: i64,
    /// Card received.
    pub card: i64,
    /// Transfers received.
    pub transfer: i64,
    /// Credit applied through `balance` payments.
    pub credit: i64,
}

/// Adds `amount` piastres to the piastres of `sum`; a sum beyond 64-bit piastres is an error.
fn add(sum: &mut i64, amount: i64) -> Result<()> {
    *sum = Piastres::new(*sum)
        .checked_add(Piastres::new(amount))?
        .get();
    Ok(())
}

impl DaySums {
    /// Adds a refund of `amount` piastres by `method`.
    pub fn refunded(&mut self, method: PaymentMethod, amount: i64) -> Result<()> {
        let sum = match method {
            PaymentMethod::Cash => &mut self.refunds_cash,
            PaymentMethod::Card => &mut self.refunds_card,
            PaymentMethod::Transfer => &mut self.refunds_transfer,
            PaymentMethod::Balance => &mut self.refunds_to_balance,
        };
        add(sum, amount)
    }

    /// Adds `amount` piastres received by `method` (credit applied for `balance`).
    pub fn received(&mut self, method: PaymentMethod, amount: i64) -> Result<()> {
        let sum = match method {
            PaymentMethod::Cash => &mut self.cash,
            PaymentMethod::Card => &mut self.card,
            PaymentMethod::Transfer => &mut self.transfer,
            PaymentMethod::Balance => &mut self.credit,
        };
        add(sum, amount)
    }
}

/// `Σ plus − Σ minus` of 64-bit piastres, exactly, as a `Decimal` of scale 2. At most 16 terms
/// need at most 68 bits and a `Decimal` holds 96, so a row's totals are always exact.
fn exact<const P: usize, const M: usize>(plus: [i64; P], minus: [i64; M]) -> Decimal {
    const { assert!(P + M <= 16) };
    let total = plus.into_iter().map(i128::from).sum::<i128>()
        - minus.into_iter().map(i128::from).sum::<i128>();
    Decimal::from_i128_with_scale(total, 2)
}

/// Builds revenue rows from per-day piastre sums; shared by every store. The rows' totals
/// (`net`, `received`) are exact sums of the day's sums.
pub fn revenue_rows(
    from: NaiveDate,
    to: NaiveDate,
    mut sums: impl FnMut(NaiveDate) -> DaySums,
) -> Vec<RevenueDay> {
    dates(from, to)
        .map(|date| {
            let d = sums(date);
            RevenueDay {
                date,
                sessions: to_decimal(d.sessions),
                consumptions: to_decimal(d.consumptions),
                subscriptions: to_decimal(d.subscriptions),
                reservation_fees: to_decimal(d.reservation_fees),
                discounts: to_decimal(d.discounts),
                vat: to_decimal(d.vat),
                vat_on_top: to_decimal(d.vat_on_top),
                voids: to_decimal(d.voids),
                refunds_cash: to_decimal(d.refunds_cash),
                refunds_card: to_decimal(d.refunds_card),
                refunds_transfer: to_decimal(d.refunds_transfer),
                refunds_to_balance: to_decimal(d.refunds_to_balance),
                write_offs: to_decimal(d.write_offs),
                net: exact(
                    [
                        d.sessions,
                        d.consumptions,
                        d.subscriptions,
                        d.reservation_fees,
                        d.vat_on_top,
                    ],
                    [
                        d.discounts,
                        d.voids,
                        d.refunds_cash,
                        d.refunds_card,
                        d.refunds_transfer,
                        d.refunds_to_balance,
                        d.write_offs,
                    ],
                ),
                cash: to_decimal(d.cash),
                card: to_decimal(d.card),
                transfer: to_decimal(d.transfer),
                received: exact([d.cash, d.card, d.transfer], []),
                credit_applied: to_decimal(d.credit),
            }
        })
        .collect()
}

/// Revenue per business day by scanning invoices, payments and deposits.
pub fn revenue_by_scan<T: StoreTx + ?Sized>(
    tx: &mut T,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
) -> Result<Vec<RevenueDay>> {
    let mut days: BTreeMap<NaiveDate, DaySums> = BTreeMap::new();
    for inv in tx.invoices(&InvoiceFilter::default())? {
        let issued = days.entry(inv.issue_date).or_default();
        for line in &inv.line_items {
            let amount = Piastres::from_decimal("amount", line.amount)?.get();
            let sum = match line.kind {
                LineKind::Session => &mut issued.sessions,
                LineKind::Consumption => &mut issued.consumptions,
                LineKind::Subscription => &mut issued.subscriptions,
                LineKind::ReservationFee => &mut issued.reservation_fees,
            };
            add(sum, amount)?;
        }
        let vat = Piastres::from_decimal("vat_amount", inv.vat_amount)?.get();
        let discount = Piastres::from_decimal("discount_amount", inv.discount_amount)?.get();
        add(&mut issued.discounts, discount)?;
        add(&mut issued.vat, vat)?;
        if !inv.prices_include_vat {
            add(&mut issued.vat_on_top, vat)?;
        }
        if let Some(c) = &inv.correction {
            let day = days.entry(c.date).or_default();
            match inv.status {
                InvoiceStatus::Void => add(
                    &mut day.voids,
                    Piastres::from_decimal("total", inv.total)?.get(),
                )?,
                _ => add(
                    &mut day.write_offs,
                    Piastres::from_decimal("written_off_amount", inv.written_off_amount)?.get(),
                )?,
            }
        }
        for note in &inv.credit_notes {
            days.entry(note.issue_date).or_default().refunded(
                note.method,
                Piastres::from_decimal("amount", note.amount)?.get(),
            )?;
        }
        for p in &inv.payments {
            days.entry(business_date(p.paid_at, tz))
                .or_default()
                .received(p.method, Piastres::from_decimal("amount", p.amount)?.get())?;
        }
    }
    let (start, end) = range_instants(from, to, tz);
    for e in tx.ledger_between(start, end)? {
        if e.kind == LedgerKind::Deposit {
            let method = e
                .reference
                .parse::<PaymentMethod>()
                .unwrap_or(PaymentMethod::Cash);
            days.entry(business_date(e.at, tz))
                .or_default()
                .received(method, Piastres::from_decimal("amount", e.amount)?.get())?;
        }
    }
    Ok(revenue_rows(from, to, |date| {
        days.remove(&date).unwrap_or_default()
    }))
}

/// occupied ÷ range as a 4-decimal fraction.
pub fn fraction(occupied_seconds: i64, range_seconds: i64) -> Decimal {
    if range_seconds <= 0 {
        return Decimal::ZERO;
    }
    (Decimal::from(occupied_seconds) / Decimal::from(range_seconds))
        .round_dp(4)
        .min(Decimal::ONE)
}

/// Utilization per resource by scanning sessions.
pub fn utilization_by_scan<T: StoreTx + ?Sized>(
    tx: &mut T,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<Vec<ResourceUtilization>> {
    let (start, end) = range_instants(from, to, tz);
    let range_seconds = (end - start).num_seconds();
    let sessions = tx.sessions_between(start, end)?;
    let mut out = Vec::new();
    for r in tx.resources()? {
        let mut occupied = 0;
        for s in sessions.iter().filter(|s| s.resource_id == r.id) {
            let s_end = s.ended_at.unwrap_or(now);
            let (a, b) = (s.started_at.max(start), s_end.min(end));
            if b > a {
                occupied += (b - a).num_seconds();
            }
        }
        out.push(ResourceUtilization {
            resource_id: r.id,
            resource_name: r.name,
            occupied_minutes: occupied / 60,
            range_minutes: range_seconds / 60,
            utilization: fraction(occupied, range_seconds),
            occupied_minutes_24h: occupied / 60,
            range_minutes_24h: range_seconds / 60,
            utilization_24h: fraction(occupied, range_seconds),
        });
    }
    Ok(out)
}

/// Invoices not fully paid, by due date then number.
pub fn outstanding_by_scan<T: StoreTx + ?Sized>(tx: &mut T) -> Result<Vec<Invoice>> {
    let mut out: Vec<Invoice> = tx
        .invoices(&InvoiceFilter::default())?
        .into_iter()
        .filter(Invoice::is_open)
        .collect();
    out.sort_by(|a, b| {
        (a.due_date, a.invoice_number.len(), &a.invoice_number).cmp(&(
            b.due_date,
            b.invoice_number.len(),
            &b.invoice_number,
        ))
    });
    Ok(out)
}

/// Customers by invoiced total by scanning invoices.
pub fn top_customers_by_scan<T: StoreTx + ?Sized>(
    tx: &mut T,
    from: NaiveDate,
    to: NaiveDate,
    n: usize,
) -> Result<Vec<TopCustomer>> {
    let filter = InvoiceFilter {
        from: Some(from),
        to: Some(to),
        ..InvoiceFilter::default()
    };
    let mut sums: BTreeMap<Uuid, (Piastres, i64)> = BTreeMap::new();
    for inv in tx.invoices(&filter)? {
        if inv.status == InvoiceStatus::Void {
            continue;
        }
        let e = sums.entry(inv.customer_id).or_default();
        e.0 =
            e.0.checked_add(Piastres::from_decimal("total", inv.total)?)?;
        e.1 += 1;
    }
    let mut out = Vec::new();
    for (id, (total, count)) in sums {
        if let Some(c) = tx.customer(id)? {
            out.push(TopCustomer {
                customer_id: id,
                human_id: c.human_id,
                name: c.name,
                invoiced: total.to_decimal(),
                invoice_count: count,
            });
        }
    }
    sort_top(&mut out);
    out.truncate(n);
    Ok(out)
}

/// Largest invoiced total first; ties by human id (shorter ids are older customers).
pub fn sort_top(rows: &mut [TopCustomer]) {
    rows.sort_by(|a, b| {
        b.invoiced
            .cmp(&a.invoiced)
            .then(a.human_id.len().cmp(&b.human_id.len()))
            .then(a.human_id.cmp(&b.human_id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn r_money_2_day_sums_beyond_64_bits_are_an_error_not_a_wrap() {
        let mut d = DaySums::default();
        d.received(PaymentMethod::Cash, i64::MAX).expect("fits");
        let err = d.received(PaymentMethod::Cash, 1).expect_err("beyond i64");
        assert_eq!(err.kind(), crate::ErrorKind::Validation);
        assert_eq!(d.cash, i64::MAX, "a failed addition changes nothing");
        d.refunded(PaymentMethod::Card, i64::MAX).expect("fits");
        assert!(d.refunded(PaymentMethod::Card, i64::MAX).is_err());
    }

    #[test]
    fn r_corr_6_revenue_row_totals_are_exact_beyond_64_bits() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date");
        let sums = DaySums {
            sessions: i64::MAX,
            consumptions: i64::MAX,
            cash: i64::MAX,
            card: i64::MAX,
            transfer: 1,
            ..DaySums::default()
        };
        let row = revenue_rows(date, date, |_| sums).pop().expect("a row");
        let twice = Decimal::from_str("184467440737095516.14").expect("a decimal");
        assert_eq!(row.net, twice);
        assert_eq!(row.received, twice + Decimal::new(1, 2));
    }
}
