//! R-CHAIN-1, R-DB-3 on PostgreSQL: desks killed with SIGKILL mid-workload lose nothing that
//! returned and leave nothing half-applied. (The server restart is `pg_restart.rs`: a test
//! binary of its own, so that no other test's connections see the restart.)
//!
//! The test re-runs its own binary as the desks (`BACKSPACE_PG_FAULT_SCHEMA` tells it so).
//! Size: 50 kills (`BACKSPACE_RELIABILITY_FULL=1`: 300; `BACKSPACE_CRASH_KILLS=n` overrides).

#![allow(clippy::unwrap_used)]

mod common;
#[path = "common/pg.rs"]
mod pg;

use std::os::unix::process::ExitStatusExt;
use std::time::{Duration, Instant};

use common::*;
use pg::*;

const KILL_TEST: &str = "r_chain_1_sigkill_of_desks_on_postgres_loses_nothing";

#[test]
fn r_chain_1_sigkill_of_desks_on_postgres_loses_nothing() {
    if run_as_worker(false, 60) {
        return;
    }
    let kills = env_number("BACKSPACE_CRASH_KILLS", if full_size() { 300 } else { 50 });
    let seed = seed();
    let started = Instant::now();
    let schema = fresh_chain();
    let dir = std::env::temp_dir().join(format!("backspace-pg-crash-{schema}"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng::new(seed);
    let mut journals = Vec::new();
    let mut verified = Verified::default();
    for k in 0..kills {
        let journal = dir.join(format!("{k}.journal"));
        let mut child = spawn_worker(
            KILL_TEST,
            &[
                ("BACKSPACE_PG_FAULT_SCHEMA", schema.clone()),
                (
                    "BACKSPACE_PG_FAULT_JOURNAL",
                    journal.to_string_lossy().to_string(),
                ),
                ("BACKSPACE_PG_FAULT_SEED", seed.wrapping_add(k).to_string()),
            ],
        );
        let delay = if rng.chance(10) {
            rng.range(0, 30)
        } else {
            rng.range(30, 300)
        };
        std::thread::sleep(Duration::from_millis(delay as u64));
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "desk {k} exited by itself ({status}): {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        child.kill().unwrap(); // SIGKILL
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.signal(), Some(9), "desk {k} was not killed");
        journals.push(journal);
        // Every tenth kill and the last, every journal; otherwise the two latest.
        let all = k % 10 == 9 || k + 1 == kills;
        let from = if all {
            0
        } else {
            journals.len().saturating_sub(2)
        };
        verified = verify(&desk(&schema), &journals[from..]);
    }
    println!(
        "RELIABILITY pg-crash: kills={kills} journaled_ops={} customers={} invoices={} seconds={:.1} seed={seed}",
        verified.operations,
        verified.customers,
        verified.invoices,
        started.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        verified.operations > 0 && verified.invoices > 0,
        "{verified:?}"
    );
}
