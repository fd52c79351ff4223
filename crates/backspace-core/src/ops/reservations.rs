//! Reservations (§17: R-BOOK-1..4): booking a resource ahead, checking in, cancelling, no-shows
//! and the free slots of a day.
//!
//! A booking is refused when its `[start, end + buffer)` meets that of another reservation of
//! the resource that still holds its slot (booked or checked in). The check runs inside the
//! write transaction, under the store's write lock, so two desks racing for one slot cannot
//! both win. Check-in is open from 15 minutes before the start until the no-show deadline
//! (`start + no_show_minutes`, or the end if sooner); after it the booking is a no-show, which
//! `expire_reservations` (or a cancellation, the next operation on it) records with its fee.

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use uuid::Uuid;

use super::access::Op;
use super::invoices::issue_invoice;
use super::sessions::open_session;
use super::{Backspace, NewReservation, found};
use crate::booking::{Reservation, ReservationStatus};
use crate::clock::START_OF_TIME;
use crate::error::{Error, Result};
use crate::model::{Invoice, InvoiceLine, LineKind, Session, new_id};
use crate::money::{Piastres, parse_percent};
use crate::reports::{day_start, range_instants};
use crate::settings::Settings;
use crate::staff::Permission;
use crate::store::{Counter, Store, StoreTx};

/// How early a customer may check in.
pub const EARLY_CHECK_IN_MINUTES: i64 = 15;

fn hhmm(at: DateTime<Utc>, settings: &Settings) -> String {
    at.with_timezone(&settings.time_zone)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The reservation of `resource` holding its slot whose `[start, end + buffer)` meets
/// `[start, end + buffer)`, other than `except`.
fn clash(
    tx: &mut dyn StoreTx,
    settings: &Settings,
    resource_id: Uuid,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Option<Reservation>> {
    let buffer = Duration::minutes(i64::from(settings.booking.buffer_minutes));
    Ok(tx
        .reservations_between(start - buffer, end + buffer, Some(resource_id))?
        .into_iter()
        .find(|r| r.holds_slot() && r.start < end + buffer && start < r.end + buffer))
}

/// When a booked reservation becomes a no-show.
fn no_show_deadline(r: &Reservation, settings: &Settings) -> DateTime<Utc> {
    (r.start + Duration::minutes(i64::from(settings.booking.no_show_minutes))).min(r.end)
}

/// Invoices `percent` of a reservation's reserved charge as a `reservation_fee` line; nothing
/// when that comes to zero.
fn charge_fee(
    tx: &mut dyn StoreTx,
    settings: &Settings,
    r: &mut Reservation,
    percent: rust_decimal::Decimal,
    what: &str,
    at: DateTime<Utc>,
) -> Result<Option<Invoice>> {
    let rate = Piastres::from_decimal("rate_per_hour", r.rate_per_hour)?;
    let reserved = rate.mul_div_round(r.minutes(), 60)?;
    let amount = parse_percent("percent", percent)?.of(reserved)?;
    if amount.is_zero() {
        return Ok(None);
    }
    let resource = found(tx.resource(r.resource_id)?, "resource", r.resource_id)?;
    let mut customer = found(tx.customer(r.customer_id)?, "customer", r.customer_id)?;
    let line = InvoiceLine {
        kind: LineKind::ReservationFee,
        description: format!(
            "{what} {} {} ({percent}% of {} min)",
            r.reservation_number,
            resource.name,
            r.minutes()
        ),
        quantity: 1,
        unit_price: amount.to_decimal(),
        amount: amount.to_decimal(),
        net: rust_decimal::Decimal::ZERO,
        vat: rust_decimal::Decimal::ZERO,
    };
    let invoice = issue_invoice(
        tx,
        settings,
        &mut customer,
        vec![line],
        crate::money::PercentHundredths::ZERO,
        at,
        None,
        None,
    )?;
    r.fee_invoice_id = Some(invoice.id);
    Ok(Some(invoice))
}

/// Records a booked reservation past its deadline as a no-show, with its fee.
fn mark_no_show(
    tx: &mut dyn StoreTx,
    settings: &Settings,
    r: &mut Reservation,
    at: DateTime<Utc>,
) -> Result<()> {
    r.status = ReservationStatus::NoShow;
    r.closed_at = Some(at);
    charge_fee(
        tx,
        settings,
        r,
        settings.booking.no_show_percent,
        "No-show",
        at,
    )?;
    tx.update_reservation(r)
}

fn booked(r: &Reservation) -> Result<()> {
    if r.status != ReservationStatus::Booked {
        return Err(Error::InvalidState(format!(
            "{} is {}, not booked",
            r.reservation_number,
            r.status.as_str().replace('_', " ")
        )));
    }
    Ok(())
}

impl<S: Store> Backspace<S> {
    /// Books a resource for a customer over `[start, end)` (R-BOOK-1): `start` not in the past,
    /// within opening hours when they are set, at most `max_booking_days` ahead; the resource in
    /// service and free of other bookings, `buffer_minutes` after each included.
    pub fn reserve(&self, new: NewReservation) -> Result<Reservation> {
        let NewReservation {
            customer_id,
            resource_id,
            start,
            end,
        } = new;
        if end <= start {
            return Err(Error::validation(
                "end",
                format!("must be after the start ({})", start.to_rfc3339()),
            ));
        }
        let op = Op::new("reserve", Permission::Desk)
            .id(customer_id)
            .id(resource_id)
            .arg("start", start.to_rfc3339())
            .arg("end", end.to_rfc3339());
        self.write(op, |tx, at| {
            let settings = tx.settings()?;
            if start < at {
                return Err(Error::validation(
                    "start",
                    format!("{} is in the past", hhmm(start, &settings)),
                ));
            }
            let days = settings.booking.max_booking_days;
            if start > at + Duration::days(i64::from(days)) {
                return Err(Error::validation(
                    "start",
                    format!("bookings open at most {days} days ahead"),
                ));
            }
            if (end - start).num_days() > i64::from(days) {
                return Err(Error::validation("end", "a booking is far too long"));
            }
            if let Some(hours) = &settings.opening_hours
                && !hours.contains(start, end, settings.time_zone)
            {
                return Err(Error::validation(
                    "start",
                    format!(
                        "{} – {} is outside opening hours ({hours})",
                        hhmm(start, &settings),
                        hhmm(end, &settings)
                    ),
                ));
            }
            found(tx.customer(customer_id)?, "customer", customer_id)?;
            let resource = found(tx.resource(resource_id)?, "resource", resource_id)?;
            if resource.out_of_service {
                return Err(Error::Conflict(format!(
                    "{} is out of service",
                    resource.name
                )));
            }
            if let Some(other) = clash(tx, &settings, resource_id, start, end)? {
                let buffer = settings.booking.buffer_minutes;
                return Err(Error::Conflict(format!(
                    "{} is booked from {} to {} ({}){}",
                    resource.name,
                    hhmm(other.start, &settings),
                    hhmm(other.end, &settings),
                    other.reservation_number,
                    if buffer > 0 {
                        format!(", with {buffer} minutes kept free after each booking")
                    } else {
                        String::new()
                    }
                )));
            }
            let reservation = Reservation {
                id: new_id(),
                reservation_number: tx.next_document_number(Counter::Reservation)?,
                customer_id,
                resource_id,
                start,
                end,
                status: ReservationStatus::Booked,
                rate_per_hour: resource.rate_per_hour,
                created_at: at,
                closed_at: None,
                session_id: None,
                fee_invoice_id: None,
            };
            tx.insert_reservation(&reservation)?;
            Ok(reservation)
        })
    }

    /// A reservation by id.
    pub fn get_reservation(&self, id: Uuid) -> Result<Reservation> {
        self.read(|tx| found(tx.reservation(id)?, "reservation", id))
    }

    /// Starts the session of a booked reservation for its customer (R-BOOK-2), from 15 minutes
    /// before its start until its no-show deadline. The session carries the rate from booking
    /// time and is billed at least the reserved minutes.
    pub fn check_in(&self, reservation_id: Uuid) -> Result<Session> {
        let op = Op::new("check_in", Permission::Desk).id(reservation_id);
        self.write(op, |tx, at| {
            let settings = tx.settings()?;
            let mut r = found(
                tx.reservation(reservation_id)?,
                "reservation",
                reservation_id,
            )?;
            booked(&r)?;
            let opens = r.start - Duration::minutes(EARLY_CHECK_IN_MINUTES);
            if at < opens {
                return Err(Error::InvalidState(format!(
                    "{} is too early to check in: check-in opens at {}",
                    r.reservation_number,
                    hhmm(opens, &settings)
                )));
            }
            let deadline = no_show_deadline(&r, &settings);
            if at > deadline {
                return Err(Error::InvalidState(format!(
                    "{} was not checked in by {}: it is a no-show (expire_reservations records it)",
                    r.reservation_number,
                    hhmm(deadline, &settings)
                )));
            }
            let session = open_session(
                tx,
                r.customer_id,
                r.resource_id,
                at,
                Some((r.id, r.rate_per_hour)),
            )?;
            r.status = ReservationStatus::CheckedIn;
            r.closed_at = Some(at);
            r.session_id = Some(session.id);
            tx.update_reservation(&r)?;
            Ok(session)
        })
    }

    /// Cancels a booked reservation (R-BOOK-3): free until `cancel_notice_hours` before its
    /// start, later with an invoice for `late_cancel_percent` of the reserved charge. Past the
    /// no-show deadline it is recorded as the no-show it is.
    pub fn cancel_reservation(&self, reservation_id: Uuid) -> Result<Reservation> {
        let op = Op::new("cancel_reservation", Permission::Desk).id(reservation_id);
        self.write(op, |tx, at| {
            let settings = tx.settings()?;
            let mut r = found(
                tx.reservation(reservation_id)?,
                "reservation",
                reservation_id,
            )?;
            booked(&r)?;
            if at > no_show_deadline(&r, &settings) {
                mark_no_show(tx, &settings, &mut r, at)?;
                return Ok(r);
            }
            let notice = Duration::hours(i64::from(settings.booking.cancel_notice_hours));
            r.status = ReservationStatus::Cancelled;
            r.closed_at = Some(at);
            if at > r.start - notice {
                let percent = settings.booking.late_cancel_percent;
                charge_fee(tx, &settings, &mut r, percent, "Late cancellation", at)?;
            }
            tx.update_reservation(&r)?;
            Ok(r)
        })
    }

    /// Records every booked reservation past its no-show deadline as a no-show, with an invoice
    /// for `no_show_percent` of its reserved charge (R-BOOK-3). Returns them.
    pub fn expire_reservations(&self) -> Result<Vec<Reservation>> {
        let op = Op::new("expire_reservations", Permission::Desk);
        self.write(op, |tx, at| {
            let settings = tx.settings()?;
            let mut expired = Vec::new();
            for mut r in tx.reservations_between(START_OF_TIME, at, None)? {
                if r.status == ReservationStatus::Booked && at > no_show_deadline(&r, &settings) {
                    mark_no_show(tx, &settings, &mut r, at)?;
                    expired.push(r);
                }
            }
            Ok(expired)
        })
    }

    /// Reservations meeting the business dates `from..=to`, of one resource or all, by start
    /// (R-BOOK-4).
    pub fn reservations(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        resource_id: impl Into<Option<Uuid>>,
    ) -> Result<Vec<Reservation>> {
        if to < from {
            return Err(Error::validation("to", format!("{to} is before {from}")));
        }
        let resource_id = resource_id.into();
        self.read(|tx| {
            let (start, end) = range_instants(from, to, tx.settings()?.time_zone);
            tx.reservations_between(start, end, resource_id)
        })
    }

    /// The instants on business date `date` at which a booking of `minutes` on the resource
    /// fits (R-BOOK-4): on the billing unit's grid from the opening time (midnight when always
    /// open), inside opening hours, free of other bookings and their buffers, not in the past
    /// and within `max_booking_days`.
    pub fn free_slots(
        &self,
        resource_id: Uuid,
        date: NaiveDate,
        minutes: i64,
    ) -> Result<Vec<DateTime<Utc>>> {
        if !(1..=1440).contains(&minutes) {
            return Err(Error::validation(
                "minutes",
                format!("must be between 1 and 1440, got {minutes}"),
            ));
        }
        self.read_at(|tx, now| {
            let settings = tx.settings()?;
            let resource = found(tx.resource(resource_id)?, "resource", resource_id)?;
            if resource.out_of_service {
                return Ok(Vec::new());
            }
            let tz = settings.time_zone;
            let (open, close) = match &settings.opening_hours {
                Some(hours) => match hours.interval(date, tz) {
                    Some(i) => i,
                    None => return Ok(Vec::new()),
                },
                None => (
                    day_start(date, tz),
                    day_start(date.checked_add_days(Days::new(1)).unwrap_or(date), tz),
                ),
            };
            let unit = Duration::minutes(i64::from(settings.pricing.unit_minutes.max(1)));
            let length = Duration::minutes(minutes);
            let buffer = Duration::minutes(i64::from(settings.booking.buffer_minutes));
            let horizon = now + Duration::days(i64::from(settings.booking.max_booking_days));
            let taken: Vec<Reservation> = tx
                .reservations_between(open - buffer, close + buffer, Some(resource_id))?
                .into_iter()
                .filter(Reservation::holds_slot)
                .collect();
            let mut slots = Vec::new();
            let mut t = open;
            while t + length <= close {
                let free = taken
                    .iter()
                    .all(|r| !(r.start < t + length + buffer && t < r.end + buffer));
                if free && t >= now && t <= horizon {
                    slots.push(t);
                }
                t += unit;
            }
            Ok(slots)
        })
    }
}

/// The booked reservation of another customer on `resource` at `at`, if any (R-BOOK-2).
pub(super) fn reserved_by_another(
    tx: &mut dyn StoreTx,
    resource_id: Uuid,
    customer_id: Uuid,
    at: DateTime<Utc>,
) -> Result<Option<Reservation>> {
    Ok(tx
        .reservations_between(at, at + Duration::microseconds(1), Some(resource_id))?
        .into_iter()
        .find(|r| r.status == ReservationStatus::Booked && r.customer_id != customer_id))
}
