//! R-SESS-1, R-DB-5: two processes race to start sessions on the same seats of one SQLite file.
//! Exactly one wins each seat; the other gets a conflict error, never a storage error.
//!
//! The test re-runs its own binary as the two racers (`BACKSPACE_RACE_DB` tells it so).

use backspace::NewCustomer;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use backspace::{Decimal, ErrorKind, ResourceType};

const ROUNDS: usize = 40;

fn racer(db: &str, who: usize) {
    let desk = backspace::open(db).expect("open");
    let go = PathBuf::from(format!("{db}.go"));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !go.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    let seats = desk.list_resources().expect("seats");
    for (round, seat) in seats.iter().enumerate() {
        let me = desk
            .find_customer(&format!("C-{:03}", round * 2 + who + 1))
            .expect("customer");
        let outcome = match desk.start_session(me.id, seat.id) {
            Ok(_) => "won".to_string(),
            Err(e) if e.kind() == ErrorKind::Conflict => "conflict".to_string(),
            Err(e) => format!("error {e}"),
        };
        println!("RACE {round} {outcome}");
    }
}

#[test]
fn r_sess_1_two_processes_never_share_a_seat() {
    if let Ok(db) = std::env::var("BACKSPACE_RACE_DB") {
        let who = std::env::var("BACKSPACE_RACE_WHO")
            .ok()
            .and_then(|w| w.parse().ok())
            .unwrap_or(0);
        racer(&db, who);
        return;
    }
    let db = std::env::temp_dir().join(format!(
        "backspace-race-{}.sqlite",
        backspace::Uuid::new_v4()
    ));
    let db = db.to_string_lossy().to_string();
    {
        let desk = backspace::open(&db).expect("open");
        for i in 0..ROUNDS {
            desk.add_resource(
                &format!("Seat {i:03}"),
                ResourceType::Seat,
                Decimal::new(2500, 2),
            )
            .expect("seat");
            for who in 0..2 {
                desk.register_customer(NewCustomer::new(
                    format!("Racer {i}-{who}"),
                    format!("010{:08}", i * 2 + who),
                ))
                .expect("customer");
            }
        }
    }
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = (0..2)
        .map(|who| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "r_sess_1_two_processes_never_share_a_seat",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env("BACKSPACE_RACE_DB", &db)
                .env("BACKSPACE_RACE_WHO", who.to_string())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("spawn racer")
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    std::fs::write(format!("{db}.go"), b"go").expect("go file");
    let mut outcomes = vec![Vec::new(); ROUNDS];
    for child in children {
        let out = child.wait_with_output().expect("racer output");
        assert!(
            out.status.success(),
            "racer failed: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        // libtest may print its own "test … ..." prefix on the first line.
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            if let Some((_, rest)) = line.split_once("RACE ") {
                let mut parts = rest.splitn(2, ' ');
                let round: usize = parts.next().and_then(|r| r.parse().ok()).expect("round");
                outcomes[round].push(parts.next().unwrap_or_default().to_string());
            }
        }
    }
    for (round, mut o) in outcomes.into_iter().enumerate() {
        o.sort();
        assert_eq!(o, ["conflict", "won"], "round {round}");
    }
    let desk = backspace::open(&db).expect("reopen");
    assert_eq!(desk.active_sessions().expect("active").len(), ROUNDS);
    drop(desk);
    for suffix in ["", "-wal", "-shm", ".go"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
}
