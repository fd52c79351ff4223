//! Café stock: `inventory_items` (quantity never negative, by CHECK), `stock_movements` and
//! `consumptions` (by instant, then insertion order `seq`).

use backspace_core::{Error, InventoryConsumption, InventoryItem, Result, StockMovement, Uuid};
use rusqlite::{Connection, Row, named_params};

use crate::constraints::translate;
use crate::convert::{get_instant, get_money, get_parsed, get_uuid, instant, piastres, uuid};
use crate::error::storage;
use crate::query::{exec, many, one, touched};

/// `SELECT` of every item column, followed by the rest of the query.
macro_rules! select_item {
    ($rest:literal) => {
        concat!(
            "SELECT id, name, category, price_piastres, quantity, min_stock, created_at ",
            "FROM inventory_items ",
            $rest
        )
    };
}

/// `SELECT` of every consumption column, followed by the rest of the query.
macro_rules! select_consumption {
    ($rest:literal) => {
        concat!(
            "SELECT id, session_id, item_id, item_name, quantity, ",
            "price_at_consumption_piastres, consumed_at FROM consumptions ",
            $rest
        )
    };
}

fn item_from_row(row: &Row<'_>) -> rusqlite::Result<InventoryItem> {
    Ok(InventoryItem {
        id: get_uuid(row, "id")?,
        name: row.get("name")?,
        category: get_parsed(row, "category")?,
        price: get_money(row, "price_piastres")?,
        quantity: row.get("quantity")?,
        min_stock: row.get("min_stock")?,
        created_at: get_instant(row, "created_at")?,
    })
}

fn movement_from_row(row: &Row<'_>) -> rusqlite::Result<StockMovement> {
    Ok(StockMovement {
        id: get_uuid(row, "id")?,
        item_id: get_uuid(row, "item_id")?,
        kind: get_parsed(row, "kind")?,
        delta: row.get("delta")?,
        quantity_after: row.get("quantity_after")?,
        reason: row.get("reason")?,
        at: get_instant(row, "at")?,
    })
}

fn consumption_from_row(row: &Row<'_>) -> rusqlite::Result<InventoryConsumption> {
    Ok(InventoryConsumption {
        id: get_uuid(row, "id")?,
        session_id: get_uuid(row, "session_id")?,
        item_id: get_uuid(row, "item_id")?,
        item_name: row.get("item_name")?,
        quantity: row.get("quantity")?,
        price_at_consumption: get_money(row, "price_at_consumption_piastres")?,
        consumed_at: get_instant(row, "consumed_at")?,
    })
}

/// A failed write of `item` as an error ([`translate`]): stock below zero, an id taken.
fn stock_error(e: rusqlite::Error, item: &InventoryItem) -> Error {
    translate(
        e,
        "inventory_items",
        &[("id", &item.id), ("name", &item.name)],
    )
}

/// Runs `sql`, the insert or the update, with every column of `item` bound by name.
fn write(conn: &Connection, sql: &str, item: &InventoryItem) -> rusqlite::Result<usize> {
    exec(
        conn,
        sql,
        named_params! {
            ":id": uuid(item.id),
            ":name": item.name,
            ":category": item.category.as_str(),
            ":price": piastres(item.price),
            ":quantity": item.quantity,
            ":min_stock": item.min_stock,
            ":created_at": instant(item.created_at),
        },
    )
}

/// Adds an item.
pub(crate) fn insert_item(conn: &Connection, item: &InventoryItem) -> Result<()> {
    write(
        conn,
        "INSERT INTO inventory_items (id, name, category, price_piastres, quantity,
             min_stock, created_at)
         VALUES (:id, :name, :category, :price, :quantity, :min_stock, :created_at)",
        item,
    )
    .map_err(|e| stock_error(e, item))
    .map(|_| ())
}

/// Saves a changed item; a negative quantity is refused by the schema.
pub(crate) fn update_item(conn: &Connection, item: &InventoryItem) -> Result<()> {
    let changed = exec(
        conn,
        "UPDATE inventory_items SET category = :category, price_piastres = :price,
             quantity = :quantity, min_stock = :min_stock, created_at = :created_at
         WHERE id = :id",
        named_params! {
            ":id": uuid(item.id),
            ":category": item.category.as_str(),
            ":price": piastres(item.price),
            ":quantity": item.quantity,
            ":min_stock": item.min_stock,
            ":created_at": instant(item.created_at),
        },
    )
    .map_err(|e| stock_error(e, item))?;
    touched(changed, "inventory item", item.id)?;
    // The name, by a second statement only when it changed (see `sessions::update`).
    exec(
        conn,
        "UPDATE inventory_items SET name = :name WHERE id = :id AND name <> :name",
        named_params! { ":id": uuid(item.id), ":name": item.name },
    )
    .map_err(|e| stock_error(e, item))?;
    Ok(())
}

/// An item by id.
pub(crate) fn item(conn: &Connection, id: Uuid) -> Result<Option<InventoryItem>> {
    one(
        conn,
        select_item!("WHERE id = ?1"),
        [uuid(id)],
        item_from_row,
    )
}

/// Every item by name, then id.
pub(crate) fn items(conn: &Connection) -> Result<Vec<InventoryItem>> {
    many(conn, select_item!("ORDER BY name, id"), [], item_from_row)
}

/// Records a stock movement.
pub(crate) fn insert_movement(conn: &Connection, m: &StockMovement) -> Result<()> {
    exec(
        conn,
        "INSERT INTO stock_movements (id, item_id, kind, delta, quantity_after, reason, at)
         VALUES (:id, :item_id, :kind, :delta, :quantity_after, :reason, :at)",
        named_params! {
            ":id": uuid(m.id),
            ":item_id": uuid(m.item_id),
            ":kind": m.kind.as_str(),
            ":delta": m.delta,
            ":quantity_after": m.quantity_after,
            ":reason": m.reason,
            ":at": instant(m.at),
        },
    )
    .map_err(storage)
    .map(|_| ())
}

/// An item's movements, by instant then insertion.
pub(crate) fn movements(conn: &Connection, item_id: Uuid) -> Result<Vec<StockMovement>> {
    many(
        conn,
        "SELECT id, item_id, kind, delta, quantity_after, reason, at FROM stock_movements
         WHERE item_id = ?1 ORDER BY at, seq",
        [uuid(item_id)],
        movement_from_row,
    )
}

/// Adds a consumption.
pub(crate) fn insert_consumption(conn: &Connection, c: &InventoryConsumption) -> Result<()> {
    exec(
        conn,
        "INSERT INTO consumptions (id, session_id, item_id, item_name, quantity,
             price_at_consumption_piastres, consumed_at)
         VALUES (:id, :session_id, :item_id, :item_name, :quantity, :price, :consumed_at)",
        named_params! {
            ":id": uuid(c.id),
            ":session_id": uuid(c.session_id),
            ":item_id": uuid(c.item_id),
            ":item_name": c.item_name,
            ":quantity": c.quantity,
            ":price": piastres(c.price_at_consumption),
            ":consumed_at": instant(c.consumed_at),
        },
    )
    .map_err(storage)
    .map(|_| ())
}

/// Removes a consumption.
pub(crate) fn delete_consumption(conn: &Connection, id: Uuid) -> Result<()> {
    let changed =
        exec(conn, "DELETE FROM consumptions WHERE id = ?1", [uuid(id)]).map_err(storage)?;
    touched(changed, "consumption", id)
}

/// A consumption by id.
pub(crate) fn consumption(conn: &Connection, id: Uuid) -> Result<Option<InventoryConsumption>> {
    one(
        conn,
        select_consumption!("WHERE id = ?1"),
        [uuid(id)],
        consumption_from_row,
    )
}

/// A session's consumptions, by instant then insertion.
pub(crate) fn consumptions_of_session(
    conn: &Connection,
    session_id: Uuid,
) -> Result<Vec<InventoryConsumption>> {
    many(
        conn,
        select_consumption!("WHERE session_id = ?1 ORDER BY consumed_at, seq"),
        [uuid(session_id)],
        consumption_from_row,
    )
}
