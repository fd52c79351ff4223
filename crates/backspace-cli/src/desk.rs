//! Opening the desk — an existing SQLite file (never creating one) or a branch or the whole chain
//! on PostgreSQL — and signing in where the space has staff; moving a file into a branch.

use std::path::Path;

use backspace::{Backspace, Desk, Store};
use backspace_postgres::{Chain, NewBranch, PostgresStore};

use crate::CliResult;

/// Whether `db` names a PostgreSQL database rather than a file.
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://")
        || db.starts_with("postgresql://")
        || db
            .split_whitespace()
            .any(|part| part.starts_with("host=") || part.starts_with("dbname="))
}

/// The desk over an existing Backspace file, signed in as `operator` when the file has staff.
pub fn open(db: &Path, operator: Option<&str>) -> CliResult<Desk> {
    if !db.is_file() {
        return Err(format!("{}: no such Backspace file", db.display()));
    }
    let desk = backspace::open(db).map_err(|e| format!("{}: {e}", db.display()))?;
    signed_in(desk, operator)
}

/// A branch's desk on PostgreSQL, or the chain view (reads only) without a branch. The URL is
/// never repeated in a message: it may hold a password.
pub fn open_postgres(
    url: &str,
    branch: Option<&str>,
    operator: Option<&str>,
) -> CliResult<Backspace<PostgresStore>> {
    let store = match branch {
        Some(code) => PostgresStore::open(url, code),
        None => PostgresStore::open_chain(url),
    }
    .map_err(|e| format!("PostgreSQL: {e}"))?;
    let desk = Backspace::new(store);
    if branch.is_none() {
        return Ok(desk);
    }
    signed_in(desk, operator)
}

/// `desk` signed in as `operator` when it has staff (the PIN from BACKSPACE_PIN).
fn signed_in<S: Store>(desk: Backspace<S>, operator: Option<&str>) -> CliResult<Backspace<S>> {
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

/// `backspace migrate`: the file into branch `code` (added when missing), with a spinner on a
/// terminal, then what was copied.
pub fn migrate(from: &Path, url: &str, code: &str) -> CliResult {
    if !from.is_file() {
        return Err(format!("{}: no such Backspace file", from.display()));
    }
    let source =
        backspace::SqliteStore::open(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let chain = Chain::connect(url).map_err(|e| format!("PostgreSQL: {e}"))?;
    let known = chain
        .branches()
        .map_err(|e| format!("PostgreSQL: {e}"))?
        .iter()
        .any(|b| b.code == code);
    if !known {
        chain
            .add_branch(NewBranch::new(code, code))
            .map_err(|e| format!("branch {code}: {e}"))?;
    }
    let target = PostgresStore::open(url, code).map_err(|e| format!("PostgreSQL: {e}"))?;
    let bar = crate::export::spinner();
    let report = target
        .import_space_with(&source, &mut |step| bar.set_message(step.to_string()))
        .map_err(|e| format!("migrate into {code}: {e}"));
    bar.finish_and_clear();
    let report = report?;
    for (kind, n) in &report.copied {
        say!("{n:>8}  {kind}");
    }
    say!("moved {} into branch {code}", from.display());
    Ok(())
}
