//! Bench 6 — the cycle and the reports as history grows: 10,000, 100,000, 1,000,000 sessions.
//!
//! The cycle runs at `synchronous=NORMAL` on a copy of each history, Backspace and the floor
//! on all three sizes in one interleaved rotation, so the sizes are compared seconds apart;
//! "vs smallest" is the cycle's speed at N ÷ its speed at 10,000 (target ≥ 0.8×: the cycle
//! must not slow down as history grows; B-tree depth alone costs a little). Then each report's
//! median at each size, beside its floor.
//!
//! `cargo bench -p backspace-bench --bench growth`. Under `cargo test`: tiny sizes.

use std::process::ExitCode;
use std::time::Duration;

use backspace::{SqliteOptions, Synchronous};
use backspace_bench::cycle::{BackspaceRunner, Fixture, FloorRunner};
use backspace_bench::data;
use backspace_bench::floor::{self, FloorDesk};
use backspace_bench::generator::TZ;
use backspace_bench::measure::{Figure, interleave, interleave_many, median, report, smoke};
use backspace_bench::{BenchError, BenchResult};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("growth bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> BenchResult<()> {
    let smoke = smoke();
    let sizes: &[u64] = if smoke {
        &[300, 1_000, 2_000]
    } else {
        &[10_000, 100_000, 1_000_000]
    };
    let mut figures = Vec::new();

    // Reports at each size, on the cached histories (read only).
    for &n in sizes {
        let path = data::history(n)?;
        let (from, to) = data::config(n).report_month();
        let desk = backspace::open(&path)?;
        let conn = floor::open(&path, "FULL")?;
        let (rounds, budget) = if smoke { (3, 1) } else { (9, 20) };
        let budget = Duration::from_secs(budget);
        type Both<'a> = (
            &'static str,
            Box<dyn Fn() -> BenchResult<()> + 'a>,
            Box<dyn Fn() -> BenchResult<()> + 'a>,
        );
        let cases: Vec<Both<'_>> = vec![
            (
                "revenue",
                Box::new(|| desk.revenue(from, to).map(drop).map_err(Into::into)),
                Box::new(|| floor::revenue(&conn, from, to, TZ).map(drop)),
            ),
            (
                "utilization",
                Box::new(|| desk.utilization(from, to).map(drop).map_err(Into::into)),
                Box::new(|| floor::utilization(&conn, from, to, TZ, chrono::Utc::now()).map(drop)),
            ),
            (
                "outstanding",
                Box::new(|| desk.outstanding_invoices().map(drop).map_err(Into::into)),
                Box::new(|| floor::outstanding(&conn).map(drop)),
            ),
            (
                "top customers",
                Box::new(|| {
                    desk.top_customers(from, to, 10)
                        .map(drop)
                        .map_err(Into::into)
                }),
                Box::new(|| floor::top_customers(&conn, from, to, 10).map(drop)),
            ),
        ];
        for (name, bs, fl) in &cases {
            let pair = interleave(rounds, 1, budget, bs, fl)?;
            figures.push(Figure {
                case: format!("{name} @ {n}"),
                value: pair.a_median() * 1e3,
                floor: Some(pair.b_median() * 1e3),
                unit: "ms",
                ratio: Some(pair.speed_of_a_vs_b()),
                target: String::new(),
                met: true,
            });
        }
    }

    // The cycle at each size, all interleaved.
    let mut desks = Vec::new();
    for &n in sizes {
        let copy = data::scratch_copy(&data::history(n)?, &format!("growth-{n}"))?;
        let desk = backspace::open_with(
            &copy,
            SqliteOptions {
                synchronous: Synchronous::Normal,
                busy_timeout: Duration::from_secs(5),
            },
        )?;
        let fixture = Fixture::from_desk(&desk, 200)?;
        desks.push((copy, desk, fixture));
    }
    let mut runners: Vec<(BackspaceRunner<'_>, FloorRunner)> = Vec::new();
    for (copy, desk, fixture) in &desks {
        let fl = FloorRunner::new(FloorDesk::open(copy, "NORMAL")?, fixture);
        runners.push((
            BackspaceRunner {
                desk,
                fixture,
                k: 0,
            },
            fl,
        ));
    }
    let (rounds, ops, budget) = if smoke { (3, 2, 1) } else { (24, 200, 120) };
    let mut work: Vec<Box<dyn FnMut() -> Result<(), BenchError> + '_>> = Vec::new();
    for (bs, fl) in runners.iter_mut() {
        work.push(Box::new(move || bs.run(ops)));
        work.push(Box::new(move || fl.run(ops)));
    }
    let mut refs: Vec<&mut dyn FnMut() -> Result<(), BenchError>> = work
        .iter_mut()
        .map(|w| w.as_mut() as &mut dyn FnMut() -> Result<(), BenchError>)
        .collect();
    let times = interleave_many(rounds, ops, Duration::from_secs(budget), &mut refs)?;
    drop(refs);
    drop(work);
    let base = &times[0];
    for (i, &n) in sizes.iter().enumerate() {
        let (bs, fl) = (&times[2 * i], &times[2 * i + 1]);
        let ratio = median(&bs.iter().zip(fl).map(|(b, f)| f / b).collect::<Vec<_>>());
        figures.push(Figure {
            case: format!("cycle NORMAL @ {n}"),
            value: 1.0 / median(bs),
            floor: Some(1.0 / median(fl)),
            unit: "cycles/s",
            ratio: Some(ratio),
            target: "≥ 0.70×".into(),
            met: ratio >= 0.7,
        });
        if i > 0 {
            let vs = median(&bs.iter().zip(base).map(|(b, s)| s / b).collect::<Vec<_>>());
            let fvs = median(
                &fl.iter()
                    .zip(&times[1])
                    .map(|(f, s)| s / f)
                    .collect::<Vec<_>>(),
            );
            figures.push(Figure {
                case: format!("cycle @ {n} vs @ {}", sizes[0]),
                value: vs,
                floor: Some(fvs),
                unit: "×",
                ratio: None,
                target: "≥ 0.80×".into(),
                met: vs >= 0.8,
            });
        }
    }
    drop(runners);
    for (copy, desk, _) in desks {
        drop(desk);
        data::remove_db(&copy);
    }
    report(
        "growth",
        "Bench 6 — reports and cycle as history grows (ratio = floor time ÷ Backspace time)",
        ["backspace", "floor"],
        &figures,
    )
}
