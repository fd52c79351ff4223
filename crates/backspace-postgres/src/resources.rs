//! The `resources` table: each branch's seats, rooms and desks, names unique in the branch
//! ignoring case, listed by name then id.

use backspace_core::{Error, Resource, Result, Uuid};
use postgres::Row;

use crate::convert::{get, money, parsed, piastres};
use crate::db::Db;

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

/// A resource from the columns of `select!`, by position.
fn from_row(row: &Row) -> Result<Resource> {
    Ok(Resource {
        id: get(row, 0)?,
        name: get(row, 1)?,
        resource_type: parsed(row, 2)?,
        rate_per_hour: money(row, 3)?,
        is_available: get(row, 4)?,
        out_of_service: get(row, 5)?,
        created_at: get(row, 6)?,
    })
}

/// Adds a resource to the branch. A name the branch already has is a conflict.
pub(crate) fn insert(db: &mut Db<'_, '_>, r: &Resource) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec(
        "INSERT INTO resources (id, branch_id, name, resource_type, rate_per_hour_piastres,
             is_available, out_of_service, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &r.id,
            &branch,
            &r.name,
            &r.resource_type.as_str(),
            &piastres(r.rate_per_hour),
            &r.is_available,
            &r.out_of_service,
            &r.created_at,
        ],
    )
    .map(|_| ())
}

/// Saves a changed resource of the branch; not-found when the branch has no such resource.
pub(crate) fn update(db: &mut Db<'_, '_>, r: &Resource) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec_touching(
        "UPDATE resources SET name = $3, resource_type = $4, rate_per_hour_piastres = $5,
             is_available = $6, out_of_service = $7, created_at = $8
         WHERE id = $1 AND branch_id = $2",
        &[
            &r.id,
            &branch,
            &r.name,
            &r.resource_type.as_str(),
            &piastres(r.rate_per_hour),
            &r.is_available,
            &r.out_of_service,
            &r.created_at,
        ],
        "resource",
        r.id,
    )
}

/// Deletes a resource of the branch; one that sessions or bookings refer to is a conflict
/// (checked in the statement itself, so no foreign key breaks and the transaction goes on).
pub(crate) fn delete(db: &mut Db<'_, '_>, id: Uuid) -> Result<()> {
    let branch = db.writing_branch()?;
    let deleted = db.exec(
        "DELETE FROM resources WHERE id = $1 AND branch_id = $2
             AND NOT EXISTS (SELECT 1 FROM sessions WHERE resource_id = $1)
             AND NOT EXISTS (SELECT 1 FROM reservations WHERE resource_id = $1)",
        &[&id, &branch],
    )?;
    if deleted > 0 {
        return Ok(());
    }
    if by_id(db, id)?.is_some() {
        Err(Error::Conflict(format!(
            "resource {id} has sessions and cannot be deleted"
        )))
    } else {
        Err(Error::not_found("resource", id))
    }
}

/// A resource of the branch (of any branch in the chain view) by id.
pub(crate) fn by_id(db: &mut Db<'_, '_>, id: Uuid) -> Result<Option<Resource>> {
    let branch = db.branch();
    db.one(
        select!("WHERE id = $1 AND ($2::integer IS NULL OR branch_id = $2)"),
        &[&id, &branch],
        from_row,
    )
}

/// Every resource of the branch (of the chain in the chain view) by name (byte order, as
/// SQLite), then id.
pub(crate) fn all(db: &mut Db<'_, '_>) -> Result<Vec<Resource>> {
    let branch = db.branch();
    db.many(
        select!("WHERE $1::integer IS NULL OR branch_id = $1 ORDER BY name COLLATE \"C\", id"),
        &[&branch],
        from_row,
    )
}

/// Whether any session, active or ended, used the resource.
pub(crate) fn has_sessions(db: &mut Db<'_, '_>, id: Uuid) -> Result<bool> {
    let found: Option<bool> = db.one(
        "SELECT EXISTS (SELECT 1 FROM sessions WHERE resource_id = $1)",
        &[&id],
        |r| get(r, 0),
    )?;
    Ok(found.unwrap_or(false))
}
