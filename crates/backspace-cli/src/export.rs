//! `backspace export DIR`: every table as a CSV file an accountant opens in a spreadsheet.

use std::io::{IsTerminal, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rusqlite::types::ValueRef;

use crate::CliResult;
use crate::files::open_readonly;

const README: &str = "Backspace export
================

One CSV file per table of the space's database, UTF-8 with a byte-order mark (so that
spreadsheet programs show Arabic names), comma-separated, with a header row.

- Money is written as plain decimals with two places (EGP): the columns stored in piastres
  (`..._piastres`) lose that suffix, so `total_piastres` 3750 is `total` 37.50.
- Percentages stored in hundredths (`..._hundredths`, `discount_basis_points`) are written as
  percents with two places.
- Instants are ISO-8601 in UTC; business dates are YYYY-MM-DD in the space's time zone.
- Ids are UUIDs; `C-…`, `INV-…`, `CN-…` and `R-…` are the numbers people see.
";

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub fn progress(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{msg:>8} [{bar:40}] {pos}/{len}") {
            bar.set_style(style);
        }
        bar.set_message(what.to_string());
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

/// A spinner on stderr with a message, drawn only when stderr is a terminal (for work whose
/// size is not known ahead, such as a migration).
pub fn spinner() -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

/// A column's exported name and how its values are written.
fn column(name: &str) -> (String, Option<u32>) {
    if let Some(base) = name.strip_suffix("_piastres") {
        return (base.to_string(), Some(2));
    }
    if let Some(base) = name.strip_suffix("_hundredths") {
        return (base.to_string(), Some(2));
    }
    if name == "discount_basis_points" {
        return ("discount_percent".to_string(), Some(2));
    }
    (name.to_string(), None)
}

fn text(value: ValueRef<'_>, decimals: Option<u32>) -> String {
    match (value, decimals) {
        (ValueRef::Null, _) => String::new(),
        (ValueRef::Integer(i), Some(d)) => backspace::Decimal::new(i, d).to_string(),
        (ValueRef::Integer(i), None) => i.to_string(),
        (ValueRef::Real(f), _) => f.to_string(),
        (ValueRef::Text(t), _) => String::from_utf8_lossy(t).into_owned(),
        (ValueRef::Blob(b), _) => b.iter().map(|x| format!("{x:02x}")).collect(),
    }
}

fn write_table(conn: &rusqlite::Connection, table: &str, dir: &Path) -> CliResult<u64> {
    let mut stmt = conn
        .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
        .or_else(|_| conn.prepare(&format!("SELECT * FROM \"{table}\"")))
        .map_err(|e| e.to_string())?;
    let columns: Vec<(String, Option<u32>)> = stmt.column_names().map(column).collect();
    let file =
        std::fs::File::create(dir.join(format!("{table}.csv"))).map_err(|e| e.to_string())?;
    let mut file = std::io::BufWriter::new(file);
    file.write_all("\u{feff}".as_bytes())
        .map_err(|e| e.to_string())?;
    let mut out = csv::Writer::from_writer(file);
    out.write_record(columns.iter().map(|(n, _)| n.as_str()))
        .map_err(|e| e.to_string())?;
    let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
    let mut n = 0;
    while let Some(row) = rows.next().map_err(|e| e.to_string())? {
        let record: Vec<String> = (0..columns.len())
            .map(|i| {
                row.get_ref(i)
                    .map(|v| text(v, columns[i].1))
                    .unwrap_or_default()
            })
            .collect();
        out.write_record(&record).map_err(|e| e.to_string())?;
        n += 1;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(n)
}

/// Exports every table of `db` into the new folder `dir`.
pub fn run(db: &Path, dir: &Path) -> CliResult {
    if !db.is_file() {
        return Err(format!("{}: no such Backspace file", db.display()));
    }
    if dir.exists() {
        return Err(format!("{}: already exists", dir.display()));
    }
    let conn = open_readonly(db)?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| e.to_string())?;
    let staging = crate::files::staging(dir)?;
    let result = (|| -> CliResult {
        std::fs::create_dir(&staging).map_err(|e| format!("{}: {e}", dir.display()))?;
        let bar = progress(tables.len() as u64, "export");
        for table in &tables {
            write_table(&conn, table, &staging)?;
            bar.inc(1);
        }
        bar.finish_and_clear();
        std::fs::write(staging.join("README.txt"), README).map_err(|e| e.to_string())?;
        std::fs::rename(&staging, dir).map_err(|e| format!("{}: {e}", dir.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}
