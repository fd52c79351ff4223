//! Café stock: each branch's `inventory_items` (quantity never negative: the
//! `stock_not_negative` CHECK is the backstop), and their `stock_movements` and the sessions'
//! `consumptions`, which follow their parent's branch (by instant, then insertion order `seq`).

use backspace_core::{Error, InventoryConsumption, InventoryItem, Result, StockMovement, Uuid};
use postgres::Row;

use crate::convert::{get, money, parsed, piastres};
use crate::db::Db;

/// `SELECT` of every item column, followed by the rest of the query.
macro_rules! select_item {
    ($($rest:tt)*) => {
        concat!(
            "SELECT id, name, category, price_piastres, quantity, min_stock, created_at ",
            "FROM inventory_items ",
            $($rest)*
        )
    };
}

/// `SELECT` of every consumption column (table alias `c`), followed by the rest of the query.
macro_rules! select_consumption {
    ($($rest:tt)*) => {
        concat!(
            "SELECT c.id, c.session_id, c.item_id, c.item_name, c.quantity, ",
            "c.price_at_consumption_piastres, c.consumed_at FROM consumptions c ",
            $($rest)*
        )
    };
}

/// An item from the columns of `select_item!`, by position.
fn item_from_row(row: &Row) -> Result<InventoryItem> {
    Ok(InventoryItem {
        id: get(row, 0)?,
        name: get(row, 1)?,
        category: parsed(row, 2)?,
        price: money(row, 3)?,
        quantity: get(row, 4)?,
        min_stock: get(row, 5)?,
        created_at: get(row, 6)?,
    })
}

/// A stock movement from the columns of `movements`' query, by position.
fn movement_from_row(row: &Row) -> Result<StockMovement> {
    Ok(StockMovement {
        id: get(row, 0)?,
        item_id: get(row, 1)?,
        kind: parsed(row, 2)?,
        delta: get(row, 3)?,
        quantity_after: get(row, 4)?,
        reason: get(row, 5)?,
        at: get(row, 6)?,
    })
}

/// A consumption from the columns of `select_consumption!`, by position.
fn consumption_from_row(row: &Row) -> Result<InventoryConsumption> {
    Ok(InventoryConsumption {
        id: get(row, 0)?,
        session_id: get(row, 1)?,
        item_id: get(row, 2)?,
        item_name: get(row, 3)?,
        quantity: get(row, 4)?,
        price_at_consumption: money(row, 5)?,
        consumed_at: get(row, 6)?,
    })
}

/// Adds an item to the branch. A negative opening stock is refused before writing.
pub(crate) fn insert_item(db: &mut Db<'_, '_>, item: &InventoryItem) -> Result<()> {
    let branch = db.writing_branch()?;
    if item.quantity < 0 {
        return Err(Error::InsufficientStock {
            item: item.name.clone(),
            available: 0,
            requested: item.quantity.saturating_neg(),
        });
    }
    db.exec(
        "INSERT INTO inventory_items (id, branch_id, name, category, price_piastres, quantity,
             min_stock, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &item.id,
            &branch,
            &item.name,
            &item.category.as_str(),
            &piastres(item.price),
            &item.quantity,
            &item.min_stock,
            &item.created_at,
        ],
    )
    .map(|_| ())
}

/// Saves a changed item of the branch; not-found when the branch has no such item. A negative
/// quantity is an insufficient-stock error naming what the branch holds (read before writing,
/// so the transaction stays usable); the `stock_not_negative` CHECK stays the backstop.
pub(crate) fn update_item(db: &mut Db<'_, '_>, item: &InventoryItem) -> Result<()> {
    let branch = db.writing_branch()?;
    if item.quantity < 0 {
        let held: Option<i64> = db.one(
            "SELECT quantity FROM inventory_items WHERE id = $1 AND branch_id = $2",
            &[&item.id, &branch],
            |r| get(r, 0),
        )?;
        let available = held.ok_or_else(|| Error::not_found("inventory item", item.id))?;
        return Err(Error::InsufficientStock {
            item: item.name.clone(),
            available,
            requested: available.saturating_sub(item.quantity),
        });
    }
    db.exec_touching(
        "UPDATE inventory_items SET name = $3, category = $4, price_piastres = $5,
             quantity = $6, min_stock = $7, created_at = $8
         WHERE id = $1 AND branch_id = $2",
        &[
            &item.id,
            &branch,
            &item.name,
            &item.category.as_str(),
            &piastres(item.price),
            &item.quantity,
            &item.min_stock,
            &item.created_at,
        ],
        "inventory item",
        item.id,
    )
}

/// An item of the branch (of any branch in the chain view) by id.
pub(crate) fn item(db: &mut Db<'_, '_>, id: Uuid) -> Result<Option<InventoryItem>> {
    let branch = db.branch();
    db.one(
        select_item!("WHERE id = $1 AND ($2::integer IS NULL OR branch_id = $2)"),
        &[&id, &branch],
        item_from_row,
    )
}

/// Every item of the branch (of the chain in the chain view) by name (byte order, as SQLite),
/// then id.
pub(crate) fn items(db: &mut Db<'_, '_>) -> Result<Vec<InventoryItem>> {
    let branch = db.branch();
    db.many(
        select_item!("WHERE $1::integer IS NULL OR branch_id = $1 ORDER BY name COLLATE \"C\", id"),
        &[&branch],
        item_from_row,
    )
}

/// Records a stock movement of an item of the branch; not-found when the branch has no such
/// item.
pub(crate) fn insert_movement(db: &mut Db<'_, '_>, m: &StockMovement) -> Result<()> {
    let branch = db.writing_branch()?;
    let added = db.exec(
        "INSERT INTO stock_movements (id, item_id, kind, delta, quantity_after, reason, at)
         SELECT $1::uuid, i.id, $3::text, $4::bigint, $5::bigint, $6::text, $7::timestamptz
         FROM inventory_items i WHERE i.id = $2::uuid AND i.branch_id = $8::integer",
        &[
            &m.id,
            &m.item_id,
            &m.kind.as_str(),
            &m.delta,
            &m.quantity_after,
            &m.reason,
            &m.at,
            &branch,
        ],
    )?;
    if added == 0 {
        return Err(Error::not_found("inventory item", m.item_id));
    }
    Ok(())
}

/// An item's movements (the branch's items only, any in the chain view), by instant then
/// insertion.
pub(crate) fn movements(db: &mut Db<'_, '_>, item_id: Uuid) -> Result<Vec<StockMovement>> {
    let branch = db.branch();
    db.many(
        "SELECT m.id, m.item_id, m.kind, m.delta, m.quantity_after, m.reason, m.at
         FROM stock_movements m
         WHERE m.item_id = $1 AND ($2::integer IS NULL OR EXISTS (
             SELECT 1 FROM inventory_items i WHERE i.id = $1 AND i.branch_id = $2))
         ORDER BY m.at, m.seq",
        &[&item_id, &branch],
        movement_from_row,
    )
}

/// Adds a consumption to a session of the branch; not-found when the branch has no such
/// session.
pub(crate) fn insert_consumption(db: &mut Db<'_, '_>, c: &InventoryConsumption) -> Result<()> {
    let branch = db.writing_branch()?;
    let added = db.exec(
        "INSERT INTO consumptions (id, session_id, item_id, item_name, quantity,
             price_at_consumption_piastres, consumed_at)
         SELECT $1::uuid, s.id, $3::uuid, $4::text, $5::bigint, $6::bigint, $7::timestamptz
         FROM sessions s WHERE s.id = $2::uuid AND s.branch_id = $8::integer",
        &[
            &c.id,
            &c.session_id,
            &c.item_id,
            &c.item_name,
            &c.quantity,
            &piastres(c.price_at_consumption),
            &c.consumed_at,
            &branch,
        ],
    )?;
    if added == 0 {
        return Err(Error::not_found("session", c.session_id));
    }
    Ok(())
}

/// Removes a consumption of a session of the branch; not-found when the branch has none.
pub(crate) fn delete_consumption(db: &mut Db<'_, '_>, id: Uuid) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec_touching(
        "DELETE FROM consumptions c WHERE c.id = $1 AND EXISTS (
             SELECT 1 FROM sessions s WHERE s.id = c.session_id AND s.branch_id = $2)",
        &[&id, &branch],
        "consumption",
        id,
    )
}

/// A consumption of a session of the branch (of any branch in the chain view) by id.
pub(crate) fn consumption(db: &mut Db<'_, '_>, id: Uuid) -> Result<Option<InventoryConsumption>> {
    let branch = db.branch();
    db.one(
        select_consumption!(
            "WHERE c.id = $1 AND ($2::integer IS NULL OR EXISTS (",
            "SELECT 1 FROM sessions s WHERE s.id = c.session_id AND s.branch_id = $2))"
        ),
        &[&id, &branch],
        consumption_from_row,
    )
}

/// A session's consumptions (a session of the branch, any in the chain view), by instant then
/// insertion.
pub(crate) fn consumptions_of_session(
    db: &mut Db<'_, '_>,
    session_id: Uuid,
) -> Result<Vec<InventoryConsumption>> {
    let branch = db.branch();
    db.many(
        select_consumption!(
            "WHERE c.session_id = $1 AND ($2::integer IS NULL OR EXISTS (",
            "SELECT 1 FROM sessions s WHERE s.id = $1 AND s.branch_id = $2)) ",
            "ORDER BY c.consumed_at, c.seq"
        ),
        &[&session_id, &branch],
        consumption_from_row,
    )
}
