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

/// Two desks on one file, writing in turn: each write carries over what the connection's last
/// write knew (settings, staff, the last trail and audit entries, the closed days) only while no
/// other connection has committed since. Every change the other desk makes is seen by the next
/// write, and both chains stay whole (R-CORR-5, R-STAFF-4).
#[test]
fn desks_writing_in_turn_see_each_others_settings_staff_and_chains() {
    use backspace_core::{
        Backspace, Decimal, EndSession, ErrorKind, NewCustomer, NewOperator, ResourceType, Role,
        SettingsUpdate,
    };
    use chrono::{Duration, Utc};

    let db = TempDb::new("two-desks");
    let a = Backspace::new(open(&db));
    let b = Backspace::new(open(&db));
    let dec = |s: &str| s.parse::<Decimal>().unwrap();
    let mona = a
        .register_customer(NewCustomer::new("Mona", "01012345678"))
        .unwrap();
    let seat = b
        .add_resource("Seat 1", ResourceType::Seat, dec("30"))
        .unwrap();
    let start = Utc::now() - Duration::hours(5);
    // A writes (and keeps what it knows); B then caps the day; A's next invoice is capped.
    let s = a.at(start).start_session(mona.id, seat.id).unwrap();
    b.update_settings(SettingsUpdate {
        daily_cap: Some(Some(dec("40"))),
        ..Default::default()
    })
    .unwrap();
    let inv = a
        .at(start + Duration::hours(4))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!(
        inv.total,
        dec("40.00"),
        "A billed with settings B had replaced"
    );
    // Invoices and audit entries from both desks, interleaved.
    for k in 0..3 {
        let (first, second) = if k % 2 == 0 { (&a, &b) } else { (&b, &a) };
        let at = start + Duration::hours(4) + Duration::minutes(10 * (k + 1));
        let s = first.at(at).start_session(mona.id, seat.id).unwrap();
        second
            .at(at + Duration::minutes(5))
            .end_session(s.id, EndSession::default())
            .unwrap();
    }
    // B takes on staff: A may no longer write without signing in (R-STAFF-2).
    let hany = b
        .add_operator(NewOperator::new("Hany", Role::Owner, "739150284613"))
        .unwrap();
    let refused = a
        .register_customer(NewCustomer::new("Omar", "01112345678"))
        .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Forbidden, "{refused}");
    // Twelve writes so far, and each sign-in is audited too.
    for (signed_in, desk) in [&a, &b].into_iter().enumerate() {
        let owner = desk.sign_in(hany.id, "739150284613").unwrap();
        let report = owner.verify_trail().unwrap();
        assert!(report.is_intact(), "{report:?}");
        assert_eq!(
            (report.entries, report.audit_entries),
            (4, 13 + signed_in as u64)
        );
    }
}
