//! Bench 4 — the front-desk cycle through the Python package against the native cycle.
//!
//! `benches/python_cycle.py` runs cycles through the `backspace` wheel in a child Python
//! process; this process runs the same cycles natively (`backspace_bench::cycle`), in
//! alternating rounds, on the same kind of store: `:memory:` (where the binding's own cost
//! shows most) and a file at the default `synchronous=FULL` (what `Backspace.open` gives).
//! The Python side reports its own time per round (no pipe overhead).
//!
//! `scripts/bench.sh python` builds the release wheel into `target/py-venv` and runs this;
//! by hand: `cargo bench -p backspace-bench --bench python` with the wheel installed
//! (`BACKSPACE_PYTHON` picks another interpreter). Target: Python ≥ 0.7 × native.
//! Under `cargo test` it runs a few cycles, or says it skipped when no wheel is installed.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use backspace_bench::BenchResult;
use backspace_bench::cycle::{BackspaceRunner, Fixture};
use backspace_bench::data::{self, repo_root};
use backspace_bench::measure::{Figure, median, report, smoke};
use backspace_bench::sqlite3_baseline::Sqlite3Baseline;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("python bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn python() -> PathBuf {
    std::env::var_os("BACKSPACE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/py-venv/bin/python"))
}

struct PyCycles {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl PyCycles {
    fn start(target: &str) -> BenchResult<PyCycles> {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/python_cycle.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(target)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
        let mut py = PyCycles {
            child,
            stdin,
            stdout,
        };
        let line = py.line()?;
        if line != "ready" {
            return Err(format!("python_cycle.py said {line:?}").into());
        }
        Ok(py)
    }

    fn line(&mut self) -> BenchResult<String> {
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            return Err("python_cycle.py stopped (see its error above)".into());
        }
        Ok(line.trim().to_string())
    }

    /// Runs `n` cycles; seconds they took, as Python measured them.
    fn run(&mut self, n: usize) -> BenchResult<f64> {
        writeln!(self.stdin, "run {n}")?;
        self.stdin.flush()?;
        Ok(self.line()?.parse::<f64>()? / 1e9)
    }
}

impl Drop for PyCycles {
    fn drop(&mut self) {
        let _ = writeln!(self.stdin, "quit");
        let _ = self.stdin.flush();
        let _ = self.child.wait();
    }
}

fn run() -> BenchResult<()> {
    let smoke = smoke();
    let ok = Command::new(python())
        .args(["-c", "import backspace"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        let msg = format!(
            "no `backspace` Python package at {} (scripts/bench.sh python builds it)",
            python().display()
        );
        if smoke {
            println!("python bench skipped: {msg}");
            return Ok(());
        }
        return Err(msg.into());
    }
    let mut figures = Vec::new();
    for (mode, label) in [
        (":memory:", "in memory"),
        ("file", "file, synchronous=FULL"),
    ] {
        let (desk, target, path) = if mode == ":memory:" {
            (backspace::in_memory()?, ":memory:".to_string(), None)
        } else {
            let native = data::scratch_path("python-native")?;
            let py = data::scratch_path("python-py")?;
            (
                backspace::open(&native)?,
                py.display().to_string(),
                Some((native, py)),
            )
        };
        let fixture = Fixture::fresh(&desk)?;
        let mut native = BackspaceRunner {
            desk: &desk,
            fixture: &fixture,
            k: 0,
        };
        let mut py = PyCycles::start(&target)?;
        let (rounds, ops, budget) = match (smoke, mode) {
            (true, _) => (3, 2, 1),
            (false, ":memory:") => (30, 300, 40),
            (false, _) => (16, 25, 60),
        };
        native.run(ops)?;
        py.run(ops)?;
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let started = Instant::now();
        for round in 0..rounds {
            for which in [round % 2, 1 - round % 2] {
                if which == 0 {
                    let t = Instant::now();
                    native.run(ops)?;
                    a.push(t.elapsed().as_secs_f64() / ops as f64);
                } else {
                    b.push(py.run(ops)? / ops as f64);
                }
            }
            if round >= 2 && started.elapsed() > Duration::from_secs(budget) {
                break;
            }
        }
        drop(py);
        let ratios: Vec<f64> = a.iter().zip(&b).map(|(n, p)| n / p).collect();
        let ratio = median(&ratios);
        figures.push(Figure {
            case: format!("cycle, {label}"),
            value: 1.0 / median(&b),
            floor: Some(1.0 / median(&a)),
            unit: "cycles/s",
            ratio: Some(ratio),
            target: "≥ 0.70×".into(),
            met: ratio >= 0.7,
        });
        drop(desk);
        if let Some((n, p)) = path {
            data::remove_db(&n);
            data::remove_db(&p);
        }
    }
    report(
        "python",
        "Bench 4 — front-desk cycle through Python vs native, same run (ratio = Python ÷ native)",
        ["python", "native"],
        &figures,
    )?;
    baseline(smoke)
}

/// Seconds per walk-in of the Python baseline's SQL run from Rust ([`Sqlite3Baseline`]) in the
/// wheel's four transactions: each of `rounds` rounds of `n` walk-ins, after a warm-up one.
fn port_seconds(path: &str, rounds: usize, n: usize) -> BenchResult<Vec<f64>> {
    let desk = Sqlite3Baseline::open(path)?;
    desk.walk_in(0)?;
    let mut k = 1;
    let mut times = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        for _ in 0..n {
            desk.walk_in(k)?;
            k += 1;
        }
        times.push(t.elapsed().as_secs_f64() / n as f64);
    }
    Ok(times)
}

/// Bench 4b: the wheel's walk-in (through `checkout`) against the same cycle hand-written with
/// Python's `sqlite3` (`benches/python_baseline.py`, both in one Python process, rounds
/// alternated). Ratio = baseline time ÷ wheel time.
///
/// Its ceiling: the baseline's own SQL run from Rust ([`Sqlite3Baseline`]) in the wheel's four
/// transactions (end and pay in one), half its rounds before the Python process and half
/// after. The Python baseline's time ÷ the port's is the most a program that writes at least
/// what the baseline writes, on the same SQLite, could reach in that run.
fn baseline(smoke: bool) -> BenchResult<()> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/python_baseline.py");
    let mut figures = Vec::new();
    for (mode, label, target) in [
        ("memory", "in memory", 3.0),
        ("file", "file, synchronous=FULL", 1.2),
    ] {
        let (rounds, n) = match (smoke, mode) {
            (true, _) => ("2", "3"),
            (false, "memory") => ("30", "200"),
            (false, _) => ("12", "40"),
        };
        let dir = data::scratch_path("python-baseline")?;
        std::fs::create_dir_all(&dir)?;
        let (port_rounds, port_n): (usize, usize) = (rounds.parse()?, n.parse()?);
        let port_path = |tag: &str| -> String {
            if mode == "memory" {
                ":memory:".into()
            } else {
                dir.join(format!("port-{tag}.sqlite")).display().to_string()
            }
        };
        let mut port = port_seconds(&port_path("before"), port_rounds.div_ceil(2), port_n)?;
        let mut cmd = Command::new(python());
        cmd.arg(&script).arg(mode);
        if mode == "file" {
            cmd.arg(&dir);
        }
        let out = cmd.args([rounds, n]).output()?;
        port.extend(port_seconds(&port_path("after"), port_rounds / 2, port_n)?);
        let _ = std::fs::remove_dir_all(&dir);
        if !out.status.success() {
            return Err(format!(
                "python_baseline.py {mode} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            )
            .into());
        }
        let text = String::from_utf8(out.stdout)?;
        let field = |name: &str| -> BenchResult<f64> {
            let key = format!("\"{name}\": ");
            let at = text.find(&key).ok_or(format!("no {name} in {text:?}"))? + key.len();
            let end = text[at..]
                .find([',', '}'])
                .ok_or(format!("bad {name} in {text:?}"))?;
            Ok(text[at..at + end].trim().parse()?)
        };
        let (wheel, base, ratio) = (field("wheel_s")?, field("baseline_s")?, field("ratio")?);
        figures.push(Figure {
            case: format!("walk-in via checkout, {label}"),
            value: 1.0 / wheel,
            floor: Some(1.0 / base),
            unit: "cycles/s",
            ratio: Some(ratio),
            target: format!("≥ {target:.1}×"),
            met: ratio >= target,
        });
        let port = median(&port);
        figures.push(Figure {
            case: format!("ceiling: the baseline's SQL from Rust, {label}"),
            value: 1.0 / port,
            floor: Some(1.0 / base),
            unit: "cycles/s",
            ratio: Some(base / port),
            target: format!("≥ {target:.1}× (the wheel's)"),
            met: base / port >= target,
        });
    }
    report(
        "python-baseline",
        "Bench 4b — the wheel's walk-in vs the same cycle hand-written with Python's sqlite3, same process (ratio = baseline time ÷ wheel time)",
        ["wheel", "sqlite3"],
        &figures,
    )
}
