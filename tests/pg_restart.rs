//! R-CHAIN-1 on PostgreSQL: the server restarted (`pg_ctl restart -m immediate`) under four
//! desks leaves the invariants holding, every operation that returned there, and the desks
//! reconnected and working. Alone in its test binary: no other test's connections see the
//! restart.
//!
//! The test re-runs its own binary as the desks (`BACKSPACE_PG_FAULT_SCHEMA` tells it so).

#![allow(clippy::unwrap_used)]

mod common;
#[path = "common/pg.rs"]
mod pg;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;
use pg::*;

const RESTART_TEST: &str = "r_chain_1_server_restart_under_four_desks_loses_nothing";

#[test]
fn r_chain_1_server_restart_under_four_desks_loses_nothing() {
    if run_as_worker(true, 12) {
        return;
    }
    if std::env::var("BACKSPACE_PG_THROWAWAY").is_err() {
        // Restarting a server this test did not start is not its business.
        eprintln!(
            "NOT RUN: {RESTART_TEST} restarts the throwaway cluster of scripts/test.sh; \
             BACKSPACE_PG_URL names another server"
        );
        return;
    }
    let schema = fresh_chain();
    let dir = std::env::temp_dir().join(format!("backspace-pg-restart-{schema}"));
    std::fs::create_dir_all(&dir).unwrap();
    let marker = dir.join("restarted");
    let journals: Vec<PathBuf> = (0..4).map(|i| dir.join(format!("{i}.journal"))).collect();
    let children: Vec<_> = journals
        .iter()
        .enumerate()
        .map(|(i, journal)| {
            spawn_worker(
                RESTART_TEST,
                &[
                    ("BACKSPACE_PG_FAULT_SCHEMA", schema.clone()),
                    (
                        "BACKSPACE_PG_FAULT_JOURNAL",
                        journal.to_string_lossy().to_string(),
                    ),
                    ("BACKSPACE_PG_FAULT_SEED", (1000 + i).to_string()),
                    (
                        "BACKSPACE_PG_FAULT_MARKER",
                        marker.to_string_lossy().to_string(),
                    ),
                ],
            )
        })
        .collect();
    std::thread::sleep(Duration::from_secs(3));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-cluster.sh");
    let restarted = std::process::Command::new(script)
        .arg("restart-immediate")
        .status()
        .unwrap();
    assert!(restarted.success(), "pg_ctl restart -m immediate");
    std::fs::write(&marker, b"restarted").unwrap();
    let mut tally = Tally::default();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "desk {i} failed: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let after: u64 = text
            .lines()
            .find_map(|l| l.find("AFTER ").map(|i| &l[i + 6..]))
            .and_then(|n| n.trim().parse().ok())
            .unwrap();
        assert!(after > 0, "desk {i} went on after the restart: {text}");
        tally.add(&Tally::parse(
            text.lines()
                .find_map(|l| l.find("TALLY ").map(|i| &l[i + 6..]))
                .unwrap(),
        ));
    }
    let verified = verify(&desk(&schema), &journals);
    println!(
        "RELIABILITY pg-restart: desks=4 journaled_ops={} tally={}",
        verified.operations,
        tally.line()
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(verified.operations > 0);
}
