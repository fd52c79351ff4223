//! Subscriptions (§7).

use backspace_core::NewSubscription;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::Backspace;
use crate::enums::Plan;
use crate::error::Result;
use crate::records::Subscription;

#[uniffi::export]
impl Backspace {
    /// Subscribes a customer to a plan and invoices its price (`price`, else the plan's price in
    /// settings); the subscription's `invoice_id` names that invoice (R-SUB-1, R-SUB-2).
    #[uniffi::method(default(start_date = None, price = None, at = None))]
    pub fn subscribe(
        &self,
        customer_id: Uuid,
        plan_type: Plan,
        start_date: Option<NaiveDate>,
        price: Option<Decimal>,
        at: Option<DateTime<Utc>>,
    ) -> Result<Subscription> {
        Ok(self.inner.at(at).subscribe(NewSubscription {
            customer_id,
            plan_type,
            start_date,
            price,
        })?)
    }

    /// A subscription by id.
    pub fn get_subscription(&self, id: Uuid) -> Result<Subscription> {
        Ok(self.inner.get_subscription(id)?)
    }

    /// A customer's subscriptions, oldest first.
    pub fn list_subscriptions(&self, customer_id: Uuid) -> Result<Vec<Subscription>> {
        Ok(self.inner.list_subscriptions(customer_id)?)
    }

    /// Cancels a subscription (history kept) and recomputes the customer's type (R-SUB-4, R-CUST-7).
    #[uniffi::method(default(at = None))]
    pub fn cancel_subscription(&self, id: Uuid, at: Option<DateTime<Utc>>) -> Result<Subscription> {
        Ok(self.inner.at(at).cancel_subscription(id)?)
    }

    /// Deactivates subscriptions that ended before the business date of `at`; returns them (R-SUB-4).
    #[uniffi::method(default(at = None))]
    pub fn expire_subscriptions(&self, at: Option<DateTime<Utc>>) -> Result<Vec<Subscription>> {
        Ok(self.inner.at(at).expire_subscriptions()?)
    }
}
