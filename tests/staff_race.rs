//! R-SHIFT-1, R-STAFF-2, R-DB-5: two processes on one SQLite file.
//!
//! - They race to open a shift on the same drawer, 40 drawers in turn: exactly one wins each,
//!   the other gets a conflict.
//! - They type wrong PINs for the same operator, 6 each: the store counts them across both
//!   processes, so exactly four answers say "n of 5" (n = 1…4, each once), one locks the
//!   operator, and every later one (right PIN included) is refused as locked.
//!
//! The test re-runs its own binary as the two racers (`BACKSPACE_RACE_DB`, `BACKSPACE_RACE_TEST`).

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use backspace::{Decimal, ErrorKind, NewOperator, OpenShift, Role, Store};

const DRAWERS: usize = 40;
const WRONG_PINS_EACH: usize = 6;

fn wait_for_go(db: &str) {
    let go = PathBuf::from(format!("{db}.go"));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !go.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn shift_racer(db: &str) {
    let desk = backspace::open(db).expect("open");
    wait_for_go(db);
    for round in 0..DRAWERS {
        let outcome = match desk
            .open_shift(OpenShift::new(Decimal::new(10000, 2)).drawer(format!("till {round}")))
        {
            Ok(_) => "won".to_string(),
            Err(e) if e.kind() == ErrorKind::Conflict => "conflict".to_string(),
            Err(e) => format!("error {e}"),
        };
        println!("RACE {round} {outcome}");
    }
}

fn pin_racer(db: &str) {
    let desk = backspace::open(db).expect("open");
    let owner = desk.store().read(|tx| tx.operators()).expect("operators")[0]
        .operator
        .id;
    wait_for_go(db);
    for round in 0..WRONG_PINS_EACH {
        let outcome = match desk.sign_in(owner, "0000") {
            Ok(_) => "signed in".to_string(),
            Err(e) => {
                let text = e.to_string();
                match text.split_once(" of 5") {
                    _ if text.starts_with("forbidden: wrong PIN")
                        && text.contains("locked until") =>
                    {
                        "locks".to_string()
                    }
                    Some((before, _)) => {
                        format!("wrong {}", before.rsplit('(').next().unwrap_or("?"))
                    }
                    None if text.contains("is locked until") => "locked".to_string(),
                    None => format!("error {text}"),
                }
            }
        };
        println!("RACE {round} {outcome}");
    }
}

/// Runs `test` in two child processes and returns every line they printed after `RACE `.
fn race(test: &str, setup: impl FnOnce(&str), racer: fn(&str)) -> Option<Vec<(usize, String)>> {
    if let Ok(db) = std::env::var("BACKSPACE_RACE_DB") {
        if std::env::var("BACKSPACE_RACE_TEST").as_deref() == Ok(test) {
            racer(&db);
        }
        return None;
    }
    let db = std::env::temp_dir().join(format!(
        "backspace-staff-race-{}.sqlite",
        backspace::Uuid::new_v4()
    ));
    let db = db.to_string_lossy().to_string();
    setup(&db);
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = (0..2)
        .map(|_| {
            Command::new(&exe)
                .args(["--exact", test, "--nocapture", "--test-threads=1"])
                .env("BACKSPACE_RACE_DB", &db)
                .env("BACKSPACE_RACE_TEST", test)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("spawn racer")
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    std::fs::write(format!("{db}.go"), b"go").expect("go file");
    let mut lines = Vec::new();
    for child in children {
        let out = child.wait_with_output().expect("racer output");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "racer failed: {stdout}");
        for line in stdout.lines() {
            if let Some((_, rest)) = line.split_once("RACE ") {
                let (round, outcome) = rest.split_once(' ').expect("round and outcome");
                lines.push((round.parse().expect("round"), outcome.to_string()));
            }
        }
    }
    let desk = backspace::open(&db).expect("reopen");
    if !desk
        .store()
        .read(|tx| tx.has_operators())
        .expect("operators")
    {
        assert!(desk.verify_trail().expect("trail").is_intact());
    }
    drop(desk);
    for suffix in ["", "-wal", "-shm", ".go"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
    Some(lines)
}

#[test]
fn r_shift_1_two_processes_never_open_one_drawer_twice() {
    let test = "r_shift_1_two_processes_never_open_one_drawer_twice";
    let Some(lines) = race(
        test,
        |db| drop(backspace::open(db).expect("open")),
        shift_racer,
    ) else {
        return;
    };
    let mut rounds = vec![Vec::new(); DRAWERS];
    for (round, outcome) in lines {
        rounds[round].push(outcome);
    }
    for (round, mut o) in rounds.into_iter().enumerate() {
        o.sort();
        assert_eq!(o, ["conflict", "won"], "drawer {round}");
    }
}

#[test]
fn r_staff_2_two_processes_share_one_count_of_wrong_pins() {
    let test = "r_staff_2_two_processes_share_one_count_of_wrong_pins";
    let setup = |db: &str| {
        let desk = backspace::open(db).expect("open");
        desk.add_operator(NewOperator::new("Hany", Role::Owner, "2468"))
            .expect("owner");
    };
    let Some(lines) = race(test, setup, pin_racer) else {
        return;
    };
    let mut outcomes: Vec<String> = lines.into_iter().map(|(_, o)| o).collect();
    outcomes.sort();
    let mut expected = vec!["locks".to_string()];
    expected.extend((0..2 * WRONG_PINS_EACH - 5).map(|_| "locked".to_string()));
    expected.extend((1..=4).map(|n| format!("wrong {n}")));
    expected.sort();
    assert_eq!(outcomes, expected);
}
