//! The `customers` table: unique phone and human id, listed by human id (length, then text).

use backspace_core::{Customer, Error, Result, Uuid};
use rusqlite::{Connection, Row, named_params};

use crate::constraints::{Lazy, translate};
use crate::convert::{get_instant, get_money, get_parsed, get_uuid, instant, piastres, uuid};
use crate::query::{exec, many, one, touched};

/// `SELECT` of every column, followed by the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT id, human_id, name, phone, email, customer_type, balance_piastres, ",
            "credit_piastres, notes, created_at FROM customers ",
            $rest
        )
    };
}

/// A customer from the columns of `select!`, by position.
fn from_row(row: &Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: get_uuid(row, 0)?,
        human_id: row.get(1)?,
        name: row.get(2)?,
        phone: row.get(3)?,
        email: row.get(4)?,
        customer_type: get_parsed(row, 5)?,
        balance: get_money(row, 6)?,
        credit: get_money(row, 7)?,
        notes: row.get(8)?,
        created_at: get_instant(row, 9)?,
    })
}

/// A failed write of `c` as an error ([`translate`]); a taken phone names its owner.
fn clash(conn: &Connection, e: rusqlite::Error, c: &Customer) -> Error {
    let owner = Lazy(|| {
        by_phone(conn, &c.phone)
            .ok()
            .flatten()
            .map(|o| o.human_id)
            .unwrap_or_else(|| "another customer".into())
    });
    translate(
        e,
        "customers",
        &[
            ("id", &c.id),
            ("human_id", &c.human_id),
            ("phone", &c.phone),
            ("owner", &owner),
        ],
    )
}

/// Runs `sql`, the insert or the update, with every column of `c` bound by name.
fn write(conn: &Connection, sql: &str, c: &Customer) -> rusqlite::Result<usize> {
    exec(
        conn,
        sql,
        named_params! {
            ":id": uuid(c.id),
            ":human_id": c.human_id,
            ":name": c.name,
            ":phone": c.phone,
            ":email": c.email,
            ":customer_type": c.customer_type.as_str(),
            ":balance": piastres(c.balance),
            ":credit": piastres(c.credit),
            ":notes": c.notes,
            ":created_at": instant(c.created_at),
        },
    )
}

/// Adds a customer.
pub(crate) fn insert(conn: &Connection, c: &Customer) -> Result<()> {
    write(
        conn,
        "INSERT INTO customers (id, human_id, name, phone, email, customer_type,
             balance_piastres, credit_piastres, notes, created_at)
         VALUES (:id, :human_id, :name, :phone, :email, :customer_type,
             :balance, :credit, :notes, :created_at)",
        c,
    )
    .map_err(|e| clash(conn, e, c))
    .map(|_| ())
}

/// Saves a changed customer. The human id and phone are written by a second statement only when
/// one of them changed, so a balance moving leaves their unique indexes alone (see
/// `sessions::update`).
pub(crate) fn update(conn: &Connection, c: &Customer) -> Result<()> {
    let changed = exec(
        conn,
        "UPDATE customers SET name = :name, email = :email, customer_type = :customer_type,
             balance_piastres = :balance, credit_piastres = :credit, notes = :notes,
             created_at = :created_at
         WHERE id = :id",
        named_params! {
            ":id": uuid(c.id),
            ":name": c.name,
            ":email": c.email,
            ":customer_type": c.customer_type.as_str(),
            ":balance": piastres(c.balance),
            ":credit": piastres(c.credit),
            ":notes": c.notes,
            ":created_at": instant(c.created_at),
        },
    )
    .map_err(|e| clash(conn, e, c))?;
    touched(changed, "customer", c.id)?;
    exec(
        conn,
        "UPDATE customers SET human_id = :human_id, phone = :phone
         WHERE id = :id AND (human_id <> :human_id OR phone <> :phone)",
        named_params! { ":id": uuid(c.id), ":human_id": c.human_id, ":phone": c.phone },
    )
    .map_err(|e| clash(conn, e, c))?;
    Ok(())
}

/// A customer by id.
pub(crate) fn by_id(conn: &Connection, id: Uuid) -> Result<Option<Customer>> {
    one(conn, select!("WHERE id = ?1"), [uuid(id)], from_row)
}

/// A customer by E.164 phone.
pub(crate) fn by_phone(conn: &Connection, phone: &str) -> Result<Option<Customer>> {
    one(conn, select!("WHERE phone = ?1"), [phone], from_row)
}

/// A customer by `C-…` id.
pub(crate) fn by_human_id(conn: &Connection, human_id: &str) -> Result<Option<Customer>> {
    one(conn, select!("WHERE human_id = ?1"), [human_id], from_row)
}

/// The customers with these ids, in one statement (ids sorted, so the primary-key lookups walk
/// the index in order).
pub(crate) fn by_ids(conn: &Connection, ids: &[Uuid]) -> Result<Vec<Customer>> {
    let mut text: Vec<String> = ids.iter().map(|&id| uuid(id)).collect();
    text.sort_unstable();
    text.dedup();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let json = format!("[\"{}\"]", text.join("\",\""));
    many(
        conn,
        select!("WHERE id IN (SELECT value FROM json_each(?1))"),
        [json],
        from_row,
    )
}

/// Every customer by human id: shorter first, then by text.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Customer>> {
    many(
        conn,
        select!("ORDER BY octet_length(human_id), human_id"),
        [],
        from_row,
    )
}
