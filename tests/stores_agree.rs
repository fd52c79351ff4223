//! Stateful fuzzing: random operation sequences run side by side on the in-memory store and on
//! the SQLite store, with one hand-set clock. After every operation both give the same result
//! (the same value or the same error, ids aside), the same records, the same reports, and every
//! invariant holds on both.
//!
//! Ids are random UUIDs, so values are compared after each UUID is replaced by its order of first
//! appearance in the value (`#0`, `#1`, …); entities are picked by their position in the lists,
//! which both stores order the same way. Footprints (R-CORR-5) hash the ids, so each 64-digit
//! hex footprint is replaced by `#fp`; both trails are verified intact by the invariants.
//!
//! The operations include bad input (3-decimal, negative and huge money, blank, long, control and
//! right-to-left text, SQL fragments, unknown ids, future instants), every pricing policy, clock
//! jumps across days and Egypt's daylight-saving change.
//!
//! Size: 40 sequences of up to 60 operations (`BACKSPACE_RELIABILITY_FULL=1`: 3,000;
//! `BACKSPACE_AGREE_CASES=n` overrides).

#![allow(clippy::unwrap_used)]

mod common;

use backspace::{Checkout, EndSession, NewCustomer, NewPayment, NewSubscription};
use std::str::FromStr;
use std::sync::Arc;

use backspace::chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use backspace::{
    Backspace, Category, CustomerUpdate, Decimal, InvoiceFilter, ItemUpdate, MemoryStore,
    PaymentMethod, Plan, ResourceType, ResourceUpdate, Rounding, SettingsUpdate, SqliteStore,
    Store, Uuid,
};
use backspace_core::testkit::invariants::check_invariants;
use backspace_core::testkit::{TestClock, snapshot};
use common::{env_number, full_size};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Replaces every hyphenated UUID by `#n`, its order of first appearance in `text`.
fn normalize(text: &str) -> String {
    fn is_uuid(b: &[u8]) -> bool {
        b.len() == 36
            && b.iter().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => *c == b'-',
                _ => c.is_ascii_hexdigit(),
            })
    }
    let bytes = text.as_bytes();
    let mut seen: Vec<&[u8]> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if i + 64 <= bytes.len()
            && bytes[i..i + 64]
                .iter()
                .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
        {
            out.push_str("#fp");
            i += 64;
        } else if i + 36 <= bytes.len() && is_uuid(&bytes[i..i + 36]) {
            let id = &bytes[i..i + 36];
            let n = seen.iter().position(|s| *s == id).unwrap_or_else(|| {
                seen.push(id);
                seen.len() - 1
            });
            out.push_str(&format!("#{n}"));
            i += 36;
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn same<T: std::fmt::Debug>(what: &str, mem: &T, sql: &T) -> Result<(), TestCaseError> {
    let (m, s) = (
        normalize(&format!("{mem:?}")),
        normalize(&format!("{sql:?}")),
    );
    if m != s {
        return Err(TestCaseError::fail(format!(
            "{what}: the stores disagree\n memory: {m}\n sqlite: {s}"
        )));
    }
    Ok(())
}

const NAMES: &[&str] = &[
    "منى عادل",
    "Ahmed",
    "  أحمد  ",
    "Robert'); DROP TABLE customers;--",
    "\" OR 1=1 --",
    "\u{202E}evil\u{202C}",
    "Öda",
    "öda",
    "SEAT",
    "seat",
    "",
    "   ",
    "a\u{7}b",
    "tab\there",
    "x\u{0}y",
    "%_\\",
    "e\u{301}",
];

const PHONES: &[&str] = &[
    "01012345678",
    "+20 10 1234 5678",
    "0020 11 1234 5678",
    "٠١٢٢٣٤٥٦٧٨٩",
    "02 2234 5678",
    "033456789",
    "0152123456",
    "01312345678",
    "08001234567",
    "010-1234-567a",
    "'; DELETE FROM customers;--",
    "",
    "+966501234567",
];

const EMAILS: &[&str] = &[
    "",
    "mona@Example.COM",
    " ali@x.eg ",
    "no-at-sign",
    "a@b",
    "'--@x.com",
];

const TEXTS: &[&str] = &[
    "",
    "  ",
    "regular",
    "line1\nline2",
    "bell\u{7}",
    "'; UPDATE invoices SET total_piastres = 0;--",
    "\u{200F}جرد\u{200F}",
];

/// A name, or one of 101 or 10,000 characters.
fn text_of(i: u8, table: &[&str]) -> String {
    match i {
        250 => "ن".repeat(101),
        251 => "x".repeat(10_000),
        252 => "y".repeat(100),
        _ => table[usize::from(i) % table.len()].to_string(),
    }
}

fn text_index() -> impl Strategy<Value = u8> {
    prop_oneof![8 => 0u8..40, 1 => 250u8..253]
}

fn money() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        8 => (0i64..60_000).prop_map(|p| Decimal::new(p, 2)),
        1 => (0i64..60_000).prop_map(|p| Decimal::new(p * 10, 3)),
        1 => (-5_000i64..60_000).prop_map(|p| Decimal::new(p, 3)),
        1 => prop_oneof![
            Just("1000000000"),
            Just("999999999.99"),
            Just("-0.00"),
            Just("-1"),
            Just("0.001"),
            Just("79228162514264337593543950335"),
            Just("-79228162514264337593543950335"),
            Just("0.0000000000000000000000000001"),
            Just("1e2"),
        ]
        .prop_map(|s| Decimal::from_str(s).or_else(|_| Decimal::from_scientific(s)).unwrap()),
    ]
}

fn percent() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        6 => (0i64..10_001).prop_map(|p| Decimal::new(p, 2)),
        1 => (-100i64..10_200).prop_map(|p| Decimal::new(p, 2)),
        1 => (0i64..100_001).prop_map(|p| Decimal::new(p, 3)),
    ]
}

fn count() -> impl Strategy<Value = i64> {
    prop_oneof![
        8 => -3i64..12,
        1 => prop_oneof![Just(0i64), Just(1_000_000_000), Just(1_000_000_001), Just(i64::MAX), Just(i64::MIN)],
    ]
}

/// An `at`: none (the clock), minutes back, or too far ahead.
fn at() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![5 => Just(None), 3 => (0i64..300).prop_map(|m| Some(-m)), 1 => (4i64..20).prop_map(Some)]
}

#[derive(Debug, Clone)]
enum Op {
    Register(u8, u8, u8, u8, Option<i64>),
    UpdateCustomer(u8, Option<u8>, Option<u8>, Option<u8>, Option<u8>),
    AddResource(u8, u8, Decimal),
    UpdateResource(u8, Option<u8>, Option<u8>, Option<Decimal>),
    SetAvailable(u8, bool),
    DeleteResource(u8),
    AddItem(u8, u8, Decimal, i64, i64),
    UpdateItem(u8, Option<u8>, Option<Decimal>, Option<i64>),
    Start(u8, u8, Option<i64>),
    Consume(u8, u8, i64, Option<i64>),
    RemoveConsumption(u8, u8),
    Quote(u8, Option<i64>),
    End(u8, Option<i64>, Option<Decimal>),
    Pay(u8, u8, Option<Decimal>, u8, Option<i64>, Option<u8>),
    Deposit(u8, Decimal, u8, Option<i64>),
    Discount(u8, Decimal, Option<i64>),
    Restock(u8, i64, Option<i64>),
    Adjust(u8, i64, u8, Option<i64>),
    Subscribe(u8, u8, Option<i64>, Option<Decimal>, Option<i64>),
    Cancel(u8, u8, Option<i64>),
    Expire(Option<i64>),
    Settings(
        Option<u32>,
        Option<u8>,
        Option<u32>,
        Option<u32>,
        Option<Option<Decimal>>,
        Option<u32>,
        Option<u8>,
    ),
    Find(u8),
    Unknown(u8),
    Advance(i64),
    Void(u8, u8, Option<i64>),
    Refund(u8, Decimal, u8, u8, Option<i64>),
    WriteOff(u8, u8, Option<i64>),
    CloseDay(i64),
    Checkout(u8, Vec<(Decimal, u8)>, Option<Decimal>, Option<i64>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (text_index(), 0u8..40, 0u8..12, 0u8..12, at()).prop_map(|(n, p, e, t, a)| Op::Register(n, p, e, t, a)),
        1 => (any::<u8>(), proptest::option::of(text_index()), proptest::option::of(0u8..40), proptest::option::of(0u8..12), proptest::option::of(0u8..12))
            .prop_map(|(c, n, p, e, t)| Op::UpdateCustomer(c, n, p, e, t)),
        1 => (text_index(), 0u8..3, money()).prop_map(|(n, k, r)| Op::AddResource(n, k, r)),
        1 => (any::<u8>(), proptest::option::of(text_index()), proptest::option::of(0u8..3), proptest::option::of(money()))
            .prop_map(|(r, n, k, m)| Op::UpdateResource(r, n, k, m)),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(r, a)| Op::SetAvailable(r, a)),
        1 => any::<u8>().prop_map(Op::DeleteResource),
        1 => (text_index(), 0u8..3, money(), count(), count()).prop_map(|(n, c, p, q, m)| Op::AddItem(n, c, p, q, m)),
        1 => (any::<u8>(), proptest::option::of(text_index()), proptest::option::of(money()), proptest::option::of(count()))
            .prop_map(|(i, n, p, m)| Op::UpdateItem(i, n, p, m)),
        5 => (any::<u8>(), any::<u8>(), at()).prop_map(|(c, r, a)| Op::Start(c, r, a)),
        3 => (any::<u8>(), any::<u8>(), count(), at()).prop_map(|(s, i, q, a)| Op::Consume(s, i, q, a)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(s, k)| Op::RemoveConsumption(s, k)),
        1 => (any::<u8>(), at()).prop_map(|(s, a)| Op::Quote(s, a)),
        4 => (any::<u8>(), at(), proptest::option::of(percent())).prop_map(|(s, a, d)| Op::End(s, a, d)),
        4 => (any::<u8>(), 0u8..4, proptest::option::of(money()), 0u8..4, at(), proptest::option::of(0u8..12))
            .prop_map(|(i, f, m, k, a, n)| Op::Pay(i, f, m, k, a, n)),
        2 => (any::<u8>(), money(), 0u8..4, at()).prop_map(|(c, m, k, a)| Op::Deposit(c, m, k, a)),
        1 => (any::<u8>(), percent(), at()).prop_map(|(i, p, a)| Op::Discount(i, p, a)),
        1 => (any::<u8>(), count(), at()).prop_map(|(i, n, a)| Op::Restock(i, n, a)),
        1 => (any::<u8>(), count(), 0u8..12, at()).prop_map(|(i, n, r, a)| Op::Adjust(i, n, r, a)),
        2 => (any::<u8>(), 0u8..3, proptest::option::of(-40i64..10), proptest::option::of(money()), at())
            .prop_map(|(c, p, s, m, a)| Op::Subscribe(c, p, s, m, a)),
        1 => (any::<u8>(), any::<u8>(), at()).prop_map(|(c, s, a)| Op::Cancel(c, s, a)),
        1 => at().prop_map(Op::Expire),
        1 => (
            proptest::option::of(prop_oneof![Just(0u32), Just(1), Just(15), Just(60), Just(1441)]),
            proptest::option::of(0u8..3),
            proptest::option::of(prop_oneof![Just(0u32), Just(5), Just(1441)]),
            proptest::option::of(prop_oneof![Just(0u32), Just(30), Just(61)]),
            proptest::option::of(proptest::option::of(money())),
            proptest::option::of(prop_oneof![Just(0u32), Just(7), Just(366)]),
            proptest::option::of(0u8..4),
        )
            .prop_map(|(u, r, g, m, c, d, z)| Op::Settings(u, r, g, m, c, d, z)),
        1 => any::<u8>().prop_map(Op::Find),
        1 => any::<u8>().prop_map(Op::Unknown),
        2 => prop_oneof![1i64..90, 600i64..3_000].prop_map(Op::Advance),
        1 => (any::<u8>(), 0u8..12, at()).prop_map(|(i, r, a)| Op::Void(i, r, a)),
        2 => (any::<u8>(), money(), 0u8..4, 0u8..12, at()).prop_map(|(i, m, k, r, a)| Op::Refund(i, m, k, r, a)),
        1 => (any::<u8>(), 0u8..12, at()).prop_map(|(i, r, a)| Op::WriteOff(i, r, a)),
        1 => (-3i64..2).prop_map(Op::CloseDay),
        2 => (any::<u8>(), proptest::collection::vec((money(), 0u8..4), 0..3), proptest::option::of(percent()), at())
            .prop_map(|(s, p, d, a)| Op::Checkout(s, p, d, a)),
    ]
}

/// Both desks with their clock.
struct Pair {
    mem: Backspace<MemoryStore>,
    sql: Backspace<SqliteStore>,
    clock: Arc<TestClock>,
    now: DateTime<Utc>,
    first_day: NaiveDate,
}

fn pick<T: Clone>(v: &[T], i: u8) -> Option<T> {
    (!v.is_empty()).then(|| v[usize::from(i) % v.len()].clone())
}

const METHODS: [PaymentMethod; 4] = [
    PaymentMethod::Cash,
    PaymentMethod::Card,
    PaymentMethod::Transfer,
    PaymentMethod::Balance,
];
const KINDS: [ResourceType; 3] = [ResourceType::Seat, ResourceType::Room, ResourceType::Desk];
const CATEGORIES: [Category; 3] = [Category::Beverage, Category::Snack, Category::Meal];
const PLANS: [Plan; 3] = [Plan::Weekly, Plan::HalfMonthly, Plan::Monthly];
const ZONES: [&str; 4] = ["Africa/Cairo", "UTC", "Asia/Riyadh", "Mars/Olympus"];

/// Runs `$call` on both desks (`$d` is each desk, `$side` 0 for memory, 1 for SQLite) and
/// compares the results.
macro_rules! both {
    ($pair:expr, $what:expr, |$d:ident, $side:ident| $call:expr) => {{
        let r_mem = {
            let $d = &$pair.mem;
            #[allow(unused_variables)]
            let $side = 0;
            $call
        };
        let r_sql = {
            let $d = &$pair.sql;
            #[allow(unused_variables)]
            let $side = 1;
            $call
        };
        same($what, &r_mem, &r_sql)?;
        let ok: bool = r_mem.is_ok();
        ok
    }};
}

impl Pair {
    fn new() -> Self {
        // Two days before Egypt moves its clocks forward (2026-04-24 00:00 → 01:00).
        let now = Utc.with_ymd_and_hms(2026, 4, 22, 6, 0, 0).single().unwrap();
        let clock = Arc::new(TestClock::new(now));
        let pair = Pair {
            mem: Backspace::with_clock(MemoryStore::new(), clock.clone()),
            sql: Backspace::with_clock(SqliteStore::in_memory().unwrap(), clock.clone()),
            clock,
            now,
            first_day: now.date_naive() - Duration::days(40),
        };
        pair.seed();
        pair
    }

    /// The same few seats, items and customers in both stores.
    fn seed(&self) {
        fn on<S: Store>(d: &Backspace<S>) {
            d.update_settings(SettingsUpdate {
                unit_minutes: Some(15),
                weekly_price: Some(Some(Decimal::new(25_000, 2))),
                ..Default::default()
            })
            .unwrap();
            for (name, rate) in [("Seat 1", 3000), ("Room A", 12_050), ("Desk 3", 1_575)] {
                d.add_resource(name, ResourceType::Seat, Decimal::new(rate, 2))
                    .unwrap();
            }
            for (name, price, qty) in [("شاي", 750, 6), ("Cake", 3_333, 2)] {
                d.add_inventory_item(name, Category::Snack, Decimal::new(price, 2), qty, 2)
                    .unwrap();
            }
            for (name, phone) in [
                ("منى عادل", "01011111111"),
                ("Ali", "01222222222"),
                ("Sara", "0223456789"),
            ] {
                d.register_customer(NewCustomer::new(name, phone)).unwrap();
            }
        }
        on(&self.mem);
        on(&self.sql);
    }

    fn at(&self, offset: Option<i64>) -> Option<DateTime<Utc>> {
        offset.map(|m| self.now + Duration::minutes(m))
    }

    fn check(&self, k: usize) -> Result<(), TestCaseError> {
        same(
            &format!("records after op {k}"),
            &snapshot(&self.mem),
            &snapshot(&self.sql),
        )?;
        check_invariants(&self.mem);
        check_invariants(&self.sql);
        let (from, to) = (self.first_day, self.now.date_naive() + Duration::days(1));
        both!(self, "revenue", |d, side| d.revenue(from, to));
        both!(self, "utilization", |d, side| d.utilization(from, to));
        both!(self, "outstanding", |d, side| d.outstanding_invoices());
        both!(self, "top customers", |d, side| d
            .top_customers(from, to, 5));
        both!(self, "low stock", |d, side| d.low_stock_report());
        both!(self, "active sessions", |d, side| d.active_sessions());
        both!(self, "unpaid invoices", |d, side| d.list_invoices(
            &InvoiceFilter {
                status: Some(backspace::InvoiceStatus::Unpaid),
                from: Some(self.now.date_naive() - Duration::days(1)),
                ..Default::default()
            }
        ));
        Ok(())
    }

    fn apply(&mut self, k: usize, op: &Op) -> Result<bool, TestCaseError> {
        // Every operation gets its own instant (a unique microsecond), so no two records tie.
        self.now += Duration::minutes(3) + Duration::microseconds(k as i64 + 1);
        self.clock.set(self.now);
        let what = format!("op {k} {op:?}");
        let w = what.as_str();
        // Entities are picked by position in lists both stores order the same way.
        let customers = (
            self.mem.list_customers().unwrap(),
            self.sql.list_customers().unwrap(),
        );
        let resources = (
            self.mem.list_resources().unwrap(),
            self.sql.list_resources().unwrap(),
        );
        let items = (
            self.mem.list_inventory_items().unwrap(),
            self.sql.list_inventory_items().unwrap(),
        );
        let active = (
            self.mem.store().read(|tx| tx.active_sessions()).unwrap(),
            self.sql.store().read(|tx| tx.active_sessions()).unwrap(),
        );
        let invoices = (
            self.mem.list_invoices(&InvoiceFilter::default()).unwrap(),
            self.sql.list_invoices(&InvoiceFilter::default()).unwrap(),
        );
        macro_rules! id {
            ($lists:expr, $i:expr, $side:ident) => {{
                let list = if $side == 0 { &$lists.0 } else { &$lists.1 };
                pick(list, $i).map_or(Uuid::nil(), |x| x.id)
            }};
        }
        let ok = match op.clone() {
            Op::Register(n, p, e, t, a) => {
                let (name, phone, email, notes) = (
                    text_of(n, NAMES),
                    text_of(p, PHONES),
                    text_of(e, EMAILS),
                    text_of(t, TEXTS),
                );
                let at = self.at(a);
                both!(self, w, |d, side| d.at(at).register_customer(NewCustomer {
                    email: Some(email.clone()).filter(|_| e % 3 != 0),
                    notes: Some(notes.clone()).filter(|_| t % 2 == 0),
                    ..NewCustomer::new(&name, &phone)
                }))
            }
            Op::UpdateCustomer(c, n, p, e, t) => {
                let update = CustomerUpdate {
                    name: n.map(|n| text_of(n, NAMES)),
                    phone: p.map(|p| text_of(p, PHONES)),
                    email: e.map(|e| text_of(e, EMAILS)),
                    notes: t.map(|t| text_of(t, TEXTS)),
                };
                both!(self, w, |d, side| d
                    .update_customer(id!(customers, c, side), update.clone()))
            }
            Op::AddResource(n, kind, rate) => {
                let name = text_of(n, NAMES);
                both!(self, w, |d, side| d.add_resource(
                    &name,
                    KINDS[usize::from(kind)],
                    rate
                ))
            }
            Op::UpdateResource(r, n, kind, rate) => {
                let update = ResourceUpdate {
                    name: n.map(|n| text_of(n, NAMES)),
                    resource_type: kind.map(|k| KINDS[usize::from(k)]),
                    rate_per_hour: rate,
                };
                both!(self, w, |d, side| d
                    .update_resource(id!(resources, r, side), update.clone()))
            }
            Op::SetAvailable(r, a) => both!(self, w, |d, side| d
                .set_resource_available(id!(resources, r, side), a)),
            Op::DeleteResource(r) => both!(self, w, |d, side| d
                .delete_resource(id!(resources, r, side))),
            Op::AddItem(n, c, price, q, m) => {
                // Item names are unique here: two items of one name would be ordered by their ids.
                let name = format!("{} {k}", text_of(n, NAMES));
                both!(self, w, |d, side| d.add_inventory_item(
                    &name,
                    CATEGORIES[usize::from(c)],
                    price,
                    q,
                    m
                ))
            }
            Op::UpdateItem(i, n, price, m) => {
                let update = ItemUpdate {
                    name: n.map(|n| format!("{} {k}", text_of(n, NAMES))),
                    category: None,
                    price,
                    min_stock: m,
                };
                both!(self, w, |d, side| d
                    .update_inventory_item(id!(items, i, side), update.clone()))
            }
            Op::Start(c, r, a) => {
                let at = self.at(a);
                both!(self, w, |d, side| d.at(at).start_session(
                    id!(customers, c, side),
                    id!(resources, r, side)
                ))
            }
            Op::Consume(s, i, q, a) => {
                let at = self.at(a);
                both!(self, w, |d, side| d.at(at).add_consumption(
                    id!(active, s, side),
                    id!(items, i, side),
                    q
                ))
            }
            Op::RemoveConsumption(s, c) => {
                let lists = (
                    pick(&active.0, s)
                        .map(|s| self.mem.session_consumptions(s.id).unwrap())
                        .unwrap_or_default(),
                    pick(&active.1, s)
                        .map(|s| self.sql.session_consumptions(s.id).unwrap())
                        .unwrap_or_default(),
                );
                both!(self, w, |d, side| d.remove_consumption(id!(lists, c, side)))
            }
            Op::Quote(s, a) => {
                let at = self.at(a);
                both!(self, w, |d, side| d
                    .at(at)
                    .quote_session(id!(active, s, side)))
            }
            Op::End(s, a, discount) => {
                let at = self.at(a);
                both!(self, w, |d, side| d
                    .at(at)
                    .end_session(id!(active, s, side), EndSession { discount }))
            }
            Op::Pay(i, fraction, amount, m, a, note) => {
                let at = self.at(a);
                let note = note.map(|n| text_of(n, TEXTS));
                // Without an amount: the whole due, half of it, or one piastre more.
                let amount = amount.unwrap_or_else(|| match pick(&invoices.0, i) {
                    Some(inv) => {
                        let due = inv.total - inv.paid_amount;
                        match fraction {
                            0 | 1 => due,
                            2 => (due / Decimal::TWO).round_dp(2),
                            _ => due + Decimal::new(1, 2),
                        }
                    }
                    None => Decimal::ONE,
                });
                both!(self, w, |d, side| d.at(at).record_payment(
                    id!(invoices, i, side),
                    NewPayment {
                        note: note.as_deref().map(Into::into),
                        ..NewPayment::new(amount, METHODS[usize::from(m)])
                    }
                ))
            }
            Op::Deposit(c, amount, m, a) => {
                let at = self.at(a);
                both!(self, w, |d, side| d.at(at).deposit(
                    id!(customers, c, side),
                    amount,
                    METHODS[usize::from(m)]
                ))
            }
            Op::Discount(i, p, a) => {
                let at = self.at(a);
                both!(self, w, |d, side| d
                    .at(at)
                    .set_discount(id!(invoices, i, side), p))
            }
            Op::Restock(i, n, a) => {
                let at = self.at(a);
                both!(self, w, |d, side| d.at(at).restock(id!(items, i, side), n))
            }
            Op::Adjust(i, n, r, a) => {
                let at = self.at(a);
                let reason = text_of(r, TEXTS);
                both!(self, w, |d, side| d.at(at).adjust_stock(
                    id!(items, i, side),
                    n,
                    &reason
                ))
            }
            Op::Subscribe(c, p, start, price, a) => {
                let at = self.at(a);
                let start = start.map(|s| self.now.date_naive() + Duration::days(s));
                both!(self, w, |d, side| d.at(at).subscribe(NewSubscription {
                    customer_id: id!(customers, c, side),
                    plan_type: PLANS[usize::from(p)],
                    start_date: start,
                    price,
                }))
            }
            Op::Cancel(c, s, a) => {
                let at = self.at(a);
                let lists = (
                    pick(&customers.0, c)
                        .map(|c| self.mem.list_subscriptions(c.id).unwrap())
                        .unwrap_or_default(),
                    pick(&customers.1, c)
                        .map(|c| self.sql.list_subscriptions(c.id).unwrap())
                        .unwrap_or_default(),
                );
                both!(self, w, |d, side| d
                    .at(at)
                    .cancel_subscription(id!(lists, s, side)))
            }
            Op::Expire(a) => {
                let at = self.at(a);
                both!(self, w, |d, side| d.at(at).expire_subscriptions())
            }
            Op::Settings(unit, rounding, grace, minimum, cap, due, zone) => {
                let update = SettingsUpdate {
                    time_zone: zone.map(|z| ZONES[usize::from(z)].to_string()),
                    unit_minutes: unit,
                    rounding: rounding
                        .map(|r| [Rounding::Up, Rounding::Nearest, Rounding::Down][usize::from(r)]),
                    grace_minutes: grace,
                    minimum_minutes: minimum,
                    daily_cap: cap,
                    weekly_price: Some(Some(Decimal::new(25_000, 2))),
                    invoice_due_days: due,
                    ..Default::default()
                };
                both!(self, w, |d, side| d.update_settings(update.clone()))
            }
            Op::Find(i) => {
                let c = pick(&customers.0, i);
                let inv = pick(&invoices.0, i);
                let key = c
                    .as_ref()
                    .map(|c| c.human_id.clone())
                    .unwrap_or_else(|| "C-001".into());
                let phone = c
                    .map(|c| c.phone.replace("+20", "0"))
                    .unwrap_or_else(|| "01012345678".into());
                let number = inv
                    .map(|i| i.invoice_number)
                    .unwrap_or_else(|| "INV-0001".into());
                let text = text_of(i, NAMES);
                both!(self, w, |d, side| d.find_customer(&key));
                both!(self, w, |d, side| d.find_customer(&phone));
                both!(self, w, |d, side| d.find_invoice(&number));
                both!(self, w, |d, side| d.find_invoice(&number.to_lowercase()));
                both!(self, w, |d, side| d.search_customers(&text))
            }
            Op::Unknown(i) => {
                let id = Uuid::from_u128(u128::from(i) << 64 | 0x4000_8000_0000_0000);
                both!(self, w, |d, side| d.get_customer(id));
                both!(self, w, |d, side| d.start_session(id, id));
                both!(self, w, |d, side| d.record_payment(
                    id,
                    NewPayment::new(Decimal::ONE, PaymentMethod::Cash)
                ));
                both!(self, w, |d, side| d.stock_movements(id));
                both!(self, w, |d, side| d.statement(id))
            }
            Op::Advance(minutes) => {
                self.now += Duration::minutes(minutes);
                self.clock.set(self.now);
                true
            }
            Op::Void(i, r, a) => {
                let at = self.at(a);
                let why = text_of(r, TEXTS);
                both!(self, w, |d, side| d
                    .at(at)
                    .void_invoice(id!(invoices, i, side), &why))
            }
            Op::Refund(i, amount, m, r, a) => {
                let at = self.at(a);
                let why = text_of(r, TEXTS);
                both!(self, w, |d, side| d.at(at).refund(
                    id!(invoices, i, side),
                    amount,
                    METHODS[usize::from(m)],
                    &why
                ))
            }
            Op::WriteOff(i, r, a) => {
                let at = self.at(a);
                let why = text_of(r, TEXTS);
                both!(self, w, |d, side| d
                    .at(at)
                    .write_off(id!(invoices, i, side), &why))
            }
            Op::CloseDay(days) => {
                let day = self.now.date_naive() + Duration::days(days);
                both!(self, w, |d, _side| d.close_day(day))
            }
            Op::Checkout(s, payments, discount, a) => {
                let at = self.at(a);
                let payments: Vec<NewPayment> = payments
                    .into_iter()
                    .map(|(amount, m)| NewPayment::new(amount, METHODS[usize::from(m)]))
                    .collect();
                both!(self, w, |d, side| d.at(at).checkout(
                    id!(active, s, side),
                    Checkout {
                        payments: payments.clone(),
                        discount
                    }
                ))
            }
        };
        self.check(k)?;
        Ok(ok)
    }
}

#[test]
fn stores_agree_on_random_operation_sequences() {
    let cases = env_number(
        "BACKSPACE_AGREE_CASES",
        if full_size() { 3_000 } else { 40 },
    ) as u32;
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let totals = std::cell::Cell::new((0u64, 0u64));
    runner
        .run(&proptest::collection::vec(op(), 1..60), |ops| {
            let mut pair = Pair::new();
            let mut ok = 0;
            for (k, op) in ops.iter().enumerate() {
                ok += u64::from(pair.apply(k, op)?);
            }
            let (n, o) = totals.get();
            totals.set((n + ops.len() as u64, o + ok));
            Ok(())
        })
        .unwrap();
    let (n, ok) = totals.get();
    println!("RELIABILITY agree: sequences={cases} operations={n} succeeded={ok}");
    assert!(ok * 4 > n, "too few operations succeeded: {ok} of {n}");
}
