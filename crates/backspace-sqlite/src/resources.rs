//! The `resources` table: names unique ignoring ASCII case, listed by name then id.

use backspace_core::{Error, Resource, Result, Uuid};
use rusqlite::{Connection, Row, named_params};

use crate::constraints::translate;
use crate::convert::{
    get_flag, get_instant, get_money, get_parsed, get_uuid, instant, piastres, uuid,
};
use crate::error::Db;
use crate::query::{exec, many, one, touched};

/// `SELECT` of every column, followed by the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT id, name, resource_type, rate_per_hour_piastres, is_available, ",
            "out_of_service, created_at FROM resources ",
            $rest
        )
    };
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Resource> {
    Ok(Resource {
        id: get_uuid(row, "id")?,
        name: row.get("name")?,
        resource_type: get_parsed(row, "resource_type")?,
        rate_per_hour: get_money(row, "rate_per_hour_piastres")?,
        is_available: get_flag(row, "is_available")?,
        out_of_service: get_flag(row, "out_of_service")?,
        created_at: get_instant(row, "created_at")?,
    })
}

/// A failed write of `r` as an error ([`translate`]).
fn clash(e: rusqlite::Error, r: &Resource) -> Error {
    translate(e, "resources", &[("id", &r.id), ("name", &r.name)])
}

/// Runs `sql`, the insert or the update, with every column of `r` bound by name.
fn write(conn: &Connection, sql: &str, r: &Resource) -> rusqlite::Result<usize> {
    exec(
        conn,
        sql,
        named_params! {
            ":id": uuid(r.id),
            ":name": r.name,
            ":resource_type": r.resource_type.as_str(),
            ":rate": piastres(r.rate_per_hour),
            ":is_available": r.is_available,
            ":out_of_service": r.out_of_service,
            ":created_at": instant(r.created_at),
        },
    )
}

/// Adds a resource.
pub(crate) fn insert(conn: &Connection, r: &Resource) -> Result<()> {
    write(
        conn,
        "INSERT INTO resources (id, name, resource_type, rate_per_hour_piastres,
             is_available, out_of_service, created_at)
         VALUES (:id, :name, :resource_type, :rate, :is_available, :out_of_service, :created_at)",
        r,
    )
    .map_err(|e| clash(e, r))
    .map(|_| ())
}

/// Saves a changed resource. Its name is written by a second statement only when it changed, so
/// a session taking or freeing the resource leaves the name indexes alone (see
/// `sessions::update`).
pub(crate) fn update(conn: &Connection, r: &Resource) -> Result<()> {
    let changed = exec(
        conn,
        "UPDATE resources SET resource_type = :resource_type, rate_per_hour_piastres = :rate,
             is_available = :is_available, out_of_service = :out_of_service,
             created_at = :created_at
         WHERE id = :id",
        named_params! {
            ":id": uuid(r.id),
            ":resource_type": r.resource_type.as_str(),
            ":rate": piastres(r.rate_per_hour),
            ":is_available": r.is_available,
            ":out_of_service": r.out_of_service,
            ":created_at": instant(r.created_at),
        },
    )
    .map_err(|e| clash(e, r))?;
    touched(changed, "resource", r.id)?;
    exec(
        conn,
        "UPDATE resources SET name = :name WHERE id = :id AND name <> :name",
        named_params! { ":id": uuid(r.id), ":name": r.name },
    )
    .map_err(|e| clash(e, r))?;
    Ok(())
}

/// Deletes a resource; one with sessions is refused by its foreign keys.
pub(crate) fn delete(conn: &Connection, id: Uuid) -> Result<()> {
    let changed = exec(conn, "DELETE FROM resources WHERE id = ?1", [uuid(id)])
        .map_err(|e| translate(e, "resources", &[("id", &id)]))?;
    touched(changed, "resource", id)
}

/// A resource by id.
pub(crate) fn by_id(conn: &Connection, id: Uuid) -> Result<Option<Resource>> {
    one(conn, select!("WHERE id = ?1"), [uuid(id)], from_row)
}

/// Every resource by name, then id.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Resource>> {
    many(conn, select!("ORDER BY name, id"), [], from_row)
}

/// Whether any session used the resource.
pub(crate) fn has_sessions(conn: &Connection, id: Uuid) -> Result<bool> {
    crate::query::count();
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM sessions WHERE resource_id = ?1)")
        .and_then(|mut stmt| stmt.query_row([uuid(id)], |r| r.get(0)))
        .db()
}
