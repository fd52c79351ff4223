//! Reservations (§17): booking ahead, check-in, cancellations and no-shows, free slots.

use backspace_core as bs;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::Backspace;
use crate::enums::ReservationStatus;
use crate::error::Result;
use crate::records::{Session, list};

/// A resource booked ahead for a customer (R-BOOK-1).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Reservation {
    /// UUID v7.
    pub id: Uuid,
    /// `R-0001`, … (gapless).
    pub reservation_number: String,
    /// Who booked.
    pub customer_id: Uuid,
    /// What is booked.
    pub resource_id: Uuid,
    /// First booked instant.
    pub start: DateTime<Utc>,
    /// The instant after the last booked one.
    pub end: DateTime<Utc>,
    /// Booked, checked in, cancelled or no-show.
    pub status: ReservationStatus,
    /// The rate at booking.
    pub rate_per_hour: Decimal,
    /// When booked.
    pub created_at: DateTime<Utc>,
    /// When checked in, cancelled or marked a no-show.
    pub closed_at: Option<DateTime<Utc>>,
    /// The session it was checked in to.
    pub session_id: Option<Uuid>,
    /// The invoice of its fee.
    pub fee_invoice_id: Option<Uuid>,
}

impl From<bs::Reservation> for Reservation {
    fn from(r: bs::Reservation) -> Self {
        let bs::Reservation {
            id,
            reservation_number,
            customer_id,
            resource_id,
            start,
            end,
            status,
            rate_per_hour,
            created_at,
            closed_at,
            session_id,
            fee_invoice_id,
        } = r;
        Reservation {
            id,
            reservation_number,
            customer_id,
            resource_id,
            start,
            end,
            status: status.into(),
            rate_per_hour,
            created_at,
            closed_at,
            session_id,
            fee_invoice_id,
        }
    }
}

#[uniffi::export]
impl Backspace {
    /// Books a resource for a customer over `[start, end)` (R-BOOK-1).
    #[uniffi::method(default(at = None))]
    pub fn reserve(
        &self,
        customer_id: Uuid,
        resource_id: Uuid,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        at: Option<DateTime<Utc>>,
    ) -> Result<Reservation> {
        let new = bs::NewReservation::new(customer_id, resource_id, start, end);
        Ok(self.inner.at(at).reserve(new)?.into())
    }

    /// A reservation by id.
    pub fn get_reservation(&self, id: Uuid) -> Result<Reservation> {
        Ok(self.inner.get_reservation(id)?.into())
    }

    /// Starts the session of a booked reservation (R-BOOK-2).
    #[uniffi::method(default(at = None))]
    pub fn check_in(&self, reservation_id: Uuid, at: Option<DateTime<Utc>>) -> Result<Session> {
        Ok(self.inner.at(at).check_in(reservation_id)?.into())
    }

    /// Cancels a booked reservation; a late cancellation is invoiced a fee (R-BOOK-3).
    #[uniffi::method(default(at = None))]
    pub fn cancel_reservation(
        &self,
        reservation_id: Uuid,
        at: Option<DateTime<Utc>>,
    ) -> Result<Reservation> {
        Ok(self.inner.at(at).cancel_reservation(reservation_id)?.into())
    }

    /// Records the bookings past their no-show deadline as no-shows, with fees (R-BOOK-3).
    #[uniffi::method(default(at = None))]
    pub fn expire_reservations(&self, at: Option<DateTime<Utc>>) -> Result<Vec<Reservation>> {
        Ok(list(self.inner.at(at).expire_reservations()?))
    }

    /// Reservations meeting the business dates `from..=to` (R-BOOK-4).
    #[uniffi::method(default(resource_id = None))]
    pub fn reservations(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        resource_id: Option<Uuid>,
    ) -> Result<Vec<Reservation>> {
        Ok(list(self.inner.reservations(from, to, resource_id)?))
    }

    /// Start instants on `date` where a booking of `minutes` fits (R-BOOK-4).
    #[uniffi::method(default(at = None))]
    pub fn free_slots(
        &self,
        resource_id: Uuid,
        date: NaiveDate,
        minutes: i64,
        at: Option<DateTime<Utc>>,
    ) -> Result<Vec<DateTime<Utc>>> {
        Ok(self.inner.at(at).free_slots(resource_id, date, minutes)?)
    }
}
