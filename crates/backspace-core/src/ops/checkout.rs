//! Checkout: end a session and pay for it in one transaction.

use uuid::Uuid;

use super::invoices::{Paying, ValidPayment, pay};
use super::sessions::{end_session, parse_discount};
use super::{Backspace, Checkout, Op};
use crate::error::{Error, Result};
use crate::model::Invoice;
use crate::staff::Permission;
use crate::store::Store;

impl<S: Store> Backspace<S> {
    /// Ends a session and records its payments (split cash and card, or the customer's
    /// balance) as one unit of work: everything lands or nothing does. The checks are those of
    /// [`Backspace::end_session`] and, for each payment in order, [`Backspace::record_payment`];
    /// the payments may total less than the invoice (the rest stays due), never more.
    ///
    /// ```
    /// # use backspace_core::*;
    /// # use chrono::Duration;
    /// let desk = Backspace::new(MemoryStore::new());
    /// let mona = desk.register_customer(NewCustomer::new("منى", "01012345678"))?;
    /// let seat = desk.add_resource("Seat 1", ResourceType::Seat, Decimal::new(3000, 2))?;
    /// let two_hours_ago = desk.now() - Duration::hours(2);
    /// let session = desk.at(two_hours_ago).start_session(mona.id, seat.id)?;
    /// let cash_and_card = Checkout::paying([
    ///     NewPayment::cash(Decimal::new(2000, 2)),
    ///     NewPayment::card(Decimal::new(4000, 2)),
    /// ]);
    /// let invoice = desk.checkout(session.id, cash_and_card)?;
    /// assert_eq!((invoice.total, invoice.status), (Decimal::new(6000, 2), InvoiceStatus::Paid));
    /// # Ok::<(), backspace_core::Error>(())
    /// ```
    pub fn checkout(&self, session_id: Uuid, checkout: Checkout) -> Result<Invoice> {
        let discount = parse_discount(checkout.discount)?;
        let payments = checkout
            .payments
            .iter()
            .enumerate()
            .map(|(i, p)| {
                ValidPayment::parse(p).map_err(|e| match e {
                    Error::Validation { field, reason } => Error::Validation {
                        field: format!("payments[{i}].{field}"),
                        reason,
                    },
                    other => other,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let paid: Vec<String> = payments
            .iter()
            .map(|p| format!("{} {}", p.method, p.amount))
            .collect();
        let op = Op::new("checkout", Permission::Desk)
            .id(session_id)
            .opt("discount", checkout.discount.map(|d| d.to_string()))
            .arg("payments", paid);
        self.write(op, |tx, at| {
            if !discount.is_zero() {
                self.allow_discount(tx, discount, "checkout")?;
            }
            let settings = tx.settings()?;
            let (mut invoice, mut customer) = end_session(tx, &settings, session_id, discount, at)?;
            let paying = Paying {
                settings: &settings,
                operator: self.operator,
                at,
            };
            for payment in &payments {
                pay(tx, &paying, &mut invoice, &mut customer, payment)?;
            }
            Ok(invoice)
        })
    }
}
