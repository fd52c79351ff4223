//! Timing side by side, medians, peak memory, the machine, and the result tables.
//!
//! [`interleave`] runs two workloads in alternating rounds (A B, B A, A B, …) after a warm-up
//! round, so slow and fast moments of a shared machine fall on both alike; the ratio of a round
//! compares two batches that ran seconds apart, and the reported ratio is the median of them.

use std::io::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::BenchResult;
use crate::data::repo_root;

/// Whether to run tiny sizes: under `cargo test` (no `--bench` argument) or with
/// `BACKSPACE_BENCH_SMOKE=1`.
pub fn smoke() -> bool {
    std::env::var("BACKSPACE_BENCH_SMOKE").is_ok_and(|v| v == "1")
        || !std::env::args().any(|a| a == "--bench")
}

/// Median of `v` (NaN for none).
pub fn median(v: &[f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

/// The `q` quantile (0–1) of `v`, nearest rank.
pub fn quantile(v: &[f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let i = ((s.len() - 1) as f64 * q).round() as usize;
    s[i.min(s.len() - 1)]
}

/// Seconds per operation of each round of two interleaved workloads.
#[derive(Debug, Clone, Default)]
pub struct Pair {
    /// Seconds per operation of A, one per round.
    pub a: Vec<f64>,
    /// Seconds per operation of B, one per round.
    pub b: Vec<f64>,
}

impl Pair {
    /// Median seconds per operation of A.
    pub fn a_median(&self) -> f64 {
        median(&self.a)
    }

    /// Median seconds per operation of B.
    pub fn b_median(&self) -> f64 {
        median(&self.b)
    }

    /// Median over rounds of B's time ÷ A's time: A's speed relative to B (1 = as fast).
    pub fn speed_of_a_vs_b(&self) -> f64 {
        let r: Vec<f64> = self.a.iter().zip(&self.b).map(|(a, b)| b / a).collect();
        median(&r)
    }
}

/// Runs `a` and `b` (each does `ops` operations per call) in `rounds` alternating rounds after
/// one warm-up round of each; stops early once `budget` has passed (at least 3 rounds).
pub fn interleave<E>(
    rounds: usize,
    ops: usize,
    budget: Duration,
    mut a: impl FnMut() -> Result<(), E>,
    mut b: impl FnMut() -> Result<(), E>,
) -> Result<Pair, E> {
    let mut times = interleave_many(rounds, ops, budget, &mut [&mut a, &mut b])?;
    let b = times.pop().unwrap_or_default();
    let a = times.pop().unwrap_or_default();
    Ok(Pair { a, b })
}

/// Runs several workloads (each does `ops` operations per call) in `rounds` rounds after one
/// warm-up call of each, starting each round one workload further (A B C, B C A, C A B, …);
/// stops early once `budget` has passed (at least 3 rounds). Seconds per operation of each
/// workload, one per round.
pub fn interleave_many<E>(
    rounds: usize,
    ops: usize,
    budget: Duration,
    work: &mut [&mut dyn FnMut() -> Result<(), E>],
) -> Result<Vec<Vec<f64>>, E> {
    for w in work.iter_mut() {
        w()?;
    }
    let n = work.len();
    let mut times = vec![Vec::with_capacity(rounds); n];
    let started = Instant::now();
    for round in 0..rounds {
        for i in 0..n {
            let k = (round + i) % n;
            let t = Instant::now();
            work[k]()?;
            times[k].push(t.elapsed().as_secs_f64() / ops.max(1) as f64);
        }
        if round >= 2 && started.elapsed() > budget {
            break;
        }
    }
    Ok(times)
}

/// Times `f` `n` times; seconds of each call.
pub fn repeat<E>(n: usize, mut f: impl FnMut() -> Result<(), E>) -> Result<Vec<f64>, E> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        f()?;
        out.push(t.elapsed().as_secs_f64());
    }
    Ok(out)
}

/// Peak resident memory of this process so far, in KiB (`VmHWM` of `/proc/self/status`).
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

/// One line about the machine: CPU, cores, memory, kernel, SQLite.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem_gib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0 / 1024.0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    format!(
        "{cpu}, {cores} cores, {mem_gib:.0} GiB, Linux {kernel}, SQLite {}",
        rusqlite::version()
    )
}

/// One figure of a bench, printed and kept for `scripts/bench.sh`.
#[derive(Debug, Clone)]
pub struct Figure {
    /// What was measured (`cycle NORMAL`, `revenue`, …).
    pub case: String,
    /// Backspace's figure.
    pub value: f64,
    /// The floor's figure, when there is one.
    pub floor: Option<f64>,
    /// Unit of both (`cycles/s`, `ms`, `MiB`, …).
    pub unit: &'static str,
    /// Backspace ÷ floor as a speed (1 = as fast as the floor), when there is one.
    pub ratio: Option<f64>,
    /// The target, as text (`≥ 0.70×`, `≤ 50 ms`, …).
    pub target: String,
    /// Whether the target is met.
    pub met: bool,
}

fn num(v: f64) -> String {
    if !v.is_finite() {
        return "-".into();
    }
    let a = v.abs();
    if a >= 1000.0 {
        format!("{v:.0}")
    } else if a >= 100.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// Where results are kept: `target/bench-results/` (`$BACKSPACE_BENCH_RESULTS`).
pub fn results_dir() -> PathBuf {
    std::env::var_os("BACKSPACE_BENCH_RESULTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target").join("bench-results"))
}

/// Prints `figures` as a table under `title` (the two value columns named `columns`) and writes
/// them to `target/bench-results/<bench>.tsv` (smoke runs write `<bench>.smoke.tsv`).
pub fn report(bench: &str, title: &str, columns: [&str; 2], figures: &[Figure]) -> BenchResult<()> {
    let rows: Vec<[String; 6]> = figures
        .iter()
        .map(|f| {
            [
                f.case.clone(),
                format!("{} {}", num(f.value), f.unit),
                f.floor
                    .map_or_else(|| "-".to_string(), |v| format!("{} {}", num(v), f.unit)),
                f.ratio.map_or_else(|| "-".into(), |r| format!("{r:.2}×")),
                f.target.clone(),
                if f.target.is_empty() {
                    String::new()
                } else if smoke() {
                    "(smoke run)".into()
                } else if f.met {
                    "met".into()
                } else {
                    "MISSED".into()
                },
            ]
        })
        .collect();
    let head = ["case", columns[0], columns[1], "ratio", "target", ""];
    let mut widths = head.map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    println!();
    println!("== {title}");
    println!("   machine: {}", machine());
    println!("   {}", line(&head.map(String::from)));
    for r in &rows {
        println!("   {}", line(r));
    }
    println!();
    let dir = results_dir();
    std::fs::create_dir_all(&dir)?;
    let name = if smoke() {
        format!("{bench}.smoke.tsv")
    } else {
        format!("{bench}.tsv")
    };
    let mut out = std::fs::File::create(dir.join(name))?;
    writeln!(out, "bench\t{}", head.join("\t"))?;
    for r in &rows {
        writeln!(out, "{bench}\t{}", r.join("\t"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_interleaving() -> Result<(), String> {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.9), 5.0);
        let mut order = Vec::new();
        let log = std::cell::RefCell::new(&mut order);
        let pair = interleave(
            4,
            1,
            Duration::from_secs(60),
            || {
                log.borrow_mut().push('a');
                Ok::<(), String>(())
            },
            || {
                log.borrow_mut().push('b');
                Ok(())
            },
        )?;
        assert_eq!(pair.a.len(), 4);
        assert_eq!(order.iter().collect::<String>(), "ababbaabba");
        assert!(peak_rss_kib().is_some_and(|k| k > 0));
        Ok(())
    }
}
