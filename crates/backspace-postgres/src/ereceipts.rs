//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert(_db: &mut Db<'_, '_>, _receipt: &EReceipt) -> Result<()> {
    Err(Error::storage("ereceipts::insert is not implemented"))
}

pub(crate) fn of(_db: &mut Db<'_, '_>, _document_id: Uuid) -> Result<Option<EReceipt>> {
    Err(Error::storage("ereceipts::of is not implemented"))
}

pub(crate) fn last(_db: &mut Db<'_, '_>, _device_serial_number: &str) -> Result<Option<EReceipt>> {
    Err(Error::storage("ereceipts::last is not implemented"))
}

pub(crate) fn pending(_db: &mut Db<'_, '_>) -> Result<Vec<EReceipt>> {
    Err(Error::storage("ereceipts::pending is not implemented"))
}

pub(crate) fn mark_submitted(
    _db: &mut Db<'_, '_>,
    _uuid: &str,
    _submission_id: &str,
    _at: DateTime<Utc>,
) -> Result<EReceipt> {
    Err(Error::storage(
        "ereceipts::mark_submitted is not implemented",
    ))
}
