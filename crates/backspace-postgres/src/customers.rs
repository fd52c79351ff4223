//! The `customers` table (the chain's, no branch): unique phone and human id, listed by human
//! id (length, then text).

use backspace_core::{Customer, Result, Uuid};
use postgres::Row;

use crate::convert::{get, money, parsed, piastres};
use crate::db::Db;

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
fn from_row(row: &Row) -> Result<Customer> {
    Ok(Customer {
        id: get(row, 0)?,
        human_id: get(row, 1)?,
        name: get(row, 2)?,
        phone: get(row, 3)?,
        email: get(row, 4)?,
        customer_type: parsed(row, 5)?,
        balance: money(row, 6)?,
        credit: money(row, 7)?,
        notes: get(row, 8)?,
        created_at: get(row, 9)?,
    })
}

/// Adds a customer. A taken phone, human id or id is a conflict (`error.rs` words it).
pub(crate) fn insert(db: &mut Db<'_, '_>, c: &Customer) -> Result<()> {
    db.writing_branch()?;
    db.exec(
        "INSERT INTO customers (id, human_id, name, phone, email, customer_type,
             balance_piastres, credit_piastres, notes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &[
            &c.id,
            &c.human_id,
            &c.name,
            &c.phone,
            &c.email,
            &c.customer_type.as_str(),
            &piastres(c.balance),
            &piastres(c.credit),
            &c.notes,
            &c.created_at,
        ],
    )
    .map(|_| ())
}

/// Saves a changed customer; not-found when there is no such customer.
pub(crate) fn update(db: &mut Db<'_, '_>, c: &Customer) -> Result<()> {
    db.writing_branch()?;
    db.exec_touching(
        "UPDATE customers SET human_id = $2, name = $3, phone = $4, email = $5,
             customer_type = $6, balance_piastres = $7, credit_piastres = $8, notes = $9,
             created_at = $10
         WHERE id = $1",
        &[
            &c.id,
            &c.human_id,
            &c.name,
            &c.phone,
            &c.email,
            &c.customer_type.as_str(),
            &piastres(c.balance),
            &piastres(c.credit),
            &c.notes,
            &c.created_at,
        ],
        "customer",
        c.id,
    )
}

/// A customer by id.
pub(crate) fn by_id(db: &mut Db<'_, '_>, id: Uuid) -> Result<Option<Customer>> {
    db.one(select!("WHERE id = $1"), &[&id], from_row)
}

/// A customer by E.164 phone.
pub(crate) fn by_phone(db: &mut Db<'_, '_>, phone: &str) -> Result<Option<Customer>> {
    db.one(select!("WHERE phone = $1"), &[&phone], from_row)
}

/// A customer by `C-…` id.
pub(crate) fn by_human_id(db: &mut Db<'_, '_>, human_id: &str) -> Result<Option<Customer>> {
    db.one(select!("WHERE human_id = $1"), &[&human_id], from_row)
}

/// Every customer by human id: shorter first, then by text (byte order, as SQLite).
pub(crate) fn all(db: &mut Db<'_, '_>) -> Result<Vec<Customer>> {
    db.many(
        select!("ORDER BY octet_length(human_id), human_id COLLATE \"C\""),
        &[],
        from_row,
    )
}

/// The customers with these ids, in one statement, by id.
pub(crate) fn by_ids(db: &mut Db<'_, '_>, ids: &[Uuid]) -> Result<Vec<Customer>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    db.many(select!("WHERE id = ANY($1) ORDER BY id"), &[&ids], from_row)
}
