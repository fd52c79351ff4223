//! Bench 8 — a branch of a chain on PostgreSQL under 1, 8 and 32 concurrent desks.
//!
//! Each desk is a thread with its own connection (as each desk is its own machine) running the
//! front-desk cycle on its own seat and customer — start a session, add two café items, read
//! the bill, check out paying cash: five operations, four of them writes — through `Backspace`
//! and, in alternating rounds of the same run, through the hand-written SQL floor
//! (`backspace_bench::pg_floor`). All desks of a level share one branch: its invoice counter
//! and trail are where they meet. Prints operations/s, p50/p99 latency per operation and the
//! ratio to the floor (target ≥ 0.8×); then, for one desk, the round trips of each operation
//! and its latency through a proxy adding 20 ms each way (a branch far from its server).
//!
//! `cargo bench -p backspace-bench --bench chain` (needs `BACKSPACE_PG_URL`, or run
//! `eval "$(scripts/pg-cluster.sh start)"` first). Under `cargo test`: 1 and 2 desks, briefly.

use std::net::{SocketAddr, ToSocketAddrs};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use backspace::{Backspace, Checkout, Decimal, NewCustomer, NewPayment, ResourceType, Uuid};
use backspace_bench::BenchResult;
use backspace_bench::measure::{machine, median, quantile, smoke};
use backspace_bench::pg_floor::PgFloor;
use backspace_bench::proxy::DelayProxy;
use backspace_core::{Category, PricingPolicy};
use backspace_postgres::{Chain, NewBranch, PostgresStore, testing};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chain bench failed: {e:?}");
            ExitCode::FAILURE
        }
    }
}

/// One branch ready for `desks` desks: its schema and each desk's customer and seat.
struct Branch {
    config: postgres::Config,
    customers: Vec<Uuid>,
    seats: Vec<Uuid>,
    items: [Uuid; 2],
    policy: PricingPolicy,
}

fn branch(desks: usize) -> BenchResult<Branch> {
    let config = testing::fresh_config();
    Chain::connect_config(&config)?.add_branch(NewBranch::new("Main", "MAIN").plain_numbers())?;
    let desk = Backspace::new(PostgresStore::open_config(config.clone(), Some("MAIN"))?);
    let mut customers = Vec::new();
    let mut seats = Vec::new();
    for i in 0..desks {
        customers.push(
            desk.register_customer(NewCustomer::new(format!("Desk {i}"), format!("0100{i:07}")))?
                .id,
        );
        seats.push(
            desk.add_resource(
                &format!("Seat {i:02}"),
                ResourceType::Seat,
                Decimal::new(3000, 2),
            )?
            .id,
        );
    }
    let tea = desk.add_inventory_item(
        "Tea",
        Category::Beverage,
        Decimal::new(1500, 2),
        10_000_000,
        0,
    )?;
    let cake = desk.add_inventory_item(
        "Cake",
        Category::Snack,
        Decimal::new(3500, 2),
        10_000_000,
        0,
    )?;
    let policy = desk.settings()?.pricing;
    Ok(Branch {
        config,
        customers,
        seats,
        items: [tea.id, cake.id],
        policy,
    })
}

/// Latencies (seconds) of each operation of one desk's cycles until `until`.
fn backspace_desk(
    b: &Branch,
    i: usize,
    config: postgres::Config,
    until: Instant,
) -> BenchResult<Vec<f64>> {
    let desk = Backspace::new(PostgresStore::open_config(config, Some("MAIN"))?);
    let (customer, seat) = (b.customers[i], b.seats[i]);
    let mut lat = Vec::new();
    let mut timed = |f: &mut dyn FnMut() -> BenchResult<()>| -> BenchResult<()> {
        let t = Instant::now();
        f()?;
        lat.push(t.elapsed().as_secs_f64());
        Ok(())
    };
    while Instant::now() < until {
        let mut session = None;
        timed(&mut || {
            session = Some(desk.start_session(customer, seat)?.id);
            Ok(())
        })?;
        let session = session.ok_or("no session")?;
        for item in b.items {
            timed(&mut || {
                desk.add_consumption(session, item, 1)?;
                Ok(())
            })?;
        }
        let mut due = Decimal::ZERO;
        timed(&mut || {
            due = desk.quote_session(session)?.amount;
            Ok(())
        })?;
        timed(&mut || {
            let pay = (!due.is_zero()).then(|| NewPayment::cash(due));
            desk.checkout(session, Checkout::paying(pay))?;
            Ok(())
        })?;
    }
    Ok(lat)
}

fn floor_desk(
    b: &Branch,
    i: usize,
    config: postgres::Config,
    until: Instant,
) -> BenchResult<Vec<f64>> {
    let mut floor = PgFloor::connect(&config, "MAIN", b.policy.clone())?;
    let (customer, seat) = (b.customers[i], b.seats[i]);
    let mut lat = Vec::new();
    while Instant::now() < until {
        let t = Instant::now();
        let session = floor.start(customer, seat)?;
        lat.push(t.elapsed().as_secs_f64());
        for item in b.items {
            let t = Instant::now();
            floor.consume(session, item)?;
            lat.push(t.elapsed().as_secs_f64());
        }
        let t = Instant::now();
        floor.quote(session)?;
        lat.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        floor.checkout(session, customer, seat)?;
        lat.push(t.elapsed().as_secs_f64());
    }
    Ok(lat)
}

type DeskFn = fn(&Branch, usize, postgres::Config, Instant) -> BenchResult<Vec<f64>>;

/// Runs `desks` desks for `seconds`; returns (operations/s, every latency).
fn round(b: &Arc<Branch>, desks: usize, seconds: f64, f: DeskFn) -> BenchResult<(f64, Vec<f64>)> {
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(seconds);
    let threads: Vec<_> = (0..desks)
        .map(|i| {
            let b = Arc::clone(b);
            let config = b.config.clone();
            std::thread::spawn(move || f(&b, i, config, until).map_err(|e| format!("{e:?}")))
        })
        .collect();
    let mut all = Vec::new();
    for t in threads {
        all.extend(t.join().map_err(|_| "a desk panicked")??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    Ok((all.len() as f64 / elapsed, all))
}

fn ms(s: f64) -> String {
    format!("{:.1} ms", s * 1000.0)
}

/// The TCP address of the server behind `config` (its host and port, on the loopback).
fn tcp_address(config: &postgres::Config) -> BenchResult<SocketAddr> {
    let port = config.get_ports().first().copied().unwrap_or(5432);
    ("127.0.0.1", port)
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| "no address".into())
}

fn run() -> BenchResult<()> {
    let smoke = smoke();
    let levels: &[usize] = if smoke { &[1, 2] } else { &[1, 8, 32] };
    let (seconds, rounds) = if smoke { (0.3, 1) } else { (5.0, 3) };
    println!();
    println!("== chain: desks on one branch, Backspace beside the SQL floor");
    println!("   machine: {}", machine());
    println!(
        "   desks  backspace ops/s  p50     p99      floor ops/s  p50     p99      ratio  target"
    );
    for &desks in levels {
        let bs = Arc::new(branch(desks)?);
        let fl = Arc::new(branch(desks)?);
        let (mut bs_rates, mut fl_rates, mut bs_lat, mut fl_lat) = (vec![], vec![], vec![], vec![]);
        for r in 0..rounds {
            let order: [bool; 2] = if r % 2 == 0 {
                [true, false]
            } else {
                [false, true]
            };
            for backspace_first in order {
                if backspace_first {
                    let (rate, lat) = round(&bs, desks, seconds, backspace_desk)?;
                    bs_rates.push(rate);
                    bs_lat.extend(lat);
                } else {
                    let (rate, lat) = round(&fl, desks, seconds, floor_desk)?;
                    fl_rates.push(rate);
                    fl_lat.extend(lat);
                }
            }
        }
        let (a, b) = (median(&bs_rates), median(&fl_rates));
        let ratio = a / b;
        println!(
            "   {desks:<5}  {a:<17.0}  {:<7} {:<8} {b:<12.0} {:<7} {:<8} {ratio:.2}×  ≥ 0.8× {}",
            ms(quantile(&bs_lat, 0.5)),
            ms(quantile(&bs_lat, 0.99)),
            ms(quantile(&fl_lat, 0.5)),
            ms(quantile(&fl_lat, 0.99)),
            if smoke {
                "(smoke run)"
            } else if ratio >= 0.8 {
                "met"
            } else {
                "MISSED"
            }
        );
    }

    // Round trips and latency far from the server: one desk, each operation on its own.
    let b = branch(1)?;
    let desk = Backspace::new(PostgresStore::open_config(b.config.clone(), Some("MAIN"))?);
    let delay = Duration::from_millis(20);
    let proxy = DelayProxy::start(tcp_address(&b.config)?, delay)?;
    // The same database and schema, over TCP through the proxy.
    let mut far = postgres::Config::new();
    far.host("127.0.0.1").port(proxy.addr.port());
    if let Some(user) = b.config.get_user() {
        far.user(user);
    }
    if let Some(db) = b.config.get_dbname() {
        far.dbname(db);
    }
    if let Some(options) = b.config.get_options() {
        far.options(options);
    }
    let far_desk = Backspace::new(PostgresStore::open_config(far.clone(), Some("MAIN"))?);
    let mut far_floor = PgFloor::connect(&far, "MAIN", b.policy.clone())?;
    let cycles = if smoke { 1 } else { 3 };
    let names = [
        "start_session",
        "add_consumption",
        "quote_session",
        "checkout",
    ];
    let mut trips = [0u64; 4];
    let mut far_lat: [Vec<f64>; 4] = Default::default();
    let mut floor_lat: [Vec<f64>; 4] = Default::default();
    let count = backspace_postgres::round_trips;
    // A first cycle prepares every statement on each connection; it is not counted.
    for cycle in 0..=cycles {
        for (d, far_timing) in [(&desk, false), (&far_desk, true)] {
            let mut step = |k: usize, f: &mut dyn FnMut() -> BenchResult<()>| -> BenchResult<()> {
                let (before, t) = (count(), Instant::now());
                f()?;
                if cycle == 0 {
                    return Ok(());
                }
                if far_timing {
                    far_lat[k].push(t.elapsed().as_secs_f64());
                } else {
                    trips[k] += count() - before;
                }
                Ok(())
            };
            let mut session = Uuid::nil();
            step(0, &mut || {
                session = d.start_session(b.customers[0], b.seats[0])?.id;
                Ok(())
            })?;
            step(1, &mut || {
                d.add_consumption(session, b.items[0], 1)?;
                Ok(())
            })?;
            let mut due = Decimal::ZERO;
            step(2, &mut || {
                due = d.quote_session(session)?.amount;
                Ok(())
            })?;
            step(3, &mut || {
                d.checkout(
                    session,
                    Checkout::paying((!due.is_zero()).then(|| NewPayment::cash(due))),
                )?;
                Ok(())
            })?;
        }
        if cycle == 0 {
            let s = far_floor.start(b.customers[0], b.seats[0])?;
            far_floor.consume(s, b.items[0])?;
            far_floor.quote(s)?;
            far_floor.checkout(s, b.customers[0], b.seats[0])?;
            continue;
        }
        let t = Instant::now();
        let s = far_floor.start(b.customers[0], b.seats[0])?;
        floor_lat[0].push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        far_floor.consume(s, b.items[0])?;
        floor_lat[1].push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        far_floor.quote(s)?;
        floor_lat[2].push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        far_floor.checkout(s, b.customers[0], b.seats[0])?;
        floor_lat[3].push(t.elapsed().as_secs_f64());
    }
    println!();
    println!("== chain: one desk 20 ms from its server (each way), round trips per operation");
    println!("   operation        round trips  latency   floor latency  target");
    for k in 0..4 {
        let rt = trips[k] as f64 / cycles as f64;
        println!(
            "   {:<16} {rt:<12.1} {:<9} {:<14} ≤ 4 round trips {}",
            names[k],
            ms(median(&far_lat[k])),
            ms(median(&floor_lat[k])),
            if smoke {
                "(smoke run)"
            } else if rt <= 4.0 {
                "met"
            } else {
                "MISSED"
            }
        );
    }
    Ok(())
}
