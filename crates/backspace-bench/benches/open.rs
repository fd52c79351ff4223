//! Bench 3 — opening an existing 1,000,000-session file.
//!
//! `backspace::open(path)`: the connection, its PRAGMAs (WAL, foreign keys, synchronous, busy
//! timeout) and the migration check (`user_version`, `application_id`). Beside it, the floor:
//! a bare `rusqlite::Connection::open` reading `user_version`.
//!
//! `cargo bench -p backspace-bench --bench open` — target: ≤ 20 ms (median of 50 opens).
//! Under `cargo test` it opens a tiny history a few times.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use backspace_bench::BenchResult;
use backspace_bench::data;
use backspace_bench::measure::{Figure, Pair, quantile, report, smoke};
use criterion::Criterion;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("open bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> BenchResult<()> {
    let smoke = smoke();
    let sessions = std::env::var("BACKSPACE_BENCH_SESSIONS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(if smoke { 2_000 } else { 1_000_000 });
    let path = data::history(sessions)?;
    let size = std::fs::metadata(&path)?.len();

    let first = Instant::now();
    drop(backspace::open(&path)?);
    let first = first.elapsed().as_secs_f64() * 1e3;

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    criterion.bench_function("open backspace", |b| {
        b.iter_with_large_drop(|| backspace::open(&path).expect("open"));
    });
    criterion.bench_function("open floor", |b| {
        b.iter_with_large_drop(|| {
            let c = rusqlite::Connection::open(&path).expect("open");
            let v: i64 = c
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .expect("user_version");
            (c, v)
        });
    });
    criterion.final_summary();

    // Each open is timed alone, with no other connection open (as an app starting up);
    // closing (which checkpoints the WAL) is outside the timing. Backspace and the floor
    // alternate.
    let rounds = if smoke { 3 } else { 50 };
    let mut pair = Pair::default();
    for round in 0..rounds {
        for which in [round % 2, 1 - round % 2] {
            if which == 0 {
                let t = Instant::now();
                let desk = backspace::open(&path)?;
                pair.a.push(t.elapsed().as_secs_f64());
                drop(desk);
            } else {
                let t = Instant::now();
                let c = rusqlite::Connection::open(&path)?;
                let _: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                pair.b.push(t.elapsed().as_secs_f64());
                drop(c);
            }
        }
    }
    let ms = pair.a_median() * 1e3;
    let figures = vec![
        Figure {
            case: format!("open ({:.0} MB file), median", size as f64 / 1e6),
            value: ms,
            floor: Some(pair.b_median() * 1e3),
            unit: "ms",
            ratio: Some(pair.speed_of_a_vs_b()),
            target: "≤ 20 ms".into(),
            met: ms <= 20.0,
        },
        Figure {
            case: "open, 90th percentile".into(),
            value: quantile(&pair.a, 0.9) * 1e3,
            floor: Some(quantile(&pair.b, 0.9) * 1e3),
            unit: "ms",
            ratio: None,
            target: "≤ 20 ms".into(),
            met: quantile(&pair.a, 0.9) * 1e3 <= 20.0,
        },
        Figure {
            case: "first open of the run".into(),
            value: first,
            floor: None,
            unit: "ms",
            ratio: None,
            target: "≤ 20 ms".into(),
            met: first <= 20.0,
        },
    ];
    report(
        "open",
        &format!(
            "Bench 3 — open an existing {sessions}-session file (floor: bare Connection::open + user_version)"
        ),
        ["backspace", "floor"],
        &figures,
    )
}
