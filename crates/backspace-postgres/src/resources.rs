//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert(_db: &mut Db<'_, '_>, _r: &Resource) -> Result<()> {
    Err(Error::storage("resources::insert is not implemented"))
}

pub(crate) fn update(_db: &mut Db<'_, '_>, _r: &Resource) -> Result<()> {
    Err(Error::storage("resources::update is not implemented"))
}

pub(crate) fn delete(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<()> {
    Err(Error::storage("resources::delete is not implemented"))
}

pub(crate) fn by_id(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<Option<Resource>> {
    Err(Error::storage("resources::by_id is not implemented"))
}

pub(crate) fn all(_db: &mut Db<'_, '_>) -> Result<Vec<Resource>> {
    Err(Error::storage("resources::all is not implemented"))
}

pub(crate) fn has_sessions(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<bool> {
    Err(Error::storage("resources::has_sessions is not implemented"))
}
