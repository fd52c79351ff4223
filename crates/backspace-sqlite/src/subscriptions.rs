//! The `subscriptions` table, listed oldest first (insertion order `seq`).

use backspace_core::{Result, Subscription, Uuid};
use rusqlite::{Connection, Row, named_params};

use crate::convert::{
    date, get_date, get_flag, get_instant, get_money, get_parsed, get_uuid, instant, piastres, uuid,
};
use crate::error::storage;
use crate::query::{exec, many, one, touched};

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

fn from_row(row: &Row<'_>) -> rusqlite::Result<Subscription> {
    Ok(Subscription {
        id: get_uuid(row, "id")?,
        customer_id: get_uuid(row, "customer_id")?,
        plan_type: get_parsed(row, "plan")?,
        start_date: get_date(row, "start_date")?,
        end_date: get_date(row, "end_date")?,
        price: get_money(row, "price_piastres")?,
        is_active: get_flag(row, "is_active")?,
        invoice_id: get_uuid(row, "invoice_id")?,
        created_at: get_instant(row, "created_at")?,
    })
}

/// Runs `sql`, the insert or the update, with every column of `s` bound by name.
fn write(conn: &Connection, sql: &str, s: &Subscription) -> rusqlite::Result<usize> {
    exec(
        conn,
        sql,
        named_params! {
            ":id": uuid(s.id),
            ":customer_id": uuid(s.customer_id),
            ":plan": s.plan_type.as_str(),
            ":start_date": date(s.start_date),
            ":end_date": date(s.end_date),
            ":price": piastres(s.price),
            ":is_active": s.is_active,
            ":invoice_id": uuid(s.invoice_id),
            ":created_at": instant(s.created_at),
        },
    )
}

/// Adds a subscription.
pub(crate) fn insert(conn: &Connection, s: &Subscription) -> Result<()> {
    write(
        conn,
        "INSERT INTO subscriptions (id, customer_id, plan, start_date, end_date,
             price_piastres, is_active, invoice_id, created_at)
         VALUES (:id, :customer_id, :plan, :start_date, :end_date, :price, :is_active,
             :invoice_id, :created_at)",
        s,
    )
    .map_err(storage)
    .map(|_| ())
}

/// Saves a changed subscription.
pub(crate) fn update(conn: &Connection, s: &Subscription) -> Result<()> {
    let changed = write(
        conn,
        "UPDATE subscriptions SET customer_id = :customer_id, plan = :plan,
             start_date = :start_date, end_date = :end_date, price_piastres = :price,
             is_active = :is_active, invoice_id = :invoice_id, created_at = :created_at
         WHERE id = :id",
        s,
    )
    .map_err(storage)?;
    touched(changed, "subscription", s.id)
}

/// A subscription by id.
pub(crate) fn by_id(conn: &Connection, id: Uuid) -> Result<Option<Subscription>> {
    one(conn, select!("WHERE id = ?1"), [uuid(id)], from_row)
}

/// A customer's subscriptions, oldest first.
pub(crate) fn of_customer(conn: &Connection, customer_id: Uuid) -> Result<Vec<Subscription>> {
    many(
        conn,
        select!("WHERE customer_id = ?1 ORDER BY seq"),
        [uuid(customer_id)],
        from_row,
    )
}

/// Every active subscription, oldest first.
pub(crate) fn active(conn: &Connection) -> Result<Vec<Subscription>> {
    many(
        conn,
        select!("WHERE is_active = 1 ORDER BY seq"),
        [],
        from_row,
    )
}
