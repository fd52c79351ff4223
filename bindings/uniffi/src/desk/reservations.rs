//! Reservations (§17): booking ahead, check-in, cancellations and no-shows, free slots.

use backspace_core as bs;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::Backspace;
use crate::error::Result;
use crate::records::{Reservation, Session};

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
        Ok(self.inner.at(at).reserve(new)?)
    }

    /// A reservation by id.
    pub fn get_reservation(&self, id: Uuid) -> Result<Reservation> {
        Ok(self.inner.get_reservation(id)?)
    }

    /// Starts the session of a booked reservation (R-BOOK-2).
    #[uniffi::method(default(at = None))]
    pub fn check_in(&self, reservation_id: Uuid, at: Option<DateTime<Utc>>) -> Result<Session> {
        Ok(self.inner.at(at).check_in(reservation_id)?)
    }

    /// Cancels a booked reservation; a late cancellation is invoiced a fee (R-BOOK-3).
    #[uniffi::method(default(at = None))]
    pub fn cancel_reservation(
        &self,
        reservation_id: Uuid,
        at: Option<DateTime<Utc>>,
    ) -> Result<Reservation> {
        Ok(self.inner.at(at).cancel_reservation(reservation_id)?)
    }

    /// Records the bookings past their no-show deadline as no-shows, with fees (R-BOOK-3).
    #[uniffi::method(default(at = None))]
    pub fn expire_reservations(&self, at: Option<DateTime<Utc>>) -> Result<Vec<Reservation>> {
        Ok(self.inner.at(at).expire_reservations()?)
    }

    /// Reservations meeting the business dates `from..=to` (R-BOOK-4).
    #[uniffi::method(default(resource_id = None))]
    pub fn reservations(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        resource_id: Option<Uuid>,
    ) -> Result<Vec<Reservation>> {
        Ok(self.inner.reservations(from, to, resource_id)?)
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
