//! Subscriptions (§7) and the customer type they give (R-CUST-7).

use chrono::{Days, NaiveDate};
use uuid::Uuid;

use super::invoices::issue_invoice;
use super::{Backspace, NewSubscription, Op, found};
use crate::clock::business_date;
use crate::error::{Error, Result};
use crate::model::*;
use crate::money::{Zero, normalize_amount};
use crate::staff::Permission;
use crate::store::{Store, StoreTx};

/// The subscription that is current on `date`: active, covering the date, latest start, then
/// latest created (R-CUST-7, R-SUB-3).
pub(crate) fn covering_subscription(
    tx: &mut dyn StoreTx,
    customer_id: Uuid,
    date: NaiveDate,
) -> Result<Option<Subscription>> {
    // Oldest first, so `max_by_key` (which keeps the last of equals) picks the latest created on ties.
    Ok(tx
        .subscriptions_of_customer(customer_id)?
        .into_iter()
        .filter(|s| s.covers(date))
        .max_by_key(|s| (s.start_date, s.created_at)))
}

/// Recomputes a customer's type as of `date` (R-CUST-7).
pub(super) fn refresh_type(
    tx: &mut dyn StoreTx,
    customer_id: Uuid,
    date: NaiveDate,
) -> Result<Customer> {
    let mut customer = found(tx.customer(customer_id)?, "customer", customer_id)?;
    let current = covering_subscription(tx, customer_id, date)?;
    let t = current.map_or(CustomerType::Visitor, |s| s.plan_type.customer_type());
    if t != customer.customer_type {
        customer.customer_type = t;
        tx.update_customer(&customer)?;
    }
    Ok(customer)
}

impl<S: Store> Backspace<S> {
    /// Subscribes a customer to a plan and invoices its price (R-SUB-1, R-SUB-2).
    /// The price is `price`, else the plan's price in settings.
    pub fn subscribe(&self, new: NewSubscription) -> Result<Subscription> {
        let NewSubscription {
            customer_id,
            plan_type: plan,
            start_date,
            price,
        } = new;
        let price = price
            .map(|p| normalize_amount("price", p, Zero::Allowed))
            .transpose()?;
        let op = Op::new("subscribe", Permission::Desk)
            .id(customer_id)
            .arg("plan_type", plan.as_str())
            .opt("start_date", start_date.map(|d| d.to_string()))
            .opt("price", price.map(|p| p.to_string()));
        self.write(op, |tx, at| {
            let settings = tx.settings()?;
            let price = price.or(settings.plan_prices.get(plan)).ok_or_else(|| {
                Error::validation(
                    "price",
                    format!(
                        "no price given and no {} plan price in settings",
                        plan.as_str()
                    ),
                )
            })?;
            let mut customer = found(tx.customer(customer_id)?, "customer", customer_id)?;
            let today = business_date(at, settings.time_zone);
            let start = start_date.unwrap_or(today);
            let end = start
                .checked_add_days(Days::new(u64::from(plan.days() - 1)))
                .ok_or_else(|| {
                    Error::validation("start_date", format!("{start} is out of range"))
                })?;
            let subscription_id = new_id();
            let line = InvoiceLine {
                kind: LineKind::Subscription,
                description: format!("{} plan {start}–{end}", plan.label()),
                quantity: 1,
                unit_price: price,
                amount: price,
                net: rust_decimal::Decimal::ZERO,
                vat: rust_decimal::Decimal::ZERO,
            };
            let invoice = issue_invoice(
                tx,
                &settings,
                &mut customer,
                vec![line],
                crate::money::PercentHundredths::ZERO,
                at,
                None,
                Some(subscription_id),
            )?;
            let subscription = Subscription {
                id: subscription_id,
                customer_id,
                plan_type: plan,
                start_date: start,
                end_date: end,
                price,
                is_active: true,
                invoice_id: invoice.id,
                created_at: at,
            };
            tx.insert_subscription(&subscription)?;
            refresh_type(tx, customer_id, today)?;
            Ok(subscription)
        })
    }

    /// A subscription by id.
    pub fn get_subscription(&self, id: Uuid) -> Result<Subscription> {
        self.read(|tx| found(tx.subscription(id)?, "subscription", id))
    }

    /// A customer's subscriptions, oldest first.
    pub fn list_subscriptions(&self, customer_id: Uuid) -> Result<Vec<Subscription>> {
        self.read(|tx| {
            found(tx.customer(customer_id)?, "customer", customer_id)?;
            tx.subscriptions_of_customer(customer_id)
        })
    }

    /// Cancels a subscription; its history and invoice stay (R-SUB-4).
    pub fn cancel_subscription(&self, id: Uuid) -> Result<Subscription> {
        let op = Op::new("cancel_subscription", Permission::Desk).id(id);
        self.write(op, |tx, at| {
            let mut s = found(tx.subscription(id)?, "subscription", id)?;
            if !s.is_active {
                return Err(Error::InvalidState(format!(
                    "subscription {id} is already inactive"
                )));
            }
            s.is_active = false;
            tx.update_subscription(&s)?;
            let tz = tx.settings()?.time_zone;
            refresh_type(tx, s.customer_id, business_date(at, tz))?;
            Ok(s)
        })
    }

    /// Deactivates subscriptions that ended before the business date of `at` and refreshes
    /// every subscriber's type as of that date (R-SUB-4, R-CUST-7). Returns the expired ones.
    pub fn expire_subscriptions(&self) -> Result<Vec<Subscription>> {
        let op = Op::new("expire_subscriptions", Permission::Desk);
        self.write(op, |tx, at| {
            let today = business_date(at, tx.settings()?.time_zone);
            let mut expired = Vec::new();
            let mut customers = Vec::new();
            for mut s in tx.active_subscriptions()? {
                if !customers.contains(&s.customer_id) {
                    customers.push(s.customer_id);
                }
                if s.end_date < today {
                    s.is_active = false;
                    tx.update_subscription(&s)?;
                    expired.push(s);
                }
            }
            for c in customers {
                refresh_type(tx, c, today)?;
            }
            Ok(expired)
        })
    }
}
