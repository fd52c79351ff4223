//! Writing files whole or not at all, and the online backup.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::CliResult;

/// A temporary path beside `target`, renamed onto it when the write completes.
pub fn staging(target: &Path) -> CliResult<PathBuf> {
    if target.exists() {
        return Err(format!("{}: already exists", target.display()));
    }
    let name = target
        .file_name()
        .ok_or_else(|| format!("{}: not a file name", target.display()))?;
    let mut tmp = name.to_os_string();
    tmp.push(format!(".partial-{}", std::process::id()));
    Ok(target.with_file_name(tmp))
}

/// Writes `bytes` to `target` through a staging file.
pub fn write_whole(target: &Path, bytes: &[u8]) -> CliResult {
    let tmp = staging(target)?;
    std::fs::write(&tmp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: {e}", target.display())
    })?;
    std::fs::rename(&tmp, target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: {e}", target.display())
    })
}

/// The file opened read-only, refused unless it is a Backspace database.
pub fn open_readonly(db: &Path) -> CliResult<Connection> {
    // Opening through the store first checks the application id and the schema version.
    backspace::open(db).map_err(|e| format!("{}: {e}", db.display()))?;
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| format!("{}: {e}", db.display()))
}

/// SQLite's online backup of `db` into `out`, while desks keep writing; `integrity_check` on
/// the copy before it takes its name.
pub fn backup(db: &Path, out: &Path) -> CliResult {
    if !db.is_file() {
        return Err(format!("{}: no such Backspace file", db.display()));
    }
    let src = open_readonly(db)?;
    let tmp = staging(out)?;
    let result = (|| -> CliResult {
        let mut dst = Connection::open(&tmp).map_err(|e| format!("{}: {e}", out.display()))?;
        let bar = crate::export::progress(0, "backup");
        {
            let backup = rusqlite::backup::Backup::new(&src, &mut dst)
                .map_err(|e| format!("{}: {e}", out.display()))?;
            loop {
                use rusqlite::backup::StepResult;
                match backup
                    .step(256)
                    .map_err(|e| format!("{}: {e}", out.display()))?
                {
                    StepResult::Done => break,
                    StepResult::More => {}
                    // A desk is writing: let it finish, then go on copying.
                    _ => std::thread::sleep(std::time::Duration::from_millis(5)),
                }
                let p = backup.progress();
                bar.set_length(u64::try_from(p.pagecount).unwrap_or(0));
                bar.set_position(u64::try_from(p.pagecount - p.remaining).unwrap_or(0));
            }
        }
        bar.finish_and_clear();
        let check: String = dst
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        if check != "ok" {
            return Err(format!("the copy failed its integrity check: {check}"));
        }
        Ok(())
    })();
    match result {
        Ok(()) => std::fs::rename(&tmp, out).map_err(|e| format!("{}: {e}", out.display())),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
