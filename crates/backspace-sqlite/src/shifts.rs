//! `shifts` and `drawer_entries` (R-SHIFT-1..3): one open shift per drawer (a partial unique
//! index), and a closed shift never changes (triggers).

use backspace_core::{DrawerEntry, Result, Shift, Uuid};
use rusqlite::{Connection, Row, named_params};

use crate::constraints::translate;
use crate::convert::{
    get_instant, get_money, get_opt_instant, get_opt_money, get_opt_uuid, get_parsed, get_uuid,
    instant, opt_instant, opt_piastres, opt_uuid, piastres, uuid,
};
use crate::query::{exec, many, one, touched};

const SELECT_SHIFT: &str = "SELECT id, drawer, opened_by, opened_at, opening_float_piastres, \
     closed_by, closed_at, counted_piastres, expected_piastres, over_short_piastres FROM shifts";

fn shift_from_row(row: &Row<'_>) -> rusqlite::Result<Shift> {
    Ok(Shift {
        id: get_uuid(row, 0)?,
        drawer: row.get(1)?,
        opened_by: get_opt_uuid(row, 2)?,
        opened_at: get_instant(row, 3)?,
        opening_float: get_money(row, 4)?,
        closed_by: get_opt_uuid(row, 5)?,
        closed_at: get_opt_instant(row, 6)?,
        counted_cash: get_opt_money(row, 7)?,
        expected_cash: get_opt_money(row, 8)?,
        over_short: get_opt_money(row, 9)?,
    })
}

/// Opens a shift; a second open shift on the drawer breaks `shifts_one_open_per_drawer`.
pub(crate) fn insert(conn: &Connection, s: &Shift) -> Result<()> {
    exec(
        conn,
        "INSERT INTO shifts (id, drawer, opened_by, opened_at, opening_float_piastres)
         VALUES (:id, :drawer, :opened_by, :opened_at, :float)",
        named_params! {
            ":id": uuid(s.id),
            ":drawer": s.drawer,
            ":opened_by": opt_uuid(s.opened_by),
            ":opened_at": instant(s.opened_at),
            ":float": piastres(s.opening_float),
        },
    )
    .map_err(|e| translate(e, "shifts", &[("drawer", &s.drawer)]))
    .map(|_| ())
}

/// Closes an open shift.
pub(crate) fn close(conn: &Connection, s: &Shift) -> Result<()> {
    let changed = exec(
        conn,
        "UPDATE shifts SET closed_by = :closed_by, closed_at = :closed_at,
             counted_piastres = :counted, expected_piastres = :expected,
             over_short_piastres = :over_short
         WHERE id = :id",
        named_params! {
            ":id": uuid(s.id),
            ":closed_by": opt_uuid(s.closed_by),
            ":closed_at": opt_instant(s.closed_at),
            ":counted": opt_piastres(s.counted_cash),
            ":expected": opt_piastres(s.expected_cash),
            ":over_short": opt_piastres(s.over_short),
        },
    )
    .map_err(|e| translate(e, "shifts", &[]))?;
    touched(changed, "shift", s.id)
}

/// A shift by id.
pub(crate) fn by_id(conn: &Connection, id: Uuid) -> Result<Option<Shift>> {
    one(
        conn,
        &format!("{SELECT_SHIFT} WHERE id = ?1"),
        [uuid(id)],
        shift_from_row,
    )
}

/// The open shifts, oldest first.
pub(crate) fn open(conn: &Connection) -> Result<Vec<Shift>> {
    many(
        conn,
        &format!("{SELECT_SHIFT} WHERE closed_at IS NULL ORDER BY opened_at, id"),
        [],
        shift_from_row,
    )
}

/// Every shift, oldest first.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Shift>> {
    many(
        conn,
        &format!("{SELECT_SHIFT} ORDER BY opened_at, id"),
        [],
        shift_from_row,
    )
}

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<DrawerEntry> {
    Ok(DrawerEntry {
        id: get_uuid(row, 0)?,
        shift_id: get_uuid(row, 1)?,
        kind: get_parsed(row, 2)?,
        method: get_parsed(row, 3)?,
        amount: get_money(row, 4)?,
        reference: row.get(5)?,
        operator_id: get_opt_uuid(row, 6)?,
        at: get_instant(row, 7)?,
    })
}

/// Attaches money to an open shift.
pub(crate) fn insert_entry(conn: &Connection, e: &DrawerEntry) -> Result<()> {
    exec(
        conn,
        "INSERT INTO drawer_entries (id, shift_id, kind, method, amount_piastres, reference,
             operator_id, at)
         VALUES (:id, :shift_id, :kind, :method, :amount, :reference, :operator_id, :at)",
        named_params! {
            ":id": uuid(e.id),
            ":shift_id": uuid(e.shift_id),
            ":kind": e.kind.as_str(),
            ":method": e.method.as_str(),
            ":amount": piastres(e.amount),
            ":reference": e.reference,
            ":operator_id": opt_uuid(e.operator_id),
            ":at": instant(e.at),
        },
    )
    .map_err(|err| translate(err, "drawer_entries", &[]))
    .map(|_| ())
}

/// A shift's entries, in the order written.
pub(crate) fn entries(conn: &Connection, shift_id: Uuid) -> Result<Vec<DrawerEntry>> {
    many(
        conn,
        "SELECT id, shift_id, kind, method, amount_piastres, reference, operator_id, at
         FROM drawer_entries WHERE shift_id = ?1 ORDER BY seq",
        [uuid(shift_id)],
        entry_from_row,
    )
}
