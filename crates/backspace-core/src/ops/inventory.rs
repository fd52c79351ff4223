//! Café stock (§8).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{Backspace, MAX_QUANTITY, Op, found, quantity};
use crate::error::{Error, Result};
use crate::model::{Category, InventoryItem, ItemUpdate, MovementKind, StockMovement, new_id};
use crate::money::{Zero, normalize_amount};
use crate::staff::Permission;
use crate::store::{Store, StoreTx};
use crate::text::{normalize_name, normalize_text};

fn record(
    tx: &mut dyn StoreTx,
    item: &InventoryItem,
    kind: MovementKind,
    delta: i64,
    reason: Option<String>,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.insert_movement(&StockMovement {
        id: new_id(),
        item_id: item.id,
        kind,
        delta,
        quantity_after: item.quantity,
        reason,
        at,
    })
}

impl<S: Store> Backspace<S> {
    /// Adds a café item with its opening stock (recorded as an `initial` movement).
    pub fn add_inventory_item(
        &self,
        name: &str,
        category: Category,
        price: Decimal,
        quantity_: i64,
        min_stock: i64,
    ) -> Result<InventoryItem> {
        let name = normalize_name("name", name)?;
        let price = normalize_amount("price", price, Zero::Allowed)?;
        let qty = quantity("quantity", quantity_, 0)?;
        let min_stock = quantity("min_stock", min_stock, 0)?;
        let op = Op::new("add_inventory_item", Permission::InventoryItems)
            .arg("name", name.as_str())
            .arg("category", category.as_str())
            .arg("price", price.to_string())
            .arg("quantity", qty)
            .arg("min_stock", min_stock);
        self.write(op, |tx, at| {
            let item = InventoryItem {
                id: new_id(),
                name: name.clone(),
                category,
                price,
                quantity: qty,
                min_stock,
                created_at: at,
            };
            tx.insert_item(&item)?;
            record(tx, &item, MovementKind::Initial, qty, None, at)?;
            Ok(item)
        })
    }

    /// An item by id.
    pub fn get_inventory_item(&self, id: Uuid) -> Result<InventoryItem> {
        self.read(|tx| found(tx.item(id)?, "inventory item", id))
    }

    /// Every item, by name.
    pub fn list_inventory_items(&self) -> Result<Vec<InventoryItem>> {
        self.read(|tx| tx.items())
    }

    /// Changes an item's name, category, price or low-stock threshold.
    pub fn update_inventory_item(&self, id: Uuid, update: ItemUpdate) -> Result<InventoryItem> {
        let name = update
            .name
            .as_deref()
            .map(|n| normalize_name("name", n))
            .transpose()?;
        let price = update
            .price
            .map(|p| normalize_amount("price", p, Zero::Allowed))
            .transpose()?;
        let min_stock = update
            .min_stock
            .map(|m| quantity("min_stock", m, 0))
            .transpose()?;
        let op = Op::new("update_inventory_item", Permission::InventoryItems)
            .undated()
            .id(id)
            .opt("name", name.clone())
            .opt("category", update.category.map(|c| c.as_str()))
            .opt("price", price.map(|p| p.to_string()))
            .opt("min_stock", min_stock);
        self.write(op, |tx, _| {
            let mut item = found(tx.item(id)?, "inventory item", id)?;
            if let Some(name) = name.clone() {
                item.name = name;
            }
            if let Some(c) = update.category {
                item.category = c;
            }
            if let Some(p) = price {
                item.price = p;
            }
            if let Some(m) = min_stock {
                item.min_stock = m;
            }
            tx.update_item(&item)?;
            Ok(item)
        })
    }

    /// Receives `n ≥ 1` units (R-INV-6).
    pub fn restock(&self, id: Uuid, n: i64) -> Result<InventoryItem> {
        let n = quantity("quantity", n, 1)?;
        let op = Op::new("restock", Permission::Desk)
            .id(id)
            .arg("quantity", n);
        self.write(op, |tx, at| {
            let mut item = found(tx.item(id)?, "inventory item", id)?;
            item.quantity = checked_stock(item.quantity + n)?;
            tx.update_item(&item)?;
            record(tx, &item, MovementKind::Restock, n, None, at)?;
            Ok(item)
        })
    }

    /// Corrects stock by `delta ≠ 0` with a reason; below zero is an insufficient-stock error (R-INV-6).
    pub fn adjust_stock(&self, id: Uuid, delta: i64, reason: &str) -> Result<InventoryItem> {
        // `unsigned_abs`: `i64::MIN.abs()` overflows.
        if delta == 0 || delta.unsigned_abs() > MAX_QUANTITY.unsigned_abs() {
            return Err(Error::validation(
                "delta",
                format!("must be non-zero and at most {MAX_QUANTITY} either way, got {delta}"),
            ));
        }
        let reason = normalize_text("reason", Some(reason))?
            .ok_or_else(|| Error::validation("reason", "must not be blank"))?;
        let op = Op::new("adjust_stock", Permission::AdjustStock)
            .id(id)
            .arg("delta", delta)
            .arg("reason", reason.as_str());
        self.write(op, |tx, at| {
            let mut item = found(tx.item(id)?, "inventory item", id)?;
            if item.quantity + delta < 0 {
                return Err(Error::InsufficientStock {
                    item: item.name,
                    available: item.quantity,
                    requested: -delta,
                });
            }
            item.quantity = checked_stock(item.quantity + delta)?;
            tx.update_item(&item)?;
            record(
                tx,
                &item,
                MovementKind::Adjustment,
                delta,
                Some(reason.clone()),
                at,
            )?;
            Ok(item)
        })
    }

    /// Items at or below their minimum stock (R-INV-7).
    pub fn low_stock(&self) -> Result<Vec<InventoryItem>> {
        Ok(self
            .list_inventory_items()?
            .into_iter()
            .filter(InventoryItem::is_low)
            .collect())
    }

    /// An item's stock card (R-INV-6): its movements by instant, each with the quantity after
    /// it along that order, so every row is the previous row's quantity plus its delta and the
    /// last row is the item's quantity. (A back-dated movement is listed at its instant; the
    /// quantity stored when it was recorded is not what the card shows.)
    pub fn stock_movements(&self, id: Uuid) -> Result<Vec<StockMovement>> {
        self.read(|tx| {
            found(tx.item(id)?, "inventory item", id)?;
            let mut running = 0;
            Ok(tx
                .movements(id)?
                .into_iter()
                .map(|m| {
                    running += m.delta;
                    StockMovement {
                        quantity_after: running,
                        ..m
                    }
                })
                .collect())
        })
    }
}

fn checked_stock(q: i64) -> Result<i64> {
    if q > MAX_QUANTITY {
        return Err(Error::validation(
            "quantity",
            format!("stock would exceed {MAX_QUANTITY}"),
        ));
    }
    Ok(q)
}
