//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert(_db: &mut Db<'_, '_>, _c: &Customer) -> Result<()> {
    Err(Error::storage("customers::insert is not implemented"))
}

pub(crate) fn update(_db: &mut Db<'_, '_>, _c: &Customer) -> Result<()> {
    Err(Error::storage("customers::update is not implemented"))
}

pub(crate) fn by_id(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<Option<Customer>> {
    Err(Error::storage("customers::by_id is not implemented"))
}

pub(crate) fn by_phone(_db: &mut Db<'_, '_>, _phone: &str) -> Result<Option<Customer>> {
    Err(Error::storage("customers::by_phone is not implemented"))
}

pub(crate) fn by_human_id(_db: &mut Db<'_, '_>, _human_id: &str) -> Result<Option<Customer>> {
    Err(Error::storage("customers::by_human_id is not implemented"))
}

pub(crate) fn all(_db: &mut Db<'_, '_>) -> Result<Vec<Customer>> {
    Err(Error::storage("customers::all is not implemented"))
}

pub(crate) fn by_ids(_db: &mut Db<'_, '_>, _ids: &[Uuid]) -> Result<Vec<Customer>> {
    Err(Error::storage("customers::by_ids is not implemented"))
}
