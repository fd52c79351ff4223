//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert(_db: &mut Db<'_, '_>, _s: &Session) -> Result<()> {
    Err(Error::storage("sessions::insert is not implemented"))
}

pub(crate) fn update(_db: &mut Db<'_, '_>, _s: &Session) -> Result<()> {
    Err(Error::storage("sessions::update is not implemented"))
}

pub(crate) fn by_id(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<Option<Session>> {
    Err(Error::storage("sessions::by_id is not implemented"))
}

pub(crate) fn active_on_resource(
    _db: &mut Db<'_, '_>,
    _resource_id: Uuid,
) -> Result<Option<Session>> {
    Err(Error::storage(
        "sessions::active_on_resource is not implemented",
    ))
}

pub(crate) fn active_of_customer(
    _db: &mut Db<'_, '_>,
    _customer_id: Uuid,
) -> Result<Option<Session>> {
    Err(Error::storage(
        "sessions::active_of_customer is not implemented",
    ))
}

pub(crate) fn active(_db: &mut Db<'_, '_>) -> Result<Vec<Session>> {
    Err(Error::storage("sessions::active is not implemented"))
}

pub(crate) fn overlapping(_db: &mut Db<'_, '_>, _span: SessionSpan) -> Result<Option<Session>> {
    Err(Error::storage("sessions::overlapping is not implemented"))
}

pub(crate) fn between(
    _db: &mut Db<'_, '_>,
    _start: DateTime<Utc>,
    _end: DateTime<Utc>,
) -> Result<Vec<Session>> {
    Err(Error::storage("sessions::between is not implemented"))
}
