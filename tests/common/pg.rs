//! Shared by the PostgreSQL fault tests (`pg_crash.rs`, `pg_restart.rs`): a desk on a branch
//! of a throwaway schema, and the desk process they re-run their own binary as.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use backspace::Backspace;
use backspace_postgres::{Chain, NewBranch, PostgresStore, testing};

use crate::common::*;

pub fn desk(schema: &str) -> Backspace<PostgresStore> {
    Backspace::new(
        PostgresStore::open_config(testing::schema_config(schema), Some("MAIN")).unwrap(),
    )
}

pub fn fresh_chain() -> String {
    let schema = testing::fresh_schema();
    Chain::connect_config(&testing::schema_config(&schema))
        .unwrap()
        .add_branch(NewBranch::new("Main", "MAIN").plain_numbers())
        .unwrap();
    seed_desk(&desk(&schema));
    schema
}

/// A desk process: random work until `seconds` pass; with `marker` (the restart test), counts
/// the operations that returned after the marker file appeared.
fn worker(schema: &str, seconds: u64, tolerant: bool) {
    let journal = std::env::var("BACKSPACE_PG_FAULT_JOURNAL").unwrap();
    let seed = env_number("BACKSPACE_PG_FAULT_SEED", 1);
    let marker = std::env::var("BACKSPACE_PG_FAULT_MARKER")
        .ok()
        .map(PathBuf::from);
    let desk = desk(schema);
    let mut journal = Journal::create(journal.as_ref(), true);
    let mut rng = Rng::new(seed);
    let until = Instant::now() + Duration::from_secs(seconds);
    let hard_until = until + Duration::from_secs(60);
    let mut after = 0u64;
    let mut last_ok = 0u64;
    let tally = work_through(
        &desk,
        &mut rng,
        &mut journal,
        &format!("p{seed}"),
        |n| {
            if marker.as_deref().is_some_and(Path::exists) && n > last_ok {
                after += 1;
            }
            last_ok = n;
            // Past `seconds`, a desk goes on until it has done some work after the restart (a
            // loaded machine can take seconds to recover the server), within a hard limit.
            let now = Instant::now();
            now > hard_until || now > until && (marker.is_none() || after >= 10)
        },
        tolerant,
    );
    println!("TALLY {}", tally.line());
    println!("AFTER {after}");
}

pub fn run_as_worker(tolerant: bool, seconds: u64) -> bool {
    match std::env::var("BACKSPACE_PG_FAULT_SCHEMA") {
        Ok(schema) => {
            worker(&schema, seconds, tolerant);
            true
        }
        Err(_) => false,
    }
}
