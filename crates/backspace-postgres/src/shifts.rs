//! `shifts` and `drawer_entries` (R-SHIFT-1..3): each branch's shifts, one open shift per
//! drawer of a branch (the partial unique index `shifts_one_open_per_drawer`), a closed shift
//! never changes (triggers); drawer entries follow their shift's branch.

use backspace_core::{DrawerEntry, Error, Result, Shift, Uuid};
use postgres::Row;

use crate::convert::{get, money, opt_money, opt_piastres, parsed, piastres};
use crate::db::Db;

/// What a closed shift answers to any change, as the other stores word it.
const CLOSED: &str = "a closed shift never changes";

/// `SELECT` of every shift column, followed by the rest of the query.
macro_rules! select_shift {
    ($($rest:tt)*) => {
        concat!(
            "SELECT id, drawer, opened_by, opened_at, opening_float_piastres, closed_by, ",
            "closed_at, counted_piastres, expected_piastres, over_short_piastres FROM shifts ",
            $($rest)*
        )
    };
}

/// A shift from the columns of `select_shift!`, by position.
fn shift_from_row(row: &Row) -> Result<Shift> {
    Ok(Shift {
        id: get(row, 0)?,
        drawer: get(row, 1)?,
        opened_by: get(row, 2)?,
        opened_at: get(row, 3)?,
        opening_float: money(row, 4)?,
        closed_by: get(row, 5)?,
        closed_at: get(row, 6)?,
        counted_cash: opt_money(row, 7)?,
        expected_cash: opt_money(row, 8)?,
        over_short: opt_money(row, 9)?,
    })
}

/// Why a write aimed at shift `id` of the branch changed nothing: it is closed, or the
/// branch has no such shift.
fn untouched(db: &mut Db<'_, '_>, id: Uuid) -> Error {
    match by_id(db, id) {
        Ok(Some(_)) => Error::InvalidState(CLOSED.into()),
        Ok(None) => Error::not_found("shift", id),
        Err(e) => e,
    }
}

/// Opens a shift in the branch; a second open shift on the branch's drawer breaks
/// `shifts_one_open_per_drawer` (a conflict).
pub(crate) fn insert(db: &mut Db<'_, '_>, s: &Shift) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec(
        "INSERT INTO shifts (id, branch_id, drawer, opened_by, opened_at, opening_float_piastres)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &s.id,
            &branch,
            &s.drawer,
            &s.opened_by,
            &s.opened_at,
            &piastres(s.opening_float),
        ],
    )
    .map(|_| ())
}

/// Closes an open shift of the branch. A closed one is an invalid state (checked in the
/// statement, so the trigger never fires and the transaction goes on), an unknown one
/// not-found.
pub(crate) fn close(db: &mut Db<'_, '_>, s: &Shift) -> Result<()> {
    let branch = db.writing_branch()?;
    let changed = db.exec(
        "UPDATE shifts SET closed_by = $3, closed_at = $4, counted_piastres = $5,
             expected_piastres = $6, over_short_piastres = $7
         WHERE id = $1 AND branch_id = $2 AND closed_at IS NULL",
        &[
            &s.id,
            &branch,
            &s.closed_by,
            &s.closed_at,
            &opt_piastres(s.counted_cash),
            &opt_piastres(s.expected_cash),
            &opt_piastres(s.over_short),
        ],
    )?;
    if changed == 0 {
        return Err(untouched(db, s.id));
    }
    Ok(())
}

/// A shift of the branch (of any branch in the chain view) by id.
pub(crate) fn by_id(db: &mut Db<'_, '_>, id: Uuid) -> Result<Option<Shift>> {
    let branch = db.branch();
    db.one(
        select_shift!("WHERE id = $1 AND ($2::integer IS NULL OR branch_id = $2)"),
        &[&id, &branch],
        shift_from_row,
    )
}

/// The branch's open shifts (the chain's in the chain view), oldest first.
pub(crate) fn open(db: &mut Db<'_, '_>) -> Result<Vec<Shift>> {
    let branch = db.branch();
    db.many(
        select_shift!(
            "WHERE ($1::integer IS NULL OR branch_id = $1) AND closed_at IS NULL ",
            "ORDER BY opened_at, id"
        ),
        &[&branch],
        shift_from_row,
    )
}

/// A drawer entry from the columns of `entries`' query, by position.
fn entry_from_row(row: &Row) -> Result<DrawerEntry> {
    Ok(DrawerEntry {
        id: get(row, 0)?,
        shift_id: get(row, 1)?,
        kind: parsed(row, 2)?,
        method: parsed(row, 3)?,
        amount: money(row, 4)?,
        reference: get(row, 5)?,
        operator_id: get(row, 6)?,
        at: get(row, 7)?,
    })
}

/// Attaches money to an open shift of the branch. A closed shift is an invalid state (checked
/// in the statement, so the trigger never fires), an unknown one not-found.
pub(crate) fn insert_entry(db: &mut Db<'_, '_>, e: &DrawerEntry) -> Result<()> {
    let branch = db.writing_branch()?;
    let added = db.exec(
        "INSERT INTO drawer_entries (id, shift_id, kind, method, amount_piastres, reference,
             operator_id, at)
         SELECT $1::uuid, s.id, $3::text, $4::text, $5::bigint, $6::text, $7::uuid,
             $8::timestamptz
         FROM shifts s
         WHERE s.id = $2::uuid AND s.branch_id = $9::integer AND s.closed_at IS NULL",
        &[
            &e.id,
            &e.shift_id,
            &e.kind.as_str(),
            &e.method.as_str(),
            &piastres(e.amount),
            &e.reference,
            &e.operator_id,
            &e.at,
            &branch,
        ],
    )?;
    if added == 0 {
        return Err(untouched(db, e.shift_id));
    }
    Ok(())
}

/// A shift's entries (a shift of the branch, any in the chain view), in the order written.
pub(crate) fn entries(db: &mut Db<'_, '_>, shift_id: Uuid) -> Result<Vec<DrawerEntry>> {
    let branch = db.branch();
    db.many(
        "SELECT e.id, e.shift_id, e.kind, e.method, e.amount_piastres, e.reference,
             e.operator_id, e.at
         FROM drawer_entries e
         WHERE e.shift_id = $1 AND ($2::integer IS NULL OR EXISTS (
             SELECT 1 FROM shifts s WHERE s.id = $1 AND s.branch_id = $2))
         ORDER BY e.seq",
        &[&shift_id, &branch],
        entry_from_row,
    )
}
