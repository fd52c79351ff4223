//! R-SESS-1, R-SESS-7, R-CORR-2, R-DB-5: two processes race on one SQLite file, 40 rounds each:
//! to start sessions on the same seats now, to back-date overlapping sessions onto them, and to
//! refund the whole of the same paid invoice. Exactly one wins each round; the other gets a
//! conflict (or, for the refund, an overpayment), never a storage error.
//!
//! The test re-runs its own binary as the two racers (`BACKSPACE_RACE_DB` tells it so, and
//! `BACKSPACE_RACE_TEST` which race).

use backspace::{Checkout, NewCustomer, NewPayment, PaymentMethod};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use backspace::{Decimal, ErrorKind, ResourceType};

const ROUNDS: usize = 40;

/// Racer `who`'s back-dated visit in a round: 09:00–10:00 or 09:30–10:30 Cairo, 2026-11-02.
fn back_dated(who: usize) -> (backspace::chrono::DateTime<backspace::chrono::Utc>, i64) {
    let start = backspace::chrono::DateTime::parse_from_rfc3339("2026-11-02T07:00:00Z")
        .expect("instant")
        .to_utc()
        + backspace::chrono::Duration::minutes(30 * who as i64);
    (start, 60)
}

fn racer(db: &str, who: usize, race: Race) {
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
        let started = if race == Race::Refund {
            // Both desks give back the whole of the round's invoice (paid 25.00 in cash).
            desk.find_invoice(&format!("INV-{:04}", round + 1))
                .and_then(|inv| desk.refund(inv.id, inv.paid_amount, PaymentMethod::Cash, "race"))
                .map(drop)
                .map_err(|e| match e.kind() {
                    // The loser is told what is left to refund (nothing): an overpayment.
                    ErrorKind::Overpayment => backspace::Error::Conflict(e.to_string()),
                    _ => e,
                })
        } else if race == Race::BackDate {
            // A session the desk forgot to enter, started and ended at once.
            let (start, minutes) = back_dated(who);
            desk.at(start).start_session(me.id, seat.id).and_then(|s| {
                desk.at(start + backspace::chrono::Duration::minutes(minutes))
                    .end_session(s.id, backspace::EndSession::default())
                    .map(drop)
            })
        } else {
            desk.start_session(me.id, seat.id).map(drop)
        };
        let outcome = match started {
            Ok(()) => "won".to_string(),
            Err(e) if e.kind() == ErrorKind::Conflict => "conflict".to_string(),
            Err(e) => format!("error {e}"),
        };
        println!("RACE {round} {outcome}");
    }
}

/// What the two desks race to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Race {
    /// Start a session on the same seat now.
    Start,
    /// Back-date overlapping sessions onto the same seat.
    BackDate,
    /// Refund the whole of the same paid invoice.
    Refund,
}

#[test]
fn r_sess_1_two_processes_never_share_a_seat() {
    run_race("r_sess_1_two_processes_never_share_a_seat", Race::Start);
}

#[test]
fn r_sess_7_two_processes_never_back_date_onto_one_seat() {
    run_race(
        "r_sess_7_two_processes_never_back_date_onto_one_seat",
        Race::BackDate,
    );
}

#[test]
fn r_corr_2_two_processes_never_refund_more_than_was_paid() {
    run_race(
        "r_corr_2_two_processes_never_refund_more_than_was_paid",
        Race::Refund,
    );
}

/// Runs the race named `test` in two child processes (or, in a child, one racer of it).
fn run_race(test: &str, race: Race) {
    if let Ok(db) = std::env::var("BACKSPACE_RACE_DB") {
        if std::env::var("BACKSPACE_RACE_TEST").as_deref() != Ok(test) {
            return;
        }
        let who = std::env::var("BACKSPACE_RACE_WHO")
            .ok()
            .and_then(|w| w.parse().ok())
            .unwrap_or(0);
        racer(&db, who, race);
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
        if race == Race::Refund {
            // One paid hour per round: INV-0001 … on seat i, 25.00 in cash.
            let hour_ago = desk.now() - backspace::chrono::Duration::hours(1);
            for (i, seat) in desk.list_resources().expect("seats").iter().enumerate() {
                let who = desk
                    .find_customer(&format!("C-{:03}", i * 2 + 1))
                    .expect("c");
                let s = desk
                    .at(hour_ago)
                    .start_session(who.id, seat.id)
                    .expect("start");
                desk.at(hour_ago + backspace::chrono::Duration::minutes(60))
                    .checkout(
                        s.id,
                        Checkout::paying([NewPayment::cash(Decimal::new(2500, 2))]),
                    )
                    .expect("checkout");
            }
        }
    }
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = (0..2)
        .map(|who| {
            Command::new(&exe)
                .args(["--exact", test, "--nocapture", "--test-threads=1"])
                .env("BACKSPACE_RACE_DB", &db)
                .env("BACKSPACE_RACE_TEST", test)
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
    let (active, ended) = match race {
        Race::Start => (ROUNDS, 0),
        Race::BackDate | Race::Refund => (0, ROUNDS),
    };
    assert_eq!(desk.active_sessions().expect("active").len(), active);
    let invoices = desk.list_invoices(&Default::default()).expect("invoices");
    assert_eq!(invoices.len(), ended);
    for inv in &invoices {
        assert!(inv.refunded_amount <= inv.paid_amount, "{inv:?}");
        if race == Race::Refund {
            assert_eq!(inv.credit_notes.len(), 1, "{}", inv.invoice_number);
        }
    }
    assert!(desk.verify_trail().expect("trail").is_intact());
    assert_eq!(desk.session_overlaps().expect("overlaps"), []);
    drop(desk);
    for suffix in ["", "-wal", "-shm", ".go"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
}
