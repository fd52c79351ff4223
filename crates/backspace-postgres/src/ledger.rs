//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert(_db: &mut Db<'_, '_>, _entry: &LedgerEntry) -> Result<()> {
    Err(Error::storage("ledger::insert is not implemented"))
}

pub(crate) fn of_customer(_db: &mut Db<'_, '_>, _customer_id: Uuid) -> Result<Vec<LedgerEntry>> {
    Err(Error::storage("ledger::of_customer is not implemented"))
}

pub(crate) fn between(
    _db: &mut Db<'_, '_>,
    _start: DateTime<Utc>,
    _end: DateTime<Utc>,
) -> Result<Vec<LedgerEntry>> {
    Err(Error::storage("ledger::between is not implemented"))
}
