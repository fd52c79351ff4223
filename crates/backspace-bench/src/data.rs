//! Where the benches keep generated histories: `target/bench-data/` (or `$BACKSPACE_BENCH_DATA`).
//! A history is generated once per (sessions, seed, [`GEN_VERSION`]) and reused.

use std::path::{Path, PathBuf};

use crate::BenchResult;
use crate::generator::{GEN_VERSION, GenConfig, generate};

/// The seed every bench uses.
pub const SEED: u64 = 42;

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The data folder (created).
pub fn data_dir() -> BenchResult<PathBuf> {
    let dir = std::env::var_os("BACKSPACE_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target").join("bench-data"));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The cached history of `sessions` sessions (seed [`SEED`]), generated now if missing.
pub fn history(sessions: u64) -> BenchResult<PathBuf> {
    let dir = data_dir()?;
    let path = dir.join(format!(
        "history-{sessions}-seed{SEED}-v{GEN_VERSION}.sqlite"
    ));
    if path.exists() {
        return Ok(path);
    }
    let tmp = dir.join(format!(
        "generating-{sessions}-{}.sqlite",
        std::process::id()
    ));
    eprintln!(
        "generating a {sessions}-session history into {} (once; it is cached)",
        path.display()
    );
    let stats = generate(&tmp, &GenConfig::new(sessions, SEED))?;
    eprintln!(
        "  {} sessions, {} invoices, {} payments in {:.1} s, {:.0} MB",
        stats.sessions,
        stats.invoices,
        stats.payments,
        stats.elapsed.as_secs_f64(),
        stats.file_bytes as f64 / 1e6
    );
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

/// Removes a SQLite file with its `-wal` and `-shm`.
pub fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A fresh copy of `src` under `scratch/` named `name`, for benches that write. The copy is
/// flushed to disk before it is handed over, so the kernel is not still writing gigabytes of
/// it back while the bench measures.
pub fn scratch_copy(src: &Path, name: &str) -> BenchResult<PathBuf> {
    let dir = data_dir()?.join("scratch");
    std::fs::create_dir_all(&dir)?;
    let dst = dir.join(format!("{name}.sqlite"));
    remove_db(&dst);
    std::fs::copy(src, &dst)?;
    std::fs::File::open(&dst)?.sync_all()?;
    Ok(dst)
}

/// A path for a new, empty scratch file named `name` (any old one removed).
pub fn scratch_path(name: &str) -> BenchResult<PathBuf> {
    let dir = data_dir()?.join("scratch");
    std::fs::create_dir_all(&dir)?;
    let dst = dir.join(format!("{name}.sqlite"));
    remove_db(&dst);
    Ok(dst)
}

/// The generation config of the cached history of `sessions` sessions.
pub fn config(sessions: u64) -> GenConfig {
    GenConfig::new(sessions, SEED)
}
