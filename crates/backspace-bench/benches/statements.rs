//! Bench 7 — SQL statements per front-desk operation on the SQLite store (BEGIN and COMMIT
//! included), counted by `backspace-sqlite`'s `stmt-count` feature. Exact and repeatable: no
//! timing. `cargo bench -p backspace-bench --bench statements` prints the table that
//! BENCHMARKS.md quotes; under `cargo test` it prints the same.

use std::process::ExitCode;

use backspace::chrono::Duration;
use backspace::{Checkout, EndSession, NewCustomer, NewPayment, PaymentMethod};
use backspace_bench::BenchResult;
use backspace_bench::cycle::Fixture;

fn counted<T>(what: &str, rows: &mut Vec<(String, u64)>, f: impl FnOnce() -> T) -> T {
    let before = backspace_sqlite::statements();
    let out = f();
    rows.push((what.to_string(), backspace_sqlite::statements() - before));
    out
}

fn run() -> BenchResult<()> {
    let desk = backspace::in_memory()?;
    let fixture = Fixture::fresh(&desk)?;
    let (c, r, items) = fixture.pick(0);
    let mut rows = Vec::new();
    let hour_ago = desk.now() - Duration::hours(1);
    counted("register_customer", &mut rows, || {
        desk.register_customer(NewCustomer::new("Mona", "01099999999"))
    })?;
    // Walk-in A: start, two café items, end, pay (five write transactions).
    let s = counted("start_session", &mut rows, || {
        desk.at(hour_ago).start_session(c, r)
    })?;
    counted("add_consumption", &mut rows, || {
        desk.add_consumption(s.id, items[0], 1)
    })?;
    desk.add_consumption(s.id, items[1], 1)?;
    let inv = counted("end_session", &mut rows, || {
        desk.end_session(s.id, EndSession::default())
    })?;
    counted("record_payment", &mut rows, || {
        desk.record_payment(inv.id, NewPayment::new(inv.total, PaymentMethod::Cash))
    })?;
    // Walk-in B: the same through quote and checkout.
    let (c, r, items) = fixture.pick(1);
    let s = desk.start_session(c, r)?;
    desk.add_consumption(s.id, items[0], 1)?;
    desk.add_consumption(s.id, items[1], 1)?;
    let due = counted("quote_session", &mut rows, || desk.quote_session(s.id))?.amount;
    counted("checkout (end + pay)", &mut rows, || {
        desk.checkout(s.id, Checkout::paying([NewPayment::cash(due)]))
    })?;
    let (c, r, items) = fixture.pick(2);
    counted("walk-in via checkout (bench cycle)", &mut rows, || {
        backspace_bench::cycle::backspace_cycle(&desk, c, r, items)
    })?;
    println!("\n== Bench 7 — SQL statements per operation (SQLite store, BEGIN/COMMIT included)");
    for (what, n) in &rows {
        println!("   {what:<36} {n:>3}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("statements bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}
