//! Regressions found by the reliability tests (`stores_agree.rs`, the hostile-input sweep),
//! run on both stores.

#![allow(clippy::unwrap_used)]

use backspace::{EndSession, NewCustomer};
use std::str::FromStr;

use backspace::{
    Backspace, Category, Decimal, ErrorKind, MemoryStore, ResourceType, SqliteStore, Store,
};
use backspace_core::testkit::fails_unchanged;
use backspace_core::testkit::invariants::check_invariants;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// `adjust_stock(id, i64::MIN, …)` panicked on `i64::MIN.abs()` (debug) or slipped past the
/// ±1,000,000,000 bound (release). It is a validation error that changes nothing.
fn r_inv_6_extreme_adjustments_are_validation_errors<S: Store>(store: S) {
    let desk = Backspace::new(store);
    let tea = desk
        .add_inventory_item("Tea", Category::Beverage, d("7.50"), 10, 2)
        .unwrap();
    for delta in [
        i64::MIN,
        i64::MIN + 1,
        i64::MAX,
        1_000_000_001,
        -1_000_000_001,
    ] {
        let err = fails_unchanged(&desk, ErrorKind::Validation, || {
            desk.adjust_stock(tea.id, delta, "count")
        });
        assert!(err.to_string().starts_with("invalid delta"), "{err}");
    }
    let err = fails_unchanged(&desk, ErrorKind::InsufficientStock, || {
        desk.adjust_stock(tea.id, -1_000_000_000, "count")
    });
    assert!(err.to_string().contains("1000000000 requested"), "{err}");
}

/// A consumption of 1,000,000,000 items at 999,999,999.99 overflowed `price × quantity` when the
/// session was quoted or ended (a panic in debug builds, a wrong amount in release builds, and a
/// session that could not be ended). A line must come below 1,000,000,000 like any amount.
fn r_inv_2_a_consumption_line_stays_below_a_billion<S: Store>(store: S) {
    let desk = Backspace::new(store);
    let c = desk
        .register_customer(NewCustomer::new("Mona", "01012345678"))
        .unwrap();
    let seat = desk
        .add_resource("Seat", ResourceType::Seat, d("30"))
        .unwrap();
    let gold = desk
        .add_inventory_item("Gold", Category::Snack, d("999999999.99"), 1_000_000_000, 0)
        .unwrap();
    let s = desk
        .at(desk.now() - chrono::Duration::minutes(60))
        .start_session(c.id, seat.id)
        .unwrap();
    for n in [2, 1_000_000_000] {
        let err = fails_unchanged(&desk, ErrorKind::Validation, || {
            desk.add_consumption(s.id, gold.id, n)
        });
        assert!(err.to_string().starts_with("invalid quantity"), "{err}");
    }
    let one_gold = desk.add_consumption(s.id, gold.id, 1).unwrap();
    let cheap = desk
        .add_inventory_item("Pin", Category::Snack, d("1"), 1_000_000_000, 0)
        .unwrap();
    let err = fails_unchanged(&desk, ErrorKind::Validation, || {
        desk.add_consumption(s.id, cheap.id, 1_000_000_000)
    });
    assert!(err.to_string().contains("1,000,000,000"), "{err}");
    let pins = desk.add_consumption(s.id, cheap.id, 999_999_999).unwrap();
    // Each line is inside the limit and the quote shows their sum, but the invoice would not be.
    let quote = desk.quote_session(s.id).unwrap();
    assert_eq!(
        quote.amount,
        d("30.00") + d("999999999.99") + d("999999999.00")
    );
    let err = fails_unchanged(&desk, ErrorKind::Validation, || {
        desk.end_session(s.id, EndSession::default())
    });
    assert!(err.to_string().contains("1,000,000,000"), "{err}");
    desk.remove_consumption(one_gold.id).unwrap();
    desk.remove_consumption(pins.id).unwrap();
    let invoice = desk.end_session(s.id, EndSession::default()).unwrap();
    assert_eq!(invoice.amount, d("30.00"));
    check_invariants(&desk);
}

#[test]
fn r_inv_6_extreme_adjustments_are_validation_errors_memory() {
    r_inv_6_extreme_adjustments_are_validation_errors(MemoryStore::new());
}

#[test]
fn r_inv_6_extreme_adjustments_are_validation_errors_sqlite() {
    r_inv_6_extreme_adjustments_are_validation_errors(SqliteStore::in_memory().unwrap());
}

#[test]
fn r_inv_2_a_consumption_line_stays_below_a_billion_memory() {
    r_inv_2_a_consumption_line_stays_below_a_billion(MemoryStore::new());
}

#[test]
fn r_inv_2_a_consumption_line_stays_below_a_billion_sqlite() {
    r_inv_2_a_consumption_line_stays_below_a_billion(SqliteStore::in_memory().unwrap());
}
