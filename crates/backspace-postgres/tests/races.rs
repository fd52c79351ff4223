//! R-CHAIN-1 under real concurrency: processes race on one PostgreSQL database, many rounds,
//! for one seat, one booking slot and one phone (exactly one wins each round, the others get a
//! conflict, never a storage error), take invoice and customer numbers from 8 processes at
//! once (gapless, no duplicates), and drain one item's stock (never below zero).
//!
//! The test re-runs its own binary as the racers (`BACKSPACE_PG_RACE`, `…_SCHEMA`, `…_WHO`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use backspace_core::chrono::{Duration as Minutes, Utc};
use backspace_core::{
    Backspace, Category, EndSession, ErrorKind, NewCustomer, NewReservation, ResourceType,
};
use backspace_postgres::{Chain, NewBranch, PostgresStore, testing};
use rust_decimal::Decimal;

const ROUNDS: usize = 30;
/// Customers `C-001`…`C-008` are the racers' own (spares where fewer race).
const RACERS_MAX: usize = 8;

fn desk(schema: &str) -> Backspace<PostgresStore> {
    Backspace::new(
        PostgresStore::open_config(testing::schema_config(schema), Some("MAIN")).expect("open"),
    )
}

fn wait_for_go(schema: &str) {
    let go = go_file(schema);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !go.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn go_file(schema: &str) -> PathBuf {
    std::env::temp_dir().join(format!("backspace-pg-race-{schema}.go"))
}

fn outcome<T>(r: backspace_core::Result<T>) -> String {
    match r {
        Ok(_) => "won".into(),
        Err(e) if e.kind() == ErrorKind::Conflict => "conflict".into(),
        Err(e) if e.kind() == ErrorKind::InsufficientStock => "out".into(),
        Err(e) => format!("error {e}"),
    }
}

/// One racer: what it does each round, printed as `RACE <round> <outcome>`.
fn racer(kind: &str, schema: &str, who: usize) {
    let desk = desk(schema);
    let me = desk
        .find_customer(&format!("C-{:03}", who + 1))
        .expect("my customer");
    wait_for_go(schema);
    match kind {
        "seat" => {
            // A walk-in of this racer's per round: only the seat is contested.
            for (round, seat) in desk.list_resources().expect("seats").iter().enumerate() {
                let walk_in = desk
                    .find_customer(&format!("C-{:03}", RACERS_MAX + who * ROUNDS + round + 1))
                    .expect("this round's walk-in");
                let r = desk.start_session(walk_in.id, seat.id);
                println!("RACE {round} {}", outcome(r));
            }
        }
        "slot" => {
            let base = (Utc::now() + Minutes::days(2))
                .date_naive()
                .and_hms_opt(8, 0, 0)
                .expect("10:00 Cairo")
                .and_utc();
            let (from, to) = if who.is_multiple_of(2) {
                (0, 60)
            } else {
                (30, 90)
            };
            for (round, room) in desk.list_resources().expect("rooms").iter().enumerate() {
                let booking = NewReservation::new(
                    me.id,
                    room.id,
                    base + Minutes::minutes(from),
                    base + Minutes::minutes(to),
                );
                println!("RACE {round} {}", outcome(desk.reserve(booking)));
            }
        }
        "phone" => {
            for round in 0..ROUNDS {
                let phone = format!("0100{round:07}");
                let r = desk.register_customer(NewCustomer::new(format!("Racer {who}"), phone));
                println!("RACE {round} {}", outcome(r));
            }
        }
        "numbers" => {
            let seat = &desk.list_resources().expect("seats")[who];
            for round in 0..ROUNDS / 2 {
                let s = desk.start_session(me.id, seat.id).expect("start");
                let inv = desk.end_session(s.id, EndSession::default()).expect("end");
                println!("RACE {round} {}", inv.invoice_number);
                let c = desk
                    .register_customer(NewCustomer::new("New", format!("0111{who:02}{round:05}")))
                    .expect("register");
                println!("RACE {round} {}", c.human_id);
            }
        }
        "stock" => {
            let item = &desk.list_inventory_items().expect("items")[0];
            let seat = &desk.list_resources().expect("seats")[who];
            let s = desk.start_session(me.id, seat.id).expect("start");
            let mut round = 0;
            loop {
                let r = desk.add_consumption(s.id, item.id, 1);
                let said = outcome(r);
                println!("RACE {round} {said}");
                round += 1;
                if said != "won" {
                    break;
                }
            }
        }
        other => panic!("unknown race {other}"),
    }
}

/// Sets up a schema for `kind` with `racers` customers and `resources` resources, runs the
/// racers and returns each one's printed outcomes.
fn race(test: &str, kind: &str, racers: usize, resources: usize) -> (String, Vec<Vec<String>>) {
    let schema = testing::fresh_schema();
    let config = testing::schema_config(&schema);
    Chain::connect_config(&config)
        .expect("chain")
        .add_branch(NewBranch::new("Main", "MAIN"))
        .expect("branch");
    let setup = desk(&schema);
    for who in 0..racers {
        setup
            .register_customer(NewCustomer::new(
                format!("Racer {who}"),
                format!("0122{who:07}"),
            ))
            .expect("racer");
    }
    if kind == "seat" {
        for who in racers..RACERS_MAX {
            setup
                .register_customer(NewCustomer::new("Spare", format!("0122{who:07}")))
                .expect("spare");
        }
        for n in 0..racers * ROUNDS {
            setup
                .register_customer(NewCustomer::new("Walk-in", format!("0155{n:07}")))
                .expect("walk-in");
        }
    }
    let room = if kind == "slot" {
        ResourceType::Room
    } else {
        ResourceType::Seat
    };
    for i in 0..resources {
        setup
            .add_resource(&format!("R {i:03}"), room, Decimal::new(3000, 2))
            .expect("resource");
    }
    if kind == "stock" {
        setup
            .add_inventory_item("Tea", Category::Beverage, Decimal::new(1000, 2), 50, 0)
            .expect("item");
    }
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = (0..racers)
        .map(|who| {
            Command::new(&exe)
                .args([
                    "--exact",
                    test,
                    "--nocapture",
                    "--test-threads=1",
                    "--quiet",
                ])
                .env("BACKSPACE_PG_RACE", kind)
                .env("BACKSPACE_PG_RACE_SCHEMA", &schema)
                .env("BACKSPACE_PG_RACE_WHO", who.to_string())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("spawn racer")
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(go_file(&schema), b"go").expect("go");
    let outputs = children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().expect("racer ends");
            let text = String::from_utf8_lossy(&out.stdout).to_string();
            assert!(out.status.success(), "racer failed: {text}");
            // libtest may print on the same line before the first outcome.
            text.lines()
                .filter_map(|l| l.find("RACE ").map(|i| l[i + 5..].to_string()))
                .collect()
        })
        .collect();
    let _ = std::fs::remove_file(go_file(&schema));
    (schema, outputs)
}

/// Runs the racer when this process is one; returns whether it was.
fn as_racer() -> bool {
    let (Ok(kind), Ok(schema)) = (
        std::env::var("BACKSPACE_PG_RACE"),
        std::env::var("BACKSPACE_PG_RACE_SCHEMA"),
    ) else {
        return false;
    };
    let who = std::env::var("BACKSPACE_PG_RACE_WHO")
        .ok()
        .and_then(|w| w.parse().ok())
        .unwrap_or(0);
    racer(&kind, &schema, who);
    true
}

/// Each round's outcomes across racers: exactly one `won`, the rest `conflict`.
fn exactly_one_wins_each_round(outputs: &[Vec<String>], rounds: usize) {
    let mut per_round: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for line in outputs.iter().flatten() {
        let (round, said) = line.split_once(' ').expect("round and outcome");
        per_round
            .entry(round.parse().expect("round"))
            .or_default()
            .push(said.to_string());
    }
    assert_eq!(per_round.len(), rounds);
    for (round, said) in per_round {
        assert_eq!(
            said.iter().filter(|s| *s == "won").count(),
            1,
            "round {round}: {said:?}"
        );
        assert!(
            said.iter().all(|s| s == "won" || s == "conflict"),
            "round {round}: {said:?}"
        );
    }
}

#[test]
fn r_chain_1_racing_processes_never_share_a_seat() {
    if as_racer() {
        return;
    }
    let (schema, outputs) = race(
        "r_chain_1_racing_processes_never_share_a_seat",
        "seat",
        4,
        ROUNDS,
    );
    exactly_one_wins_each_round(&outputs, ROUNDS);
    let desk = desk(&schema);
    let active = desk.active_sessions().expect("active");
    assert_eq!(active.len(), ROUNDS, "one session on each seat");
    let mut seats: Vec<_> = active.iter().map(|a| a.session.resource_id).collect();
    seats.sort();
    seats.dedup();
    assert_eq!(seats.len(), ROUNDS);
}

#[test]
fn r_chain_1_racing_processes_never_book_one_slot_twice() {
    if as_racer() {
        return;
    }
    let (schema, outputs) = race(
        "r_chain_1_racing_processes_never_book_one_slot_twice",
        "slot",
        4,
        ROUNDS,
    );
    exactly_one_wins_each_round(&outputs, ROUNDS);
    let numbers: Vec<String> = desk(&schema)
        .reservations(
            Utc::now().date_naive(),
            (Utc::now() + Minutes::days(4)).date_naive(),
            None,
        )
        .expect("reservations")
        .into_iter()
        .map(|r| r.reservation_number)
        .collect();
    let expected: Vec<String> = (1..=ROUNDS).map(|n| format!("R-MAIN-{n:04}")).collect();
    let mut sorted = numbers.clone();
    sorted.sort();
    assert_eq!(sorted, expected, "gapless booking numbers");
}

#[test]
fn r_chain_1_racing_processes_never_register_one_phone_twice() {
    if as_racer() {
        return;
    }
    let (schema, outputs) = race(
        "r_chain_1_racing_processes_never_register_one_phone_twice",
        "phone",
        4,
        0,
    );
    exactly_one_wins_each_round(&outputs, ROUNDS);
    let customers = desk(&schema).list_customers().expect("customers");
    assert_eq!(customers.len(), 4 + ROUNDS);
    let ids: Vec<String> = customers.iter().map(|c| c.human_id.clone()).collect();
    let expected: Vec<String> = (1..=4 + ROUNDS).map(|n| format!("C-{n:03}")).collect();
    assert_eq!(ids, expected, "gapless customer ids");
}

#[test]
fn r_chain_1_eight_processes_take_gapless_numbers() {
    if as_racer() {
        return;
    }
    let (_, outputs) = race(
        "r_chain_1_eight_processes_take_gapless_numbers",
        "numbers",
        8,
        8,
    );
    let mut invoices: Vec<String> = Vec::new();
    let mut customers: Vec<String> = Vec::new();
    for line in outputs.iter().flatten() {
        let (_, number) = line.split_once(' ').expect("number");
        if number.starts_with("INV-") {
            invoices.push(number.to_string());
        } else {
            customers.push(number.to_string());
        }
    }
    invoices.sort();
    customers.sort_by_key(|c| (c.len(), c.clone()));
    let n = 8 * (ROUNDS / 2);
    let expected: Vec<String> = (1..=n).map(|i| format!("INV-MAIN-{i:04}")).collect();
    assert_eq!(invoices, expected);
    let expected: Vec<String> = (9..=8 + n).map(|i| format!("C-{i:03}")).collect();
    assert_eq!(customers, expected);
}

#[test]
fn r_chain_1_racing_processes_never_drive_stock_below_zero() {
    if as_racer() {
        return;
    }
    let (schema, outputs) = race(
        "r_chain_1_racing_processes_never_drive_stock_below_zero",
        "stock",
        6,
        6,
    );
    let won = outputs
        .iter()
        .flatten()
        .filter(|l| l.ends_with(" won"))
        .count();
    let out = outputs
        .iter()
        .flatten()
        .filter(|l| l.ends_with(" out"))
        .count();
    assert_eq!(won, 50, "every unit sold once: {outputs:?}");
    assert_eq!(out, 6, "each racer stops at an empty shelf");
    let desk = desk(&schema);
    let item = &desk.list_inventory_items().expect("items")[0];
    assert_eq!(item.quantity, 0);
}
