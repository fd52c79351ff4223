//! Timed sessions (§5) and their café consumptions (§8).

use backspace_core::{Checkout, EndSession};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::Backspace;
use crate::error::Result;
use crate::records::{ActiveSession, InventoryConsumption, Invoice, NewPayment, Quote, Session};

#[uniffi::export]
impl Backspace {
    /// Starts a session of a customer on a resource (R-SESS-1, R-SESS-3).
    #[uniffi::method(default(at = None))]
    pub fn start_session(
        &self,
        customer_id: Uuid,
        resource_id: Uuid,
        at: Option<DateTime<Utc>>,
    ) -> Result<Session> {
        Ok(self.inner.at(at).start_session(customer_id, resource_id)?)
    }

    /// A session by id.
    pub fn get_session(&self, id: Uuid) -> Result<Session> {
        Ok(self.inner.get_session(id)?)
    }

    /// What a running session's invoice would hold if it ended at `at`; writes nothing (R-SESS-6).
    #[uniffi::method(default(at = None))]
    pub fn quote_session(&self, session_id: Uuid, at: Option<DateTime<Utc>>) -> Result<Quote> {
        Ok(self.inner.at(at).quote_session(session_id)?)
    }

    /// Ends a session: charge, invoice, resource freed, balance updated, all at once (R-SESS-2);
    /// `discount` is a percentage.
    #[uniffi::method(default(at = None, discount = None))]
    pub fn end_session(
        &self,
        session_id: Uuid,
        at: Option<DateTime<Utc>>,
        discount: Option<Decimal>,
    ) -> Result<Invoice> {
        Ok(self
            .inner
            .at(at)
            .end_session(session_id, EndSession { discount })?)
    }

    /// Ends a session and records its payments in one transaction: all or nothing, the checks
    /// of `end_session` then of each payment; the payments may total less than the invoice.
    #[uniffi::method(default(discount = None, at = None))]
    pub fn checkout(
        &self,
        session_id: Uuid,
        payments: Vec<NewPayment>,
        discount: Option<Decimal>,
        at: Option<DateTime<Utc>>,
    ) -> Result<Invoice> {
        let payments = payments.into_iter().collect();
        Ok(self
            .inner
            .at(at)
            .checkout(session_id, Checkout { payments, discount })?)
    }

    /// Running sessions with elapsed minutes and the charge if they ended at `at` (R-REP-3).
    #[uniffi::method(default(at = None))]
    pub fn active_sessions(&self, at: Option<DateTime<Utc>>) -> Result<Vec<ActiveSession>> {
        Ok(self.inner.at(at).active_sessions()?)
    }

    /// Adds café items to a running session; stock must cover them (R-INV-2..4).
    #[uniffi::method(default(at = None))]
    pub fn add_consumption(
        &self,
        session_id: Uuid,
        item_id: Uuid,
        quantity: i64,
        at: Option<DateTime<Utc>>,
    ) -> Result<InventoryConsumption> {
        Ok(self
            .inner
            .at(at)
            .add_consumption(session_id, item_id, quantity)?)
    }

    /// Removes a consumption from a running session and puts its stock back (R-INV-5).
    #[uniffi::method(default(at = None))]
    pub fn remove_consumption(
        &self,
        consumption_id: Uuid,
        at: Option<DateTime<Utc>>,
    ) -> Result<InventoryConsumption> {
        Ok(self.inner.at(at).remove_consumption(consumption_id)?)
    }

    /// A session's consumptions.
    pub fn session_consumptions(&self, session_id: Uuid) -> Result<Vec<InventoryConsumption>> {
        Ok(self.inner.session_consumptions(session_id)?)
    }
}
