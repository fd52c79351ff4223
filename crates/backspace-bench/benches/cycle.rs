//! Bench 1 — the front-desk cycle against the floor.
//!
//! A cycle (start a session, add two consumptions, end it, take the payment: five write
//! transactions) through `Backspace` and, beside it in the same run, the same SQL statements
//! in the same transactions written directly with rusqlite (`backspace_bench::floor`), on a
//! copy of the 10,000-session history, at `synchronous=FULL` and `NORMAL`.
//!
//! `cargo bench -p backspace-bench --bench cycle` — prints criterion's per-cycle times, then
//! cycles/s of both from interleaved rounds and the ratio (target: Backspace ≥ 0.7 × floor).
//! `BACKSPACE_BENCH_SESSIONS=1000000` runs it on another history size. Under `cargo test` it
//! runs a few cycles on a tiny history.

use std::process::ExitCode;
use std::time::Duration;

use backspace::{SqliteOptions, Synchronous};
use backspace_bench::BenchResult;
use backspace_bench::cycle::{BackspaceRunner, Fixture, FloorRunner};
use backspace_bench::data;
use backspace_bench::floor::FloorDesk;
use backspace_bench::measure::{Figure, interleave, report, smoke};
use criterion::{Criterion, Throughput};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cycle bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> BenchResult<()> {
    let smoke = smoke();
    let history = std::env::var("BACKSPACE_BENCH_SESSIONS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(if smoke { 300 } else { 10_000 });
    let src = data::history(history)?;
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(20)
        .configure_from_args();
    let mut figures = Vec::new();
    for (sync, name) in [(Synchronous::Full, "FULL"), (Synchronous::Normal, "NORMAL")] {
        let path = data::scratch_copy(&src, &format!("cycle-{name}"))?;
        let desk = backspace::open_with(
            &path,
            SqliteOptions {
                synchronous: sync,
                busy_timeout: Duration::from_secs(5),
            },
        )?;
        let fixture = Fixture::from_desk(&desk, 200)?;
        let mut bs = BackspaceRunner {
            desk: &desk,
            fixture: &fixture,
            k: 0,
        };
        let mut fl = FloorRunner::new(FloorDesk::open(&path, name)?, &fixture);

        let mut group = criterion.benchmark_group(format!("cycle-{name}"));
        group.throughput(Throughput::Elements(1));
        group.bench_function("backspace", |b| {
            b.iter(|| bs.run(1).expect("backspace cycle"));
        });
        group.bench_function("floor", |b| b.iter(|| fl.run(1).expect("floor cycle")));
        group.finish();

        let (rounds, ops, budget) = match (smoke, sync) {
            (true, _) => (3, 2, 1),
            (false, Synchronous::Full) => (16, 25, 60),
            (false, Synchronous::Normal) => (30, 300, 60),
        };
        let pair = interleave(
            rounds,
            ops,
            Duration::from_secs(budget),
            || bs.run(ops),
            || fl.run(ops),
        )?;
        let ratio = pair.speed_of_a_vs_b();
        println!(
            "cycle {name}: {} rounds of {ops} cycles each; per-round ratios {:?}",
            pair.a.len(),
            pair.a
                .iter()
                .zip(&pair.b)
                .map(|(a, b)| (b / a * 100.0).round() / 100.0)
                .collect::<Vec<_>>()
        );
        figures.push(Figure {
            case: format!("cycle, synchronous={name}"),
            value: 1.0 / pair.a_median(),
            floor: Some(1.0 / pair.b_median()),
            unit: "cycles/s",
            ratio: Some(ratio),
            target: "≥ 0.70×".into(),
            met: ratio >= 0.7,
        });
        drop(fl);
        drop(desk);
        data::remove_db(&path);
    }
    criterion.final_summary();
    report(
        "cycle",
        &format!(
            "Bench 1 — front-desk cycle on a {history}-session history (ratio = Backspace ÷ floor)"
        ),
        ["backspace", "floor"],
        &figures,
    )
}
