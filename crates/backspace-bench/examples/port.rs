//! Runs bench 4b's baseline, ported to Rust, for a profiler.
fn main() -> backspace_bench::BenchResult<()> {
    let desk = backspace_bench::sqlite3_baseline::Sqlite3Baseline::open(":memory:")?;
    let t = std::time::Instant::now();
    for k in 0..50_000 {
        desk.walk_in(k)?;
    }
    println!(
        "{:.1} µs per walk-in",
        t.elapsed().as_secs_f64() * 1e6 / 50_000.0
    );
    Ok(())
}
