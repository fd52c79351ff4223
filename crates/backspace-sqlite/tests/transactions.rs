//! Transactions: reads never write, a panicking operation leaves the store usable and
//! unchanged, concurrent writers across threads keep counters gapless.

#![allow(clippy::unwrap_used)]

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use backspace_core::{Counter, Store};
use backspace_sqlite::SqliteStore;
use common::{TempDb, open};

#[test]
fn a_read_refuses_to_write_and_takes_no_number() {
    let store = SqliteStore::in_memory().unwrap();
    let err = store
        .read(|tx| tx.next_number(Counter::Invoice))
        .unwrap_err();
    assert_eq!(err.kind(), backspace_core::ErrorKind::Storage, "{err}");
    assert_eq!(
        store.write(|tx| tx.next_number(Counter::Invoice)).unwrap(),
        1
    );
}

#[test]
fn a_panicking_write_leaves_the_store_usable_and_unchanged() {
    let store = SqliteStore::in_memory().unwrap();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        store
            .write(|tx| {
                tx.next_number(Counter::Customer)?;
                panic!("bug inside an operation");
                #[allow(unreachable_code)]
                Ok(())
            })
            .ok();
    }));
    assert!(outcome.is_err());
    assert_eq!(
        store.write(|tx| tx.next_number(Counter::Customer)).unwrap(),
        1
    );
}

#[test]
fn writers_on_many_threads_and_connections_never_reuse_a_number() {
    let db = TempDb::new("threads");
    drop(open(&db));
    let numbers = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                let store = open(&db);
                for _ in 0..25 {
                    let n = store.write(|tx| tx.next_number(Counter::Invoice)).unwrap();
                    numbers.lock().unwrap().push(n);
                }
            });
        }
    });
    let mut numbers = numbers.into_inner().unwrap();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=100).collect::<Vec<u64>>());
}
