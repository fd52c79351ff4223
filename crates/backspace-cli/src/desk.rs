//! Opening the file (never creating one) and signing in where the space has staff.

use std::path::Path;

use backspace::{Desk, Store};

use crate::CliResult;

/// The desk over an existing Backspace file, signed in as `operator` when the file has staff.
pub fn open(db: &Path, operator: Option<&str>) -> CliResult<Desk> {
    if !db.is_file() {
        return Err(format!("{}: no such Backspace file", db.display()));
    }
    let desk = backspace::open(db).map_err(|e| format!("{}: {e}", db.display()))?;
    let staff = desk
        .store()
        .read(|tx| tx.operators())
        .map_err(|e| e.to_string())?;
    if staff.is_empty() {
        return Ok(desk);
    }
    let Some(who) = operator else {
        return Err("this space has staff: give --operator (and the PIN in BACKSPACE_PIN)".into());
    };
    let found = staff
        .iter()
        .find(|r| r.operator.id.to_string() == who || r.operator.name == who)
        .ok_or_else(|| format!("no operator named {who:?}"))?;
    let pin = std::env::var("BACKSPACE_PIN")
        .map_err(|_| "set the operator's PIN in BACKSPACE_PIN".to_string())?;
    desk.sign_in(found.operator.id, &pin)
        .map_err(|e| e.to_string())
}
