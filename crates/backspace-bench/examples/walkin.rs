//! Runs the walk-in cycle on a fresh in-memory desk (or a file given as the first argument) for
//! a profiler: `perf record cargo run --release -p backspace-bench --example walkin`.
//! Prints the cycles per second at the end.

use std::time::Instant;

use backspace_bench::cycle::{Fixture, backspace_cycle};

fn main() -> backspace_bench::BenchResult<()> {
    let cycles: usize = std::env::var("CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let desk = match std::env::args().nth(1) {
        Some(path) => backspace::open(path)?,
        None => backspace::in_memory()?,
    };
    let fixture = Fixture::fresh(&desk)?;
    let t = Instant::now();
    for k in 0..cycles {
        let (c, r, items) = fixture.pick(k);
        backspace_cycle(&desk, c, r, items)?;
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{cycles} walk-ins in {s:.2} s: {:.0} per second, {:.1} µs each",
        cycles as f64 / s,
        s * 1e6 / cycles as f64
    );
    if std::env::var_os("WALKIN_KEEP_WAL").is_some() {
        // Leaves the WAL as the last commits wrote it, for a look at the pages each commit wrote.
        std::process::exit(0);
    }
    Ok(())
}
