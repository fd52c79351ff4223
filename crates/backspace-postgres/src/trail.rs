//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn append(_db: &mut Db<'_, '_>, _entry: &TrailEntry) -> Result<()> {
    Err(Error::storage("trail::append is not implemented"))
}

pub(crate) fn last(_db: &mut Db<'_, '_>) -> Result<Option<TrailEntry>> {
    Err(Error::storage("trail::last is not implemented"))
}

pub(crate) fn all(_db: &mut Db<'_, '_>) -> Result<Vec<TrailEntry>> {
    Err(Error::storage("trail::all is not implemented"))
}

pub(crate) fn insert_z(_db: &mut Db<'_, '_>, _z: &ZReport) -> Result<()> {
    Err(Error::storage("trail::insert_z is not implemented"))
}

pub(crate) fn z(_db: &mut Db<'_, '_>, _date: NaiveDate) -> Result<Option<ZReport>> {
    Err(Error::storage("trail::z is not implemented"))
}

pub(crate) fn has_money(_db: &mut Db<'_, '_>) -> Result<bool> {
    Err(Error::storage("trail::has_money is not implemented"))
}

pub(crate) fn closed_through(_db: &mut Db<'_, '_>) -> Result<Option<NaiveDate>> {
    Err(Error::storage("trail::closed_through is not implemented"))
}
