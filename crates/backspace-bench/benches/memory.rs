//! Bench 5 — peak memory of generating a history and of running every report on it.
//!
//! Each measurement runs in a child process (this bench binary again) that reports its own
//! peak resident set (`VmHWM` of `/proc/self/status`): one child generates a fresh
//! N-session file, another opens it with `backspace::open` and runs the four reports (revenue
//! and utilization for a month, outstanding invoices, top customers). N = 10,000, 100,000
//! and 1,000,000 show that the generator streams (its peak stays flat).
//!
//! `cargo bench -p backspace-bench --bench memory` — target: every peak ≤ 150 MB.
//! Under `cargo test` it does the same at tiny sizes.

use std::path::Path;
use std::process::{Command, ExitCode};

use backspace_bench::BenchResult;
use backspace_bench::data;
use backspace_bench::generator::{GenConfig, generate};
use backspace_bench::measure::{Figure, peak_rss_kib, report, smoke};

const CHILD: &str = "BACKSPACE_BENCH_MEMORY_CHILD";

fn main() -> ExitCode {
    let result = match std::env::var(CHILD) {
        Ok(what) => child(&what),
        Err(_) => run(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("memory bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// In the child: `gen:N:PATH` or `reports:N:PATH`; prints `peak_kib=K`.
fn child(what: &str) -> BenchResult<()> {
    let mut parts = what.splitn(3, ':');
    let (kind, n, path) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default().parse::<u64>()?,
        Path::new(parts.next().unwrap_or_default()),
    );
    let cfg = GenConfig::new(n, data::SEED);
    match kind {
        "gen" => {
            generate(path, &cfg)?;
        }
        "reports" => {
            let desk = backspace::open(path)?;
            let (from, to) = cfg.report_month();
            let rows = desk.revenue(from, to)?.len()
                + desk.utilization(from, to)?.len()
                + desk.outstanding_invoices()?.len()
                + desk.top_customers(from, to, 10)?.len();
            eprintln!("  every report: {rows} rows");
        }
        other => return Err(format!("unknown child {other}").into()),
    }
    println!("peak_kib={}", peak_rss_kib().ok_or("no /proc/self/status")?);
    Ok(())
}

/// Runs a child and returns its peak in MB.
fn measure(what: &str) -> BenchResult<f64> {
    let out = Command::new(std::env::current_exe()?)
        .env(CHILD, what)
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "child {what} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let kib: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix("peak_kib="))
        .ok_or("child printed no peak")?
        .trim()
        .parse()?;
    Ok(kib * 1024.0 / 1e6)
}

fn run() -> BenchResult<()> {
    let sizes: &[u64] = if smoke() {
        &[300, 1_000]
    } else {
        &[10_000, 100_000, 1_000_000]
    };
    let mut figures = Vec::new();
    for &n in sizes {
        let path = data::scratch_path(&format!("memory-{n}"))?;
        let shown = path.display().to_string();
        eprintln!("generating {n} sessions in a child process…");
        let gen_mb = measure(&format!("gen:{n}:{shown}"))?;
        let rep_mb = measure(&format!("reports:{n}:{shown}"))?;
        let file_mb = std::fs::metadata(&path)?.len() as f64 / 1e6;
        data::remove_db(&path);
        for (case, mb) in [
            (
                format!("generate {n} sessions ({file_mb:.0} MB file)"),
                gen_mb,
            ),
            (format!("every report on {n} sessions"), rep_mb),
        ] {
            figures.push(Figure {
                case,
                value: mb,
                floor: None,
                unit: "MB",
                ratio: None,
                target: "≤ 150 MB".into(),
                met: mb <= 150.0,
            });
        }
    }
    report(
        "memory",
        "Bench 5 — peak resident memory (VmHWM) of a child process",
        ["peak RSS", "-"],
        &figures,
    )
}
