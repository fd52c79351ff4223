//! R-BOOK-1, R-DB-5: three processes race to book one room, 40 rooms in turn: two of them for
//! the same slot and one for an overlapping slot. Exactly one booking wins each round; the
//! others get a conflict naming it, never a storage error.
//!
//! The test re-runs its own binary as the racers (`BACKSPACE_RACE_DB`, `BACKSPACE_RACE_WHO`).

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use backspace::chrono::{Duration as Minutes, Utc};
use backspace::{Decimal, ErrorKind, NewCustomer, NewReservation, ResourceType};

const ROOMS: usize = 40;
const RACERS: usize = 3;

/// Racer `who`'s slot, in minutes after the day's 10:00: two race for the same slot, one for
/// an overlapping one.
fn slot(who: usize) -> (i64, i64) {
    match who {
        0 | 1 => (0, 60),
        _ => (30, 90),
    }
}

fn racer(db: &str, who: usize) {
    let desk = backspace::open(db).expect("open");
    let me = desk
        .find_customer(&format!("C-{:03}", who + 1))
        .expect("customer");
    let base = (Utc::now() + Minutes::days(2))
        .date_naive()
        .and_hms_opt(8, 0, 0)
        .expect("10:00 Cairo")
        .and_utc();
    let go = PathBuf::from(format!("{db}.go"));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !go.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    for (round, room) in desk.list_resources().expect("rooms").iter().enumerate() {
        let (from, to) = slot(who);
        let booking = NewReservation::new(
            me.id,
            room.id,
            base + Minutes::minutes(from),
            base + Minutes::minutes(to),
        );
        let outcome = match desk.reserve(booking) {
            Ok(_) => "won".to_string(),
            Err(e) if e.kind() == ErrorKind::Conflict => "conflict".to_string(),
            Err(e) => format!("error {e}"),
        };
        println!("RACE {round} {outcome}");
    }
}

#[test]
fn r_book_1_three_processes_never_book_one_room_twice() {
    let test = "r_book_1_three_processes_never_book_one_room_twice";
    if let Ok(db) = std::env::var("BACKSPACE_RACE_DB") {
        let who = std::env::var("BACKSPACE_RACE_WHO")
            .ok()
            .and_then(|w| w.parse().ok())
            .unwrap_or(0);
        racer(&db, who);
        return;
    }
    let db = std::env::temp_dir().join(format!(
        "backspace-booking-race-{}.sqlite",
        backspace::Uuid::new_v4()
    ));
    let db = db.to_string_lossy().to_string();
    {
        let desk = backspace::open(&db).expect("open");
        for i in 0..ROOMS {
            desk.add_resource(
                &format!("Room {i:03}"),
                ResourceType::Room,
                Decimal::new(10000, 2),
            )
            .expect("room");
        }
        for who in 0..RACERS {
            desk.register_customer(NewCustomer::new(
                format!("Racer {who}"),
                format!("010{:08}", who),
            ))
            .expect("customer");
        }
    }
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = (0..RACERS)
        .map(|who| {
            Command::new(&exe)
                .args(["--exact", test, "--nocapture", "--test-threads=1"])
                .env("BACKSPACE_RACE_DB", &db)
                .env("BACKSPACE_RACE_WHO", who.to_string())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("spawn racer")
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    std::fs::write(format!("{db}.go"), b"go").expect("go file");
    let mut rounds = vec![Vec::new(); ROOMS];
    for child in children {
        let out = child.wait_with_output().expect("racer output");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "racer failed: {stdout}");
        for line in stdout.lines() {
            if let Some((_, rest)) = line.split_once("RACE ") {
                let (round, outcome) = rest.split_once(' ').expect("round and outcome");
                rounds[round.parse::<usize>().expect("round")].push(outcome.to_string());
            }
        }
    }
    let mut expected = vec!["conflict".to_string(); RACERS - 1];
    expected.push("won".to_string());
    for (round, mut outcomes) in rounds.into_iter().enumerate() {
        outcomes.sort();
        assert_eq!(outcomes, expected, "room {round}");
    }
    // The file agrees: one booking per room, numbered R-0001 … R-0040 without a gap.
    let desk = backspace::open(&db).expect("reopen");
    let today = Utc::now().date_naive();
    let all = desk
        .reservations(today, today + Minutes::days(5), None)
        .expect("reservations");
    assert_eq!(all.len(), ROOMS);
    let mut numbers: Vec<String> = all.iter().map(|r| r.reservation_number.clone()).collect();
    numbers.sort();
    let gapless: Vec<String> = (1..=ROOMS).map(|n| format!("R-{n:04}")).collect();
    assert_eq!(numbers, gapless);
    drop(desk);
    for suffix in ["", "-wal", "-shm", ".go"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
}
