//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert(_db: &mut Db<'_, '_>, _reservation: &Reservation) -> Result<()> {
    Err(Error::storage("reservations::insert is not implemented"))
}

pub(crate) fn update(_db: &mut Db<'_, '_>, _reservation: &Reservation) -> Result<()> {
    Err(Error::storage("reservations::update is not implemented"))
}

pub(crate) fn by_id(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<Option<Reservation>> {
    Err(Error::storage("reservations::by_id is not implemented"))
}

pub(crate) fn between(
    _db: &mut Db<'_, '_>,
    _start: DateTime<Utc>,
    _end: DateTime<Utc>,
    _resource_id: Option<Uuid>,
) -> Result<Vec<Reservation>> {
    Err(Error::storage("reservations::between is not implemented"))
}
