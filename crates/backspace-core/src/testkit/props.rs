//! Property test: random operation sequences keep every invariant.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::invariants::check_invariants;
use super::*;

#[derive(Debug, Clone)]
pub enum Op {
    Register(u8),
    Start(u8, u8),
    Consume(u8, u8, i64),
    RemoveConsumption(u8),
    End(u8, Option<u16>),
    Pay(u8, i64, u8),
    Deposit(u8, i64, u8),
    Discount(u8, u16),
    Restock(u8, i64),
    Adjust(u8, i64),
    Subscribe(u8, u8),
    Cancel(u8),
    Expire,
    Void(u8),
    Refund(u8, i64, u8),
    WriteOff(u8),
    CloseDay(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0u8..6).prop_map(Op::Register),
        3 => (0u8..6, 0u8..3).prop_map(|(c, r)| Op::Start(c, r)),
        3 => (0u8..4, 0u8..2, -1i64..4).prop_map(|(s, i, q)| Op::Consume(s, i, q)),
        1 => (0u8..8).prop_map(Op::RemoveConsumption),
        3 => (0u8..4, proptest::option::of(0u16..10_200)).prop_map(|(s, d)| Op::End(s, d)),
        3 => (0u8..8, -100i64..20_000, 0u8..4).prop_map(|(i, a, m)| Op::Pay(i, a, m)),
        1 => (0u8..6, -100i64..10_000, 0u8..4).prop_map(|(c, a, m)| Op::Deposit(c, a, m)),
        1 => (0u8..8, 0u16..10_200).prop_map(|(i, p)| Op::Discount(i, p)),
        1 => (0u8..2, -1i64..5).prop_map(|(i, n)| Op::Restock(i, n)),
        1 => (0u8..2, -6i64..6).prop_map(|(i, n)| Op::Adjust(i, n)),
        1 => (0u8..6, 0u8..3).prop_map(|(c, p)| Op::Subscribe(c, p)),
        1 => (0u8..6).prop_map(Op::Cancel),
        1 => Just(Op::Expire),
        1 => (0u8..8).prop_map(Op::Void),
        2 => (0u8..8, -100i64..10_000, 0u8..4).prop_map(|(i, a, m)| Op::Refund(i, a, m)),
        1 => (0u8..8).prop_map(Op::WriteOff),
        1 => (0u8..3).prop_map(Op::CloseDay),
    ]
}

fn pick<T: Clone>(v: &[T], i: u8) -> Option<T> {
    (!v.is_empty()).then(|| v[usize::from(i) % v.len()].clone())
}

fn money(piastres: i64) -> Decimal {
    Decimal::new(piastres, 2)
}

/// Runs `ops` and returns how many succeeded as (session ends, payments).
fn run<S: Store>(store: S, ops: &[Op]) -> (usize, usize) {
    let (mut ended, mut paid) = (0, 0);
    let fx = Fx::new(store);
    fx.bs
        .update_settings(crate::settings::SettingsUpdate {
            unit_minutes: Some(15),
            weekly_price: Some(Some(d("250"))),
            ..Default::default()
        })
        .unwrap();
    let seats: Vec<Resource> = (0..3)
        .map(|i| fx.seat(&format!("Seat {i}"), &format!("{}.75", 20 + i)))
        .collect();
    let items = [
        fx.item("Tea", "12.50", 5, 1),
        fx.item("Cake", "33.33", 3, 1),
    ];
    let methods = [
        PaymentMethod::Cash,
        PaymentMethod::Card,
        PaymentMethod::Transfer,
        PaymentMethod::Balance,
    ];
    let plans = [Plan::Weekly, Plan::HalfMonthly, Plan::Monthly];
    let mut now = Utc.with_ymd_and_hms(2026, 11, 1, 6, 0, 0).single().unwrap();
    for (k, op) in ops.iter().enumerate() {
        now += Duration::minutes(7 + (k as i64 % 5) * 13);
        let at = Some(now);
        let customers = fx.bs.list_customers().unwrap();
        let active = fx.bs.store().read(|tx| tx.active_sessions()).unwrap();
        let invoices = fx.bs.list_invoices(&InvoiceFilter::default()).unwrap();
        let result: crate::Result<()> = match op.clone() {
            Op::Register(i) => fx
                .bs
                .at(at)
                .register_customer(NewCustomer::new(
                    format!("عميل {i}"),
                    format!("0100000000{i}"),
                ))
                .map(drop),
            Op::Start(c, r) => match pick(&customers, c) {
                Some(c) => fx
                    .bs
                    .at(at)
                    .start_session(c.id, seats[usize::from(r)].id)
                    .map(drop),
                None => Ok(()),
            },
            Op::Consume(s, i, q) => match pick(&active, s) {
                Some(s) => fx
                    .bs
                    .at(at)
                    .add_consumption(s.id, items[usize::from(i)].id, q)
                    .map(drop),
                None => Ok(()),
            },
            Op::RemoveConsumption(s) => match pick(&active, s) {
                Some(s) => match fx.bs.session_consumptions(s.id).unwrap().first() {
                    Some(c) => fx.bs.at(at).remove_consumption(c.id).map(drop),
                    None => Ok(()),
                },
                None => Ok(()),
            },
            Op::End(s, disc) => match pick(&active, s) {
                Some(s) => fx
                    .bs
                    .at(at)
                    .end_session(
                        s.id,
                        EndSession {
                            discount: disc.map(|p| Decimal::new(i64::from(p), 2)),
                        },
                    )
                    .map(drop),
                None => Ok(()),
            },
            Op::Pay(i, a, m) => match pick(&invoices, i) {
                Some(inv) => fx
                    .bs
                    .at(at)
                    .record_payment(inv.id, NewPayment::new(money(a), methods[usize::from(m)]))
                    .map(drop),
                None => Ok(()),
            },
            Op::Deposit(c, a, m) => match pick(&customers, c) {
                Some(c) => fx
                    .bs
                    .at(at)
                    .deposit(c.id, money(a), methods[usize::from(m)])
                    .map(drop),
                None => Ok(()),
            },
            Op::Discount(i, p) => match pick(&invoices, i) {
                Some(inv) => fx
                    .bs
                    .at(at)
                    .set_discount(inv.id, Decimal::new(i64::from(p), 2))
                    .map(drop),
                None => Ok(()),
            },
            Op::Restock(i, n) => fx.bs.at(at).restock(items[usize::from(i)].id, n).map(drop),
            Op::Adjust(i, n) => fx
                .bs
                .at(at)
                .adjust_stock(items[usize::from(i)].id, n, "count")
                .map(drop),
            Op::Subscribe(c, p) => match pick(&customers, c) {
                Some(c) => fx
                    .bs
                    .at(at)
                    .subscribe(NewSubscription::new(c.id, plans[usize::from(p)]).price(d("100")))
                    .map(drop),
                None => Ok(()),
            },
            Op::Cancel(c) => {
                match pick(&customers, c).map(|c| fx.bs.list_subscriptions(c.id).unwrap()) {
                    Some(subs) => match subs.first() {
                        Some(s) => fx.bs.at(at).cancel_subscription(s.id).map(drop),
                        None => Ok(()),
                    },
                    None => Ok(()),
                }
            }
            Op::Expire => fx.bs.at(at).expire_subscriptions().map(drop),
            Op::Void(i) => match pick(&invoices, i) {
                Some(inv) => fx
                    .bs
                    .at(at)
                    .void_invoice(inv.id, "wrong customer")
                    .map(drop),
                None => Ok(()),
            },
            Op::Refund(i, a, m) => match pick(&invoices, i) {
                Some(inv) => fx
                    .bs
                    .at(at)
                    .refund(inv.id, money(a), methods[usize::from(m)], "refund")
                    .map(drop),
                None => Ok(()),
            },
            Op::WriteOff(i) => match pick(&invoices, i) {
                Some(inv) => fx.bs.at(at).write_off(inv.id, "gone").map(drop),
                None => Ok(()),
            },
            // Close a day some days back; later operations then run on open days only.
            Op::CloseDay(back) => {
                let day = crate::clock::business_date(
                    now,
                    crate::settings::Settings::default().time_zone,
                ) - Duration::days(i64::from(back) + 1);
                fx.bs.at(at).close_day(day).map(drop)
            }
        };
        match result {
            Err(e) => assert_ne!(
                e.kind(),
                crate::ErrorKind::Storage,
                "{op:?} failed in the store: {e}"
            ),
            Ok(()) if matches!(op, Op::End(..)) => ended += 1,
            Ok(()) if matches!(op, Op::Pay(..)) => paid += 1,
            Ok(()) => {}
        }
        check_invariants(&fx.bs);
    }
    (ended, paid)
}

/// Runs random sequences of up to 40 operations on fresh stores from `make`; after every
/// operation every invariant holds and no failure is a storage error.
pub fn random_operations_keep_invariants<S: Store>(make: &dyn Fn() -> S) {
    let cases = std::env::var("BACKSPACE_PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(24);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let done = std::cell::Cell::new((0, 0));
    runner
        .run(&proptest::collection::vec(op(), 1..40), |ops| {
            let (e, p) = run(make(), &ops);
            done.set((done.get().0 + e, done.get().1 + p));
            Ok(())
        })
        .unwrap();
    // The sequences must reach the interesting states, not only fail early.
    let (ended, paid) = done.get();
    assert!(
        ended > 0 && paid > 0,
        "random runs ended {ended} sessions and took {paid} payments"
    );
}
