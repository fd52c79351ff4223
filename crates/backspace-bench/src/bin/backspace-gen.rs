//! `backspace-gen`: writes a seeded Backspace history to a SQLite file.
//!
//! ```sh
//! cargo run --release -p backspace-bench --bin backspace-gen -- --sessions 1000000 --out big.sqlite
//! ```
//!
//! Options: `--sessions N` (default 10000), `--seed S` (default 42), `--days D` (default 730),
//! `--out PATH` (default `history.sqlite`). Prints the row counts, the time and the peak memory.

use std::path::PathBuf;
use std::process::ExitCode;

use backspace_bench::generator::{GenConfig, generate};
use backspace_bench::measure::peak_rss_kib;

fn main() -> ExitCode {
    let mut cfg = GenConfig::new(10_000, backspace_bench::data::SEED);
    let mut out = PathBuf::from("history.sqlite");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match arg.as_str() {
            "--sessions" => cfg.sessions = value().replace('_', "").parse().unwrap_or(0),
            "--seed" => cfg.seed = value().parse().unwrap_or(0),
            "--days" => cfg.days = value().parse().unwrap_or(0),
            "--out" => out = PathBuf::from(value()),
            _ => {
                eprintln!("usage: backspace-gen [--sessions N] [--seed S] [--days D] [--out PATH]");
                return ExitCode::from(2);
            }
        }
    }
    if cfg.sessions == 0 || cfg.days == 0 {
        eprintln!("--sessions and --days must be positive numbers");
        return ExitCode::from(2);
    }
    match generate(&out, &cfg) {
        Ok(s) => {
            println!(
                "{}: {} sessions, {} customers, {} invoices ({} lines), {} payments, \
                 {} consumptions, {} stock movements, {} subscriptions, {} deposits, \
                 {} ledger entries, {} outstanding",
                out.display(),
                s.sessions,
                s.customers,
                s.invoices,
                s.invoice_lines,
                s.payments,
                s.consumptions,
                s.stock_movements,
                s.subscriptions,
                s.deposits,
                s.ledger_entries,
                s.outstanding
            );
            println!(
                "{:.1} s, {:.0} MB, peak RSS {:.1} MiB",
                s.elapsed.as_secs_f64(),
                s.file_bytes as f64 / 1e6,
                peak_rss_kib().unwrap_or(0) as f64 / 1024.0
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("backspace-gen: {e}");
            ExitCode::FAILURE
        }
    }
}
