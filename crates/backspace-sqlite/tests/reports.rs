//! The SQL reports give exactly what the reference scans of `backspace_core::reports` give,
//! on the same data, across midnight, DST changes and sub-second instants.

#![allow(clippy::unwrap_used)]

mod common;

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::{
    outstanding_by_scan, revenue_by_scan, top_customers_by_scan, utilization_by_scan,
};
use backspace_core::{Backspace, PaymentMethod, ResourceType, SettingsUpdate, Store};
use backspace_core::{EndSession, NewCustomer, NewPayment};
use backspace_sqlite::SqliteStore;
use chrono::{DateTime, NaiveDate, Utc};
use common::{dec, desk, populate, utc, utc_us};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Asserts that every SQL report equals its scan over `from..=to`.
fn same_as_scan(store: &SqliteStore, from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) {
    store
        .read(|tx| {
            let tz: Tz = tx.settings()?.time_zone;
            let sql = tx.revenue(from, to, tz)?;
            assert_eq!(
                sql,
                revenue_by_scan(tx, from, to, tz)?,
                "revenue {from}..{to}"
            );
            assert_eq!(sql.len() as i64, (to - from).num_days() + 1);
            assert_eq!(
                tx.utilization(from, to, tz, now)?,
                utilization_by_scan(tx, from, to, tz, now)?,
                "utilization {from}..{to}"
            );
            assert_eq!(tx.outstanding_invoices()?, outstanding_by_scan(tx)?);
            for n in [0, 1, 2, 10] {
                assert_eq!(
                    tx.top_customers(from, to, n)?,
                    top_customers_by_scan(tx, from, to, n)?,
                    "top {n} {from}..{to}"
                );
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn reports_equal_the_scans_on_a_busy_day() {
    let (bs, _) = desk(SqliteStore::in_memory().unwrap());
    populate(&bs);
    let now = utc(2026, 11, 24, 20, 0, 0);
    for (from, to) in [
        (day(2026, 11, 20), day(2026, 11, 30)),
        (day(2026, 11, 24), day(2026, 11, 24)),
        (day(2026, 11, 23), day(2026, 11, 23)),
        (day(2026, 1, 1), day(2026, 1, 3)),
    ] {
        same_as_scan(bs.store(), from, to, now);
    }
    // Something was counted, so the equality above is not between two empty reports.
    let revenue = bs.revenue(day(2026, 11, 23), day(2026, 11, 24)).unwrap();
    assert!(revenue.iter().any(|r| r.net > dec("0")));
    assert!(revenue.iter().any(|r| r.credit_applied > dec("0")));
    assert!(revenue.iter().any(|r| r.card > dec("0")));
    assert!(revenue.iter().any(|r| r.transfer > dec("0")));
    assert!(revenue.iter().any(|r| r.discounts > dec("0")));
    let util = bs
        .utilization(day(2026, 11, 24), day(2026, 11, 24))
        .unwrap();
    assert!(util.iter().all(|u| u.occupied_minutes > 0));
    assert_eq!(
        bs.top_customers(day(2026, 11, 1), day(2026, 11, 30), 2)
            .unwrap()
            .len(),
        2
    );
    assert!(!bs.outstanding_invoices().unwrap().is_empty());
}

#[test]
fn empty_store_reports_zero_rows() {
    let (bs, _) = desk(SqliteStore::in_memory().unwrap());
    same_as_scan(
        bs.store(),
        day(2026, 11, 1),
        day(2026, 11, 3),
        utc(2026, 11, 24, 0, 0, 0),
    );
    let revenue = bs.revenue(day(2026, 11, 1), day(2026, 11, 3)).unwrap();
    assert_eq!(revenue.len(), 3);
    assert!(
        revenue
            .iter()
            .all(|r| r.net == dec("0") && r.received == dec("0"))
    );
}

/// Sessions, payments and deposits around the DST changes of a zone.
fn dst_desk(zone: &str, instants: &[DateTime<Utc>]) -> Backspace<SqliteStore> {
    let (bs, clock) = desk(SqliteStore::in_memory().unwrap());
    clock.set(utc(2027, 1, 1, 0, 0, 0));
    bs.update_settings(SettingsUpdate {
        time_zone: Some(zone.into()),
        ..SettingsUpdate::default()
    })
    .unwrap();
    let mona = bs
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
        .unwrap();
    let seat = bs
        .at(utc(2026, 1, 1, 0, 0, 0))
        .add_resource("Seat 1", ResourceType::Seat, dec("30"))
        .unwrap();
    let methods = [
        PaymentMethod::Cash,
        PaymentMethod::Card,
        PaymentMethod::Transfer,
    ];
    for (i, pair) in instants.windows(2).enumerate() {
        let s = bs.at(pair[0]).start_session(mona.id, seat.id).unwrap();
        let inv = bs
            .at(pair[1])
            .end_session(s.id, EndSession::default())
            .unwrap();
        let method = methods[i % 3];
        if inv.total > dec("0") {
            bs.at(pair[1])
                .record_payment(inv.id, NewPayment::new(dec("0.01"), method))
                .unwrap();
        }
        bs.at(pair[1])
            .deposit(mona.id, dec("1.25"), method)
            .unwrap();
    }
    bs
}

#[test]
fn reports_equal_the_scans_across_dst_in_cairo_and_london() {
    let cairo = [
        // Spring forward: 2026-04-24 00:00 local does not exist (UTC+2 → UTC+3).
        utc(2026, 4, 23, 21, 30, 0),
        utc(2026, 4, 23, 22, 0, 0),
        utc_us(2026, 4, 23, 22, 0, 0, 999_999),
        utc(2026, 4, 24, 1, 0, 0),
        // Fall back: 2026-10-29 24:00 → 23:00.
        utc(2026, 10, 29, 20, 30, 0),
        utc(2026, 10, 29, 21, 0, 0),
        utc(2026, 10, 29, 22, 15, 0),
    ];
    let london = [
        utc(2026, 3, 28, 23, 59, 59),
        utc_us(2026, 3, 29, 0, 59, 59, 500_000),
        utc(2026, 3, 29, 1, 0, 0),
        utc(2026, 3, 29, 23, 0, 0),
        utc(2026, 10, 24, 23, 30, 0),
        utc(2026, 10, 25, 0, 30, 0),
        utc(2026, 10, 25, 1, 30, 0),
        utc(2026, 10, 25, 23, 59, 0),
    ];
    for (zone, instants) in [("Africa/Cairo", &cairo[..]), ("Europe/London", &london[..])] {
        let bs = dst_desk(zone, instants);
        let now = utc(2027, 1, 1, 0, 0, 0);
        for (from, to) in [
            (day(2026, 3, 27), day(2026, 3, 30)),
            (day(2026, 3, 29), day(2026, 3, 29)),
            (day(2026, 4, 23), day(2026, 4, 25)),
            (day(2026, 4, 24), day(2026, 4, 24)),
            (day(2026, 10, 24), day(2026, 10, 30)),
            (day(2026, 10, 25), day(2026, 10, 25)),
            (day(2026, 10, 29), day(2026, 10, 29)),
            (day(2026, 1, 1), day(2026, 12, 31)),
        ] {
            same_as_scan(bs.store(), from, to, now);
        }
    }
}

#[test]
fn running_sessions_count_up_to_now() {
    let (bs, clock) = desk(SqliteStore::in_memory().unwrap());
    let mona = bs
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
        .unwrap();
    let seat = bs
        .add_resource("Seat 1", ResourceType::Seat, dec("30"))
        .unwrap();
    bs.add_resource("Seat 0", ResourceType::Seat, dec("30"))
        .unwrap();
    bs.at(utc_us(2026, 11, 24, 10, 0, 0, 750_000))
        .start_session(mona.id, seat.id)
        .unwrap();
    for now in [
        utc(2026, 11, 24, 9, 0, 0),
        utc_us(2026, 11, 24, 10, 0, 1, 500_000),
        utc(2026, 11, 24, 16, 0, 0),
        utc(2026, 11, 26, 0, 0, 0),
    ] {
        clock.set(now);
        same_as_scan(bs.store(), day(2026, 11, 24), day(2026, 11, 25), now);
    }
    let rows = bs
        .utilization(day(2026, 11, 24), day(2026, 11, 24))
        .unwrap();
    assert_eq!(rows[0].resource_name, "Seat 0");
    assert_eq!(rows[0].occupied_minutes, 0);
    assert!(rows[1].occupied_minutes > 0);
}

#[test]
fn many_invoices_sort_by_number_like_the_scan() {
    let (bs, _) = desk(SqliteStore::in_memory().unwrap());
    let seat = bs
        .add_resource("Seat 1", ResourceType::Seat, dec("30"))
        .unwrap();
    let mut customers = Vec::new();
    for i in 0..12 {
        customers.push(
            bs.register_customer(NewCustomer::new(
                format!("C{i}"),
                format!("010 1234 56{i:02}"),
            ))
            .unwrap(),
        );
    }
    for (i, c) in customers.iter().enumerate() {
        let start = utc(2026, 11, 20, 8, 0, 0) + chrono::Duration::minutes(90 * i as i64);
        let s = bs.at(start).start_session(c.id, seat.id).unwrap();
        bs.at(start + chrono::Duration::minutes(30 + i as i64))
            .end_session(s.id, EndSession::default())
            .unwrap();
    }
    same_as_scan(
        bs.store(),
        day(2026, 11, 20),
        day(2026, 11, 21),
        utc(2026, 11, 24, 0, 0, 0),
    );
    let top = bs
        .top_customers(day(2026, 11, 20), day(2026, 11, 21), 5)
        .unwrap();
    assert_eq!(top.len(), 5);
    let listed = bs.store().read(|tx| tx.customers()).unwrap();
    assert_eq!(listed[9].human_id, "C-010");
}

#[test]
fn utilization_finds_long_sessions_that_started_long_before_the_range() {
    let (bs, clock) = desk(SqliteStore::in_memory().unwrap());
    clock.set(utc(2026, 12, 31, 0, 0, 0));
    let seats: Vec<_> = (1..=4)
        .map(|i| {
            bs.add_resource(&format!("Seat {i}"), ResourceType::Seat, dec("30"))
                .unwrap()
        })
        .collect();
    let people: Vec<_> = (1..=4)
        .map(|i| {
            bs.register_customer(NewCustomer::new(
                format!("P{i}"),
                format!("010 1234 500{i}"),
            ))
            .unwrap()
        })
        .collect();
    // Many short sessions long before the range, so the longest one decides the bound.
    for h in 0..20 {
        let at = utc(2026, 9, 1, 8, 0, 0) + chrono::Duration::hours(h);
        let s = bs.at(at).start_session(people[0].id, seats[0].id).unwrap();
        bs.at(at + chrono::Duration::minutes(50))
            .end_session(s.id, EndSession::default())
            .unwrap();
    }
    // 40 days long, across the whole of November, with sub-second ends.
    let s = bs
        .at(utc_us(2026, 10, 20, 9, 0, 0, 999_999))
        .start_session(people[1].id, seats[1].id)
        .unwrap();
    bs.at(utc_us(2026, 11, 29, 9, 0, 1, 1))
        .end_session(s.id, EndSession::default())
        .unwrap();
    // Ends a second into the range after a month.
    let s = bs
        .at(utc(2026, 10, 1, 0, 0, 0))
        .start_session(people[2].id, seats[2].id)
        .unwrap();
    bs.at(utc(2026, 10, 31, 22, 0, 1))
        .end_session(s.id, EndSession::default())
        .unwrap();
    // Running since September.
    bs.at(utc(2026, 9, 15, 0, 0, 0))
        .start_session(people[3].id, seats[3].id)
        .unwrap();
    let now = utc(2026, 12, 31, 0, 0, 0);
    for (from, to) in [
        (day(2026, 11, 1), day(2026, 11, 30)),
        (day(2026, 11, 10), day(2026, 11, 10)),
        (day(2026, 11, 29), day(2026, 12, 5)),
        (day(2026, 9, 1), day(2026, 9, 1)),
    ] {
        same_as_scan(bs.store(), from, to, now);
    }
    let rows = bs
        .utilization(day(2026, 11, 10), day(2026, 11, 10))
        .unwrap();
    let minutes: Vec<i64> = rows.iter().map(|r| r.occupied_minutes).collect();
    assert_eq!(minutes, [0, 24 * 60, 0, 24 * 60]);
    let rows = bs.utilization(day(2026, 11, 1), day(2026, 11, 1)).unwrap();
    assert_eq!(rows[2].occupied_minutes, 0, "one second is no minute");
}

#[test]
fn customers_by_ids_skips_unknown_ids_and_repeats() {
    let (bs, _) = desk(SqliteStore::in_memory().unwrap());
    let a = bs
        .register_customer(NewCustomer::new("A", "010 1234 5601"))
        .unwrap();
    let b = bs
        .register_customer(NewCustomer::new("B", "010 1234 5602"))
        .unwrap();
    let unknown = backspace_core::Uuid::new_v4();
    let mut found = bs
        .store()
        .read(|tx| tx.customers_by_ids(&[b.id, unknown, a.id, b.id]))
        .unwrap();
    found.sort_by(|x, y| x.human_id.cmp(&y.human_id));
    assert_eq!(found, vec![a, b]);
    assert!(
        bs.store()
            .read(|tx| tx.customers_by_ids(&[]))
            .unwrap()
            .is_empty()
    );
}
