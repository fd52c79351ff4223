//! The `subscriptions` table: the chain's (a subscriber is covered in every branch; branch_id
//! says which branch sold it), listed oldest first (insertion order `seq`).

use backspace_core::{Result, Subscription, Uuid};
use postgres::Row;

use crate::convert::{get, money, parsed, piastres};
use crate::db::Db;

/// `SELECT` of every column, followed by the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT id, customer_id, plan, start_date, end_date, price_piastres, is_active, ",
            "invoice_id, created_at FROM subscriptions ",
            $rest
        )
    };
}

/// A subscription from the columns of `select!`, by position.
fn from_row(row: &Row) -> Result<Subscription> {
    Ok(Subscription {
        id: get(row, 0)?,
        customer_id: get(row, 1)?,
        plan_type: parsed(row, 2)?,
        start_date: get(row, 3)?,
        end_date: get(row, 4)?,
        price: money(row, 5)?,
        is_active: get(row, 6)?,
        invoice_id: get(row, 7)?,
        created_at: get(row, 8)?,
    })
}

/// Adds a subscription, sold by the branch.
pub(crate) fn insert(db: &mut Db<'_, '_>, s: &Subscription) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec(
        "INSERT INTO subscriptions (id, branch_id, customer_id, plan, start_date, end_date,
             price_piastres, is_active, invoice_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &[
            &s.id,
            &branch,
            &s.customer_id,
            &s.plan_type.as_str(),
            &s.start_date,
            &s.end_date,
            &piastres(s.price),
            &s.is_active,
            &s.invoice_id,
            &s.created_at,
        ],
    )
    .map(|_| ())
}

/// Saves a changed subscription, whichever branch sold it; not-found when there is none.
pub(crate) fn update(db: &mut Db<'_, '_>, s: &Subscription) -> Result<()> {
    db.writing_branch()?;
    db.exec_touching(
        "UPDATE subscriptions SET customer_id = $2, plan = $3, start_date = $4, end_date = $5,
             price_piastres = $6, is_active = $7, invoice_id = $8, created_at = $9
         WHERE id = $1",
        &[
            &s.id,
            &s.customer_id,
            &s.plan_type.as_str(),
            &s.start_date,
            &s.end_date,
            &piastres(s.price),
            &s.is_active,
            &s.invoice_id,
            &s.created_at,
        ],
        "subscription",
        s.id,
    )
}

/// A subscription by id, in the whole chain.
pub(crate) fn by_id(db: &mut Db<'_, '_>, id: Uuid) -> Result<Option<Subscription>> {
    db.one(select!("WHERE id = $1"), &[&id], from_row)
}

/// A customer's subscriptions from every branch, oldest first.
pub(crate) fn of_customer(db: &mut Db<'_, '_>, customer_id: Uuid) -> Result<Vec<Subscription>> {
    db.many(
        select!("WHERE customer_id = $1 ORDER BY seq"),
        &[&customer_id],
        from_row,
    )
}

/// Every active subscription of the chain, oldest first.
pub(crate) fn active(db: &mut Db<'_, '_>) -> Result<Vec<Subscription>> {
    db.many(select!("WHERE is_active ORDER BY seq"), &[], from_row)
}
