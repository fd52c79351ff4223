//! Timed sessions (§5): start, quote, consumptions, end.

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::invoices::issue_invoice;
use super::reservations::reserved_by_another;
use super::subscriptions::covering_subscription;
use super::{Backspace, EndSession, Op, found, quantity};
use crate::clock::business_date;
use crate::error::{Error, Result};
use crate::model::*;
use crate::money::{PercentHundredths, Piastres, parse_percent};
use crate::pricing::session_charge;
use crate::settings::Settings;
use crate::staff::Permission;
use crate::store::{SessionSpan, Store, StoreTx};

/// What ending `session` at `at` would bill: the charge, the covering subscription and the lines.
struct Billing {
    charge: crate::pricing::SessionCharge,
    subscription_id: Option<Uuid>,
    lines: Vec<InvoiceLine>,
    /// The session's resource, as read to bill it.
    resource: Resource,
}

fn bill(
    tx: &mut dyn StoreTx,
    settings: &Settings,
    session: &Session,
    at: DateTime<Utc>,
) -> Result<Billing> {
    if at < session.started_at {
        return Err(Error::validation(
            "at",
            format!(
                "{} is before the session started ({})",
                at.to_rfc3339(),
                session.started_at.to_rfc3339()
            ),
        ));
    }
    let resource = found(
        tx.resource(session.resource_id)?,
        "resource",
        session.resource_id,
    )?;
    let rate = Piastres::from_decimal("rate_per_hour", session.rate_per_hour)?;
    // A checked-in reservation is billed at least its reserved minutes (R-BOOK-2).
    let mut pricing = settings.pricing.clone();
    if let Some(id) = session.reservation_id
        && let Some(r) = tx.reservation(id)?
    {
        let reserved = u32::try_from(r.minutes()).unwrap_or(u32::MAX);
        pricing.grace_minutes = 0;
        pricing.minimum_minutes = pricing.minimum_minutes.max(reserved);
    }
    let mut charge = session_charge(&pricing, rate, session.started_at, at, settings.time_zone)?;
    let start_date = business_date(session.started_at, settings.time_zone);
    let subscription_id = covering_subscription(tx, session.customer_id, start_date)?.map(|s| s.id);
    if subscription_id.is_some() {
        charge.charge = Piastres::ZERO;
    }
    let mut lines = vec![InvoiceLine {
        kind: LineKind::Session,
        description: resource.name.clone(),
        quantity: charge.billed_minutes,
        unit_price: session.rate_per_hour,
        amount: charge.charge.to_decimal(),
        net: Decimal::ZERO,
        vat: Decimal::ZERO,
    }];
    for c in tx.consumptions_of_session(session.id)? {
        let price = Piastres::from_decimal("price_at_consumption", c.price_at_consumption)?;
        lines.push(InvoiceLine {
            kind: LineKind::Consumption,
            description: c.item_name.clone(),
            quantity: c.quantity,
            unit_price: c.price_at_consumption,
            amount: price.checked_mul(c.quantity)?.to_decimal(),
            net: Decimal::ZERO,
            vat: Decimal::ZERO,
        });
    }
    Ok(Billing {
        charge,
        subscription_id,
        lines,
        resource,
    })
}

fn active(session: Session) -> Result<Session> {
    if !session.is_active {
        return Err(Error::InvalidState(format!(
            "session {} is not active (it has ended)",
            session.id
        )));
    }
    Ok(session)
}

/// Ends an active session at `at`: charge, invoice, resource freed, balance updated (R-SESS-2).
/// Returns the invoice and the customer as the invoice left them (for a checkout's payments).
pub(super) fn end_session(
    tx: &mut dyn StoreTx,
    settings: &Settings,
    session_id: Uuid,
    discount: PercentHundredths,
    at: DateTime<Utc>,
) -> Result<(Invoice, Customer)> {
    let mut session = active(found(tx.session(session_id)?, "session", session_id)?)?;
    // No overlap check (R-SESS-7) is needed here: the session was free from its start on when
    // it started, and while it runs no other session of its resource or customer can be
    // recorded (R-SESS-1), so an end only shortens a span known to be free.
    let b = bill(tx, settings, &session, at)?;
    let mut customer = found(
        tx.customer(session.customer_id)?,
        "customer",
        session.customer_id,
    )?;
    let invoice = issue_invoice(
        tx,
        settings,
        &mut customer,
        b.lines,
        discount,
        at,
        Some(session.id),
        None,
    )?;
    let mut resource = b.resource;
    session.ended_at = Some(at);
    session.is_active = false;
    session.duration_minutes = Some(b.charge.duration_minutes);
    session.billed_minutes = Some(b.charge.billed_minutes);
    session.amount = Some(b.charge.charge.to_decimal());
    session.subscription_id = b.subscription_id;
    session.invoice_id = Some(invoice.id);
    tx.update_session(&session)?;
    resource.is_available = !resource.out_of_service;
    tx.update_resource(&resource)?;
    Ok((invoice, customer))
}

/// Refuses a session over `span` when it would overlap another session of the same resource or
/// customer (R-SESS-7), naming that session.
fn refuse_overlap(tx: &mut dyn StoreTx, span: SessionSpan) -> Result<()> {
    let Some(other) = tx.overlapping_session(span)? else {
        return Ok(());
    };
    let whose = if other.resource_id == span.resource_id {
        "the resource"
    } else {
        "the customer"
    };
    let until = other.ended_at.map_or_else(
        || "still running".to_string(),
        |e| format!("until {}", e.to_rfc3339()),
    );
    Err(Error::Conflict(format!(
        "a session from {} on would overlap session {} of {whose}, from {} {until}",
        span.start.to_rfc3339(),
        other.id,
        other.started_at.to_rfc3339(),
    )))
}

/// A discount percentage, 0 when none is given (R-INVC-3).
pub(super) fn parse_discount(discount: Option<Decimal>) -> Result<PercentHundredths> {
    Ok(discount
        .map(|d| parse_percent("discount", d))
        .transpose()?
        .unwrap_or(PercentHundredths::ZERO))
}

impl<S: Store> Backspace<S> {
    /// Starts a session of a customer on a resource (R-SESS-1, R-SESS-3); a resource another
    /// customer has booked for this instant is a conflict (R-BOOK-2).
    pub fn start_session(&self, customer_id: Uuid, resource_id: Uuid) -> Result<Session> {
        let op = Op::new("start_session", Permission::Desk)
            .id(customer_id)
            .id(resource_id);
        self.write(op, |tx, at| {
            open_session(tx, customer_id, resource_id, at, None)
        })
    }
}

/// Starts a session at `at` (R-SESS-1, R-SESS-3, R-SESS-7, R-BOOK-2); `reservation` is the
/// booking it is checked in from, with the rate from booking time.
pub(super) fn open_session(
    tx: &mut dyn StoreTx,
    customer_id: Uuid,
    resource_id: Uuid,
    at: DateTime<Utc>,
    reservation: Option<(Uuid, Decimal)>,
) -> Result<Session> {
    let customer = found(tx.customer(customer_id)?, "customer", customer_id)?;
    let mut resource = found(tx.resource(resource_id)?, "resource", resource_id)?;
    if tx.active_session_on_resource(resource_id)?.is_some() {
        return Err(Error::Conflict(format!(
            "{} is busy: another session is running on it",
            resource.name
        )));
    }
    if !resource.is_available {
        return Err(Error::Conflict(format!(
            "{} is not available (out of service)",
            resource.name
        )));
    }
    if let Some(s) = tx.active_session_of_customer(customer_id)? {
        return Err(Error::Conflict(format!(
            "{} ({}) already has an active session {} started {}",
            customer.name,
            customer.human_id,
            s.id,
            s.started_at.to_rfc3339()
        )));
    }
    let span = SessionSpan {
        resource_id,
        customer_id,
        start: at,
        end: None,
    };
    refuse_overlap(tx, span)?;
    if let Some(other) = reserved_by_another(tx, resource_id, customer_id, at)? {
        return Err(Error::Conflict(format!(
            "{} is reserved for another customer ({}) from {} to {}",
            resource.name,
            other.reservation_number,
            other.start.to_rfc3339(),
            other.end.to_rfc3339()
        )));
    }
    let session = Session {
        id: new_id(),
        customer_id,
        resource_id,
        started_at: at,
        ended_at: None,
        rate_per_hour: reservation.map_or(resource.rate_per_hour, |(_, rate)| rate),
        is_active: true,
        duration_minutes: None,
        billed_minutes: None,
        amount: None,
        subscription_id: None,
        invoice_id: None,
        reservation_id: reservation.map(|(id, _)| id),
    };
    tx.insert_session(&session)?;
    resource.is_available = false;
    tx.update_resource(&resource)?;
    Ok(session)
}

impl<S: Store> Backspace<S> {
    /// A session by id.
    pub fn get_session(&self, id: Uuid) -> Result<Session> {
        self.read(|tx| found(tx.session(id)?, "session", id))
    }

    /// What a running session's invoice would hold if it ended at `at`; writes nothing (R-SESS-6).
    pub fn quote_session(&self, session_id: Uuid) -> Result<Quote> {
        self.read_at(|tx, at| {
            let session = active(found(tx.session(session_id)?, "session", session_id)?)?;
            let settings = tx.settings()?;
            let mut b = bill(tx, &settings, &session, at)?;
            // What the invoice would come to with no discount, VAT included (R-TAX-1).
            let (net, vat) = crate::vat::split_line_items(
                &mut b.lines,
                Piastres::ZERO,
                parse_percent("vat_percent", settings.vat_percent)?,
                settings.prices_include_vat,
            )?;
            let amount = net.checked_add(vat)?.to_decimal();
            Ok(Quote {
                session_id,
                at,
                duration_minutes: b.charge.duration_minutes,
                billed_minutes: b.charge.billed_minutes,
                charge: b.charge.charge.to_decimal(),
                subscription_id: b.subscription_id,
                lines: b.lines,
                amount,
            })
        })
    }

    /// Ends a session: charge, invoice, resource freed, balance updated, all at once (R-SESS-2).
    pub fn end_session(&self, session_id: Uuid, options: EndSession) -> Result<Invoice> {
        let discount = parse_discount(options.discount)?;
        let op = Op::new("end_session", Permission::Desk)
            .id(session_id)
            .opt("discount", options.discount.map(|d| d.to_string()));
        self.write(op, |tx, at| {
            if !discount.is_zero() {
                self.allow_discount(tx, discount, "end_session")?;
            }
            let settings = tx.settings()?;
            end_session(tx, &settings, session_id, discount, at).map(|(invoice, _)| invoice)
        })
    }

    /// The sessions running at the desk's instant (now, or the one chosen with
    /// [`Backspace::at`]): started at or before it and not ended by it, with elapsed minutes
    /// and the session charge if they ended then (R-REP-3). A session that has ended since
    /// is shown as it stood at that instant: active, with no end.
    pub fn active_sessions(&self) -> Result<Vec<ActiveSession>> {
        let looking_back = self.fixed_at().is_some();
        self.read_at(|tx, at| {
            let settings = tx.settings()?;
            let sessions = if looking_back {
                tx.sessions_between(at, at + TimeDelta::microseconds(1))?
            } else {
                tx.active_sessions()?
            };
            let mut out = Vec::new();
            for session in sessions.into_iter().filter(|s| s.started_at <= at) {
                let session = session.as_running();
                let b = bill(tx, &settings, &session, at)?;
                let customer = found(
                    tx.customer(session.customer_id)?,
                    "customer",
                    session.customer_id,
                )?;
                let resource_name = b
                    .lines
                    .first()
                    .map(|l| l.description.clone())
                    .unwrap_or_default();
                out.push(ActiveSession {
                    elapsed_minutes: b.charge.duration_minutes,
                    running_charge: b.charge.charge.to_decimal(),
                    customer_name: customer.name,
                    resource_name,
                    session,
                });
            }
            Ok(out)
        })
    }

    /// Adds café items to a running session; stock must cover them (R-INV-2..4).
    pub fn add_consumption(
        &self,
        session_id: Uuid,
        item_id: Uuid,
        quantity_: i64,
    ) -> Result<InventoryConsumption> {
        let n = quantity("quantity", quantity_, 1)?;
        let op = Op::new("add_consumption", Permission::Desk)
            .id(session_id)
            .id(item_id)
            .arg("quantity", n);
        self.write(op, |tx, at| {
            let session = active(found(tx.session(session_id)?, "session", session_id)?)?;
            let mut item = found(tx.item(item_id)?, "inventory item", item_id)?;
            if at < session.started_at {
                return Err(Error::validation(
                    "at",
                    "a consumption cannot be before its session started",
                ));
            }
            // A line is an amount like any other: below 1,000,000,000 (R-MONEY-2); this also keeps
            // quantity × price inside the piastre arithmetic of invoices.
            let price = Piastres::from_decimal("price", item.price)?;
            if !price
                .checked_mul(n)
                .is_ok_and(|line| line < Piastres::LIMIT)
            {
                return Err(Error::validation(
                    "quantity",
                    format!(
                        "{n} × {} comes to 1,000,000,000 or more for one line",
                        item.price
                    ),
                ));
            }
            if item.quantity < n {
                return Err(Error::InsufficientStock {
                    item: item.name,
                    available: item.quantity,
                    requested: n,
                });
            }
            item.quantity -= n;
            tx.update_item(&item)?;
            let consumption = InventoryConsumption {
                id: new_id(),
                session_id,
                item_id,
                item_name: item.name.clone(),
                quantity: n,
                price_at_consumption: item.price,
                consumed_at: at,
            };
            tx.insert_consumption(&consumption)?;
            tx.insert_movement(&StockMovement {
                id: new_id(),
                item_id,
                kind: MovementKind::Consumption,
                delta: -n,
                quantity_after: item.quantity,
                reason: Some(format!("session {session_id}")),
                at,
            })?;
            Ok(consumption)
        })
    }

    /// Removes a consumption from a running session and puts its stock back (R-INV-5).
    pub fn remove_consumption(&self, consumption_id: Uuid) -> Result<InventoryConsumption> {
        let op = Op::new("remove_consumption", Permission::Desk).id(consumption_id);
        self.write(op, |tx, at| {
            let c = found(
                tx.consumption(consumption_id)?,
                "consumption",
                consumption_id,
            )?;
            active(found(tx.session(c.session_id)?, "session", c.session_id)?)?;
            let mut item = found(tx.item(c.item_id)?, "inventory item", c.item_id)?;
            item.quantity += c.quantity;
            tx.update_item(&item)?;
            tx.delete_consumption(c.id)?;
            tx.insert_movement(&StockMovement {
                id: new_id(),
                item_id: item.id,
                kind: MovementKind::ConsumptionRemoved,
                delta: c.quantity,
                quantity_after: item.quantity,
                reason: Some(format!("session {}", c.session_id)),
                at,
            })?;
            Ok(c)
        })
    }

    /// A running session's consumptions.
    pub fn session_consumptions(&self, session_id: Uuid) -> Result<Vec<InventoryConsumption>> {
        self.read(|tx| {
            found(tx.session(session_id)?, "session", session_id)?;
            tx.consumptions_of_session(session_id)
        })
    }
}
