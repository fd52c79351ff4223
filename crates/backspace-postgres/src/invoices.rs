//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert(_db: &mut Db<'_, '_>, _invoice: &Invoice) -> Result<()> {
    Err(Error::storage("invoices::insert is not implemented"))
}

pub(crate) fn update(_db: &mut Db<'_, '_>, _invoice: &Invoice) -> Result<()> {
    Err(Error::storage("invoices::update is not implemented"))
}

pub(crate) fn insert_payment(_db: &mut Db<'_, '_>, _payment: &Payment) -> Result<()> {
    Err(Error::storage(
        "invoices::insert_payment is not implemented",
    ))
}

pub(crate) fn by_id(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<Option<Invoice>> {
    Err(Error::storage("invoices::by_id is not implemented"))
}

pub(crate) fn by_number(_db: &mut Db<'_, '_>, _number: &str) -> Result<Option<Invoice>> {
    Err(Error::storage("invoices::by_number is not implemented"))
}

pub(crate) fn list(_db: &mut Db<'_, '_>, _filter: &InvoiceFilter) -> Result<Vec<Invoice>> {
    Err(Error::storage("invoices::list is not implemented"))
}
