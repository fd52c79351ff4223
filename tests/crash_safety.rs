//! R-DB-3, R-ERR-2: a front desk killed with SIGKILL at random moments loses nothing.
//!
//! The test re-runs its own binary as a worker (`BACKSPACE_CRASH_DB` tells it so) that runs a
//! random front-desk workload on one SQLite file and journals every operation *after* it
//! returned. The parent kills the worker at a random moment, again and again, and after every
//! kill reopens the file and checks:
//!
//! - `PRAGMA integrity_check` is `ok` and no foreign key is broken;
//! - every journaled operation is there (customers, sessions, invoices with their numbers and
//!   amounts, payments, deposits, consumptions, stock movements, subscriptions, cancellations);
//! - nothing is half-applied: every invariant holds (invoice totals, paid ≤ total, balance =
//!   ledger = credit − outstanding, stock = its movements by kind, `C-…`/`INV-…` gapless, no
//!   session both active and invoiced, availability).
//!
//! Size: 50 kills (`BACKSPACE_RELIABILITY_FULL=1`: 300; `BACKSPACE_CRASH_KILLS=n` overrides).

#![allow(clippy::unwrap_used)]

mod common;

use std::os::unix::process::ExitStatusExt;
use std::time::{Duration, Instant};

use common::*;

const TEST: &str = "r_db_3_sigkill_at_random_moments_loses_nothing";

fn worker(db: &str) {
    let journal = std::env::var("BACKSPACE_CRASH_JOURNAL").unwrap();
    let seed = env_number("BACKSPACE_CRASH_SEED", 1);
    let desk = backspace::open(db).unwrap();
    let mut journal = Journal::create(journal.as_ref(), true);
    let mut rng = Rng::new(seed);
    let until = Instant::now() + Duration::from_secs(60);
    let tally = work(&desk, &mut rng, &mut journal, &format!("k{seed}"), |_| {
        Instant::now() > until
    });
    println!("TALLY {}", tally.line());
}

#[test]
fn r_db_3_sigkill_at_random_moments_loses_nothing() {
    if let Ok(db) = std::env::var("BACKSPACE_CRASH_DB") {
        worker(&db);
        return;
    }
    let kills = env_number("BACKSPACE_CRASH_KILLS", if full_size() { 300 } else { 50 });
    let seed = seed();
    eprintln!("crash safety: {kills} kills, seed {seed} (BACKSPACE_RELIABILITY_SEED)");
    let started = Instant::now();
    let db = TempDb::new("crash");
    seed_db(&db.path);
    let mut rng = Rng::new(seed);
    let mut journals = Vec::new();
    let (mut hot_wal, mut verified) = (0u64, Verified::default());
    let mut checking = Duration::ZERO;
    for k in 0..kills {
        let journal = db.companion(&format!(".{k}.journal"));
        let mut child = spawn_worker(
            TEST,
            &[
                ("BACKSPACE_CRASH_DB", db.path.to_string_lossy().to_string()),
                (
                    "BACKSPACE_CRASH_JOURNAL",
                    journal.to_string_lossy().to_string(),
                ),
                ("BACKSPACE_CRASH_SEED", seed.wrapping_add(k).to_string()),
            ],
        );
        // Most kills land while operations run; a few while the worker starts or opens the file.
        let delay = if rng.chance(10) {
            rng.range(0, 20)
        } else {
            rng.range(20, 250)
        };
        std::thread::sleep(Duration::from_millis(delay as u64));
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "worker {k} exited by itself ({status}): {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        child.kill().unwrap(); // SIGKILL
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.signal(),
            Some(9),
            "worker {k} was not killed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        journals.push(journal);
        if std::fs::metadata(db.companion("-wal")).is_ok_and(|m| m.len() > 0) {
            hot_wal += 1;
        }
        let check_started = Instant::now();
        integrity_check(&db.path);
        let desk = backspace::open(&db.path).unwrap();
        // Every journal: a later crash must not lose what an earlier run did. (At full size, to
        // stay linear, the two latest journals after each kill and all of them every tenth kill
        // and at the end; the invariants and the integrity check run after every kill.)
        let all = !full_size() || k % 10 == 9 || k + 1 == kills;
        let from = if all {
            0
        } else {
            journals.len().saturating_sub(2)
        };
        verified = verify(&desk, &journals[from..]);
        checking += check_started.elapsed();
    }
    println!(
        "RELIABILITY crash: kills={kills} hot_wal={hot_wal} journaled_ops={} customers={} invoices={} seconds={:.1} checking={:.1} seed={seed}",
        verified.operations,
        verified.customers,
        verified.invoices,
        started.elapsed().as_secs_f64(),
        checking.as_secs_f64()
    );
    assert!(
        verified.operations > 0 && verified.invoices > 0,
        "the workload did nothing: {verified:?}"
    );
}

/// The check above is not vacuous: an operation that returned but is missing from the file (a
/// deposit removed behind Backspace's back, balance and credit made to match so that every
/// invariant still holds) is reported.
#[test]
fn the_journal_check_notices_a_lost_operation() {
    let db = TempDb::new("lost");
    seed_db(&db.path);
    let journal = db.companion(".0.journal");
    {
        let desk = backspace::open(&db.path).unwrap();
        let mut j = Journal::create(&journal, false);
        work(&desk, &mut Rng::new(7), &mut j, "lost", |n| n >= 300);
        verify(&desk, std::slice::from_ref(&journal));
    }
    let text = std::fs::read_to_string(&journal).unwrap();
    let line = text
        .lines()
        .rfind(|l| l.starts_with("deposit "))
        .expect("a deposit");
    let entry = line.split(' ').nth(2).unwrap();
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch(&format!(
        "BEGIN;
         UPDATE customers SET
             balance_piastres = balance_piastres - (SELECT amount_piastres FROM ledger_entries WHERE id = '{entry}'),
             credit_piastres = credit_piastres - (SELECT amount_piastres FROM ledger_entries WHERE id = '{entry}')
         WHERE id = (SELECT customer_id FROM ledger_entries WHERE id = '{entry}');
         DELETE FROM ledger_entries WHERE id = '{entry}';
         COMMIT;"
    ))
    .unwrap();
    drop(conn);
    let desk = backspace::open(&db.path).unwrap();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        verify(&desk, std::slice::from_ref(&journal))
    }));
    let message = caught.expect_err("a lost deposit must be noticed");
    let message = message
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| message.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    assert!(message.contains("deposit lost"), "{message}");
}
