//! Café stock (§8).

use backspace_core as bs;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::Backspace;
use crate::enums::Category;
use crate::error::Result;
use crate::records::{InventoryItem, StockMovement};

#[uniffi::export]
impl Backspace {
    /// Adds a café item with its opening stock (R-INV-1).
    #[uniffi::method(default(at = None))]
    pub fn add_inventory_item(
        &self,
        name: String,
        category: Category,
        price: Decimal,
        quantity: i64,
        min_stock: i64,
        at: Option<DateTime<Utc>>,
    ) -> Result<InventoryItem> {
        Ok(self
            .inner
            .at(at)
            .add_inventory_item(&name, category, price, quantity, min_stock)?)
    }

    /// An item by id.
    pub fn get_inventory_item(&self, id: Uuid) -> Result<InventoryItem> {
        Ok(self.inner.get_inventory_item(id)?)
    }

    /// Every item.
    pub fn list_inventory_items(&self) -> Result<Vec<InventoryItem>> {
        Ok(self.inner.list_inventory_items()?)
    }

    /// Renames, recategorises or re-prices an item, or changes its low-stock threshold; stock
    /// changes only through `restock` and `adjust_stock` (R-INV-3, R-INV-6).
    #[uniffi::method(default(name = None, category = None, price = None, min_stock = None))]
    pub fn update_inventory_item(
        &self,
        id: Uuid,
        name: Option<String>,
        category: Option<Category>,
        price: Option<Decimal>,
        min_stock: Option<i64>,
    ) -> Result<InventoryItem> {
        let update = bs::ItemUpdate {
            name,
            category,
            price,
            min_stock,
        };
        Ok(self.inner.update_inventory_item(id, update)?)
    }

    /// Receives `n` ≥ 1 units (R-INV-6).
    #[uniffi::method(default(at = None))]
    pub fn restock(&self, id: Uuid, n: i64, at: Option<DateTime<Utc>>) -> Result<InventoryItem> {
        Ok(self.inner.at(at).restock(id, n)?)
    }

    /// Corrects the stock by `delta` ≠ 0 with a reason; below zero is an insufficient-stock error (R-INV-6).
    #[uniffi::method(default(at = None))]
    pub fn adjust_stock(
        &self,
        id: Uuid,
        delta: i64,
        reason: String,
        at: Option<DateTime<Utc>>,
    ) -> Result<InventoryItem> {
        Ok(self.inner.at(at).adjust_stock(id, delta, &reason)?)
    }

    /// Items at or below their minimum stock (R-INV-7).
    pub fn low_stock(&self) -> Result<Vec<InventoryItem>> {
        Ok(self.inner.low_stock()?)
    }

    /// An item's stock history (R-INV-6).
    pub fn stock_movements(&self, id: Uuid) -> Result<Vec<StockMovement>> {
        Ok(self.inner.stock_movements(id)?)
    }
}
