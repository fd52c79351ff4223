//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert(_db: &mut Db<'_, '_>, _note: &CreditNote) -> Result<()> {
    Err(Error::storage("credit_notes::insert is not implemented"))
}

pub(crate) fn by_id(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<Option<CreditNote>> {
    Err(Error::storage("credit_notes::by_id is not implemented"))
}

pub(crate) fn by_number(_db: &mut Db<'_, '_>, _number: &str) -> Result<Option<CreditNote>> {
    Err(Error::storage("credit_notes::by_number is not implemented"))
}
