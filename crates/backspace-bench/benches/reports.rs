//! Bench 2 — the reports on the 1,000,000-session history against the floor.
//!
//! Revenue per day for a month, utilization for a month, outstanding invoices and the top 10
//! customers of a month (October 2026, the last full month of the history), each through
//! `Backspace` and, beside it in the same run, as one hand-written SQL statement over the same
//! tables (`backspace_bench::floor`).
//!
//! `cargo bench -p backspace-bench --bench reports` — prints criterion's times, then the
//! median of interleaved runs and the ratio (targets: each ≤ 50 ms and ≥ 0.8 × its floor).
//! `BACKSPACE_BENCH_SESSIONS=100000` picks another history size, `BACKSPACE_BENCH_ONLY=outst`
//! runs only the reports whose name contains the text. Under `cargo test` it runs
//! each report once on a tiny history.

use std::process::ExitCode;
use std::time::Duration;

use backspace::Desk;
use backspace_bench::BenchResult;
use backspace_bench::data;
use backspace_bench::floor;
use backspace_bench::generator::TZ;
use backspace_bench::measure::{Figure, interleave, report, smoke};
use chrono::NaiveDate;
use criterion::Criterion;
use rusqlite::Connection;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reports bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One report both ways; each returns how many rows it produced.
struct Case {
    name: &'static str,
    backspace: fn(&Desk, NaiveDate, NaiveDate) -> BenchResult<usize>,
    floor: fn(&Connection, NaiveDate, NaiveDate) -> BenchResult<usize>,
}

const CASES: &[Case] = &[
    Case {
        name: "revenue per day, a month",
        backspace: |d, from, to| Ok(d.revenue(from, to)?.len()),
        floor: |c, from, to| Ok(floor::revenue(c, from, to, TZ)?.len()),
    },
    Case {
        name: "utilization, a month",
        backspace: |d, from, to| Ok(d.utilization(from, to)?.len()),
        floor: |c, from, to| Ok(floor::utilization(c, from, to, TZ, chrono::Utc::now())?.len()),
    },
    Case {
        name: "outstanding invoices",
        backspace: |d, _, _| Ok(d.outstanding_invoices()?.len()),
        floor: |c, _, _| Ok(floor::outstanding(c)?.len()),
    },
    Case {
        name: "top 10 customers, a month",
        backspace: |d, from, to| Ok(d.top_customers(from, to, 10)?.len()),
        floor: |c, from, to| Ok(floor::top_customers(c, from, to, 10)?.len()),
    },
];

fn sessions() -> u64 {
    std::env::var("BACKSPACE_BENCH_SESSIONS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(if smoke() { 2_000 } else { 1_000_000 })
}

fn run() -> BenchResult<()> {
    let smoke = smoke();
    let sessions = sessions();
    let path = data::history(sessions)?;
    let (from, to) = data::config(sessions).report_month();
    let desk = backspace::open(&path)?;
    let conn = floor::open(&path, "FULL")?;
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
        .configure_from_args();
    let mut figures = Vec::new();
    let only = std::env::var("BACKSPACE_BENCH_ONLY").unwrap_or_default();
    for case in CASES.iter().filter(|c| c.name.contains(only.as_str())) {
        let rows = (case.backspace)(&desk, from, to)?;
        let floor_rows = (case.floor)(&conn, from, to)?;
        if rows != floor_rows {
            return Err(format!(
                "{}: Backspace gives {rows} rows, the floor {floor_rows}",
                case.name
            )
            .into());
        }
        let mut group = criterion.benchmark_group(format!("report {}", case.name));
        group.bench_function("backspace", |b| {
            b.iter(|| (case.backspace)(&desk, from, to).expect("report"));
        });
        group.bench_function("floor", |b| {
            b.iter(|| (case.floor)(&conn, from, to).expect("floor"));
        });
        group.finish();
        let (rounds, budget) = if smoke { (3, 1) } else { (25, 40) };
        let pair = interleave(
            rounds,
            1,
            Duration::from_secs(budget),
            || (case.backspace)(&desk, from, to).map(drop),
            || (case.floor)(&conn, from, to).map(drop),
        )?;
        let (ms, floor_ms, ratio) = (
            pair.a_median() * 1e3,
            pair.b_median() * 1e3,
            pair.speed_of_a_vs_b(),
        );
        figures.push(Figure {
            case: format!("{} ({rows} rows)", case.name),
            value: ms,
            floor: Some(floor_ms),
            unit: "ms",
            ratio: Some(ratio),
            target: "≤ 50 ms, ≥ 0.80×".into(),
            met: ms <= 50.0 && ratio >= 0.8,
        });
    }
    criterion.final_summary();
    report(
        "reports",
        &format!(
            "Bench 2 — reports on a {sessions}-session history, {from} to {to} (median; ratio = floor time ÷ Backspace time)"
        ),
        ["backspace", "floor"],
        &figures,
    )
}
