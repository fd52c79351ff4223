//! R-DB-5, R-DB-1, R-ERR-1: four front desks (four processes) run mixed operations on one SQLite
//! file at once for a bounded time. Every operation either succeeds or fails with a typed error
//! that is not a storage error (a busy database is waited for within the busy timeout), every
//! operation that succeeded is in the file afterwards, and every invariant holds across them.
//!
//! The test re-runs its own binary as the desks (`BACKSPACE_DESKS_DB` tells it so).
//! Size: 4 desks for 6 s (`BACKSPACE_RELIABILITY_FULL=1`: 120 s; `BACKSPACE_DESKS_SECONDS=n`
//! overrides).

#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;

const TEST: &str = "r_db_5_four_desks_at_once_keep_every_invariant";
const DESKS: usize = 4;

fn desk(db: &str) {
    let who = std::env::var("BACKSPACE_DESKS_WHO").unwrap();
    let journal = std::env::var("BACKSPACE_DESKS_JOURNAL").unwrap();
    let seconds = env_number("BACKSPACE_DESKS_SECONDS", 6);
    let seed = env_number("BACKSPACE_DESKS_SEED", 1);
    let desk = backspace::open(db).unwrap();
    let mut journal = Journal::create(journal.as_ref(), false);
    let mut rng = Rng::new(seed);
    assert!(wait_for(
        &std::path::PathBuf::from(format!("{db}.go")),
        Duration::from_secs(30)
    ));
    let until = Instant::now() + Duration::from_secs(seconds);
    let tally = work(&desk, &mut rng, &mut journal, &format!("d{who}"), |_| {
        Instant::now() > until
    });
    println!("TALLY {}", tally.line());
}

#[test]
fn r_db_5_four_desks_at_once_keep_every_invariant() {
    if let Ok(db) = std::env::var("BACKSPACE_DESKS_DB") {
        desk(&db);
        return;
    }
    let seconds = env_number("BACKSPACE_DESKS_SECONDS", if full_size() { 120 } else { 6 });
    let seed = seed();
    eprintln!(
        "concurrent desks: {DESKS} processes for {seconds} s, seed {seed} (BACKSPACE_RELIABILITY_SEED)"
    );
    let db = TempDb::new("desks");
    seed_db(&db.path);
    let path = db.path.to_string_lossy().to_string();
    let journals: Vec<_> = (0..DESKS)
        .map(|i| db.companion(&format!(".{i}.journal")))
        .collect();
    let children: Vec<_> = journals
        .iter()
        .enumerate()
        .map(|(i, journal)| {
            spawn_worker(
                TEST,
                &[
                    ("BACKSPACE_DESKS_DB", path.clone()),
                    ("BACKSPACE_DESKS_WHO", i.to_string()),
                    (
                        "BACKSPACE_DESKS_JOURNAL",
                        journal.to_string_lossy().to_string(),
                    ),
                    ("BACKSPACE_DESKS_SECONDS", seconds.to_string()),
                    (
                        "BACKSPACE_DESKS_SEED",
                        seed.wrapping_add(i as u64).to_string(),
                    ),
                ],
            )
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(db.companion(".go"), b"go").unwrap();
    let mut total = Tally::default();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "desk {i} failed ({}): {stdout}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let tally = stdout
            .lines()
            .find_map(|l| l.split_once("TALLY ").map(|(_, t)| Tally::parse(t)))
            .unwrap_or_else(|| panic!("desk {i} printed no tally: {stdout}"));
        eprintln!("desk {i}: {}", tally.line());
        total.add(&tally);
    }
    let _ = std::fs::remove_file(db.companion(".go"));
    integrity_check(&db.path);
    let desk = backspace::open(&db.path).unwrap();
    let verified = verify(&desk, &journals);
    assert!(
        !total.failed.contains_key("storage"),
        "storage errors: {total:?}"
    );
    println!(
        "RELIABILITY desks: processes={DESKS} seconds={seconds} operations={} {} journaled_ops={} customers={} invoices={} seed={seed}",
        total.total(),
        total.line(),
        verified.operations,
        verified.customers,
        verified.invoices
    );
    assert!(
        total.ok > 0 && verified.invoices > 0,
        "the desks did nothing: {total:?}"
    );
}
