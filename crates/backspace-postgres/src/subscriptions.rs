//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert(_db: &mut Db<'_, '_>, _s: &Subscription) -> Result<()> {
    Err(Error::storage("subscriptions::insert is not implemented"))
}

pub(crate) fn update(_db: &mut Db<'_, '_>, _s: &Subscription) -> Result<()> {
    Err(Error::storage("subscriptions::update is not implemented"))
}

pub(crate) fn by_id(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<Option<Subscription>> {
    Err(Error::storage("subscriptions::by_id is not implemented"))
}

pub(crate) fn of_customer(_db: &mut Db<'_, '_>, _customer_id: Uuid) -> Result<Vec<Subscription>> {
    Err(Error::storage(
        "subscriptions::of_customer is not implemented",
    ))
}

pub(crate) fn active(_db: &mut Db<'_, '_>) -> Result<Vec<Subscription>> {
    Err(Error::storage("subscriptions::active is not implemented"))
}
