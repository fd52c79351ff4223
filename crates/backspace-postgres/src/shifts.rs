//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert(_db: &mut Db<'_, '_>, _shift: &Shift) -> Result<()> {
    Err(Error::storage("shifts::insert is not implemented"))
}

pub(crate) fn close(_db: &mut Db<'_, '_>, _shift: &Shift) -> Result<()> {
    Err(Error::storage("shifts::close is not implemented"))
}

pub(crate) fn by_id(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<Option<Shift>> {
    Err(Error::storage("shifts::by_id is not implemented"))
}

pub(crate) fn open(_db: &mut Db<'_, '_>) -> Result<Vec<Shift>> {
    Err(Error::storage("shifts::open is not implemented"))
}

pub(crate) fn insert_entry(_db: &mut Db<'_, '_>, _entry: &DrawerEntry) -> Result<()> {
    Err(Error::storage("shifts::insert_entry is not implemented"))
}

pub(crate) fn entries(_db: &mut Db<'_, '_>, _shift_id: Uuid) -> Result<Vec<DrawerEntry>> {
    Err(Error::storage("shifts::entries is not implemented"))
}
