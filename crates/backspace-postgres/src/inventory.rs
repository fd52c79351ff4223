//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert_item(_db: &mut Db<'_, '_>, _item: &InventoryItem) -> Result<()> {
    Err(Error::storage("inventory::insert_item is not implemented"))
}

pub(crate) fn update_item(_db: &mut Db<'_, '_>, _item: &InventoryItem) -> Result<()> {
    Err(Error::storage("inventory::update_item is not implemented"))
}

pub(crate) fn item(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<Option<InventoryItem>> {
    Err(Error::storage("inventory::item is not implemented"))
}

pub(crate) fn items(_db: &mut Db<'_, '_>) -> Result<Vec<InventoryItem>> {
    Err(Error::storage("inventory::items is not implemented"))
}

pub(crate) fn insert_movement(_db: &mut Db<'_, '_>, _m: &StockMovement) -> Result<()> {
    Err(Error::storage(
        "inventory::insert_movement is not implemented",
    ))
}

pub(crate) fn movements(_db: &mut Db<'_, '_>, _item_id: Uuid) -> Result<Vec<StockMovement>> {
    Err(Error::storage("inventory::movements is not implemented"))
}

pub(crate) fn insert_consumption(_db: &mut Db<'_, '_>, _c: &InventoryConsumption) -> Result<()> {
    Err(Error::storage(
        "inventory::insert_consumption is not implemented",
    ))
}

pub(crate) fn delete_consumption(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<()> {
    Err(Error::storage(
        "inventory::delete_consumption is not implemented",
    ))
}

pub(crate) fn consumption(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<Option<InventoryConsumption>> {
    Err(Error::storage("inventory::consumption is not implemented"))
}

pub(crate) fn consumptions_of_session(
    _db: &mut Db<'_, '_>,
    _session_id: Uuid,
) -> Result<Vec<InventoryConsumption>> {
    Err(Error::storage(
        "inventory::consumptions_of_session is not implemented",
    ))
}
