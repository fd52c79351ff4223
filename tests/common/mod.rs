//! Shared by the reliability tests (`crash_safety.rs`, `concurrent_desks.rs`): a front-desk
//! workload that a child process runs against a SQLite file, the journal it keeps of every
//! operation that returned, and the checks run on the file afterwards.
//!
//! The journal is written *after* an operation returns (and synced), so every journaled
//! operation must be in the database whatever happened to the process later. Lines starting
//! with `>` are intents, written before an operation that may undo an earlier one.

#![allow(dead_code, clippy::unwrap_used)]

use backspace::{EndSession, NewCustomer, NewPayment, NewSubscription};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use backspace::chrono::{Duration as Minutes, Utc};
use backspace::{
    Backspace, Category, Decimal, ErrorKind, InvoiceFilter, InvoiceStatus, MovementKind,
    PaymentMethod, Plan, ResourceType, SettingsUpdate, Store, Uuid,
};
use backspace_core::testkit::invariants::check_invariants;

/// `BACKSPACE_RELIABILITY_FULL=1` runs the full-size reliability tests.
pub fn full_size() -> bool {
    std::env::var("BACKSPACE_RELIABILITY_FULL").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// A number from the environment, else `default`.
pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The seed of a run: `BACKSPACE_RELIABILITY_SEED`, else the clock.
pub fn seed() -> u64 {
    env_number(
        "BACKSPACE_RELIABILITY_SEED",
        Utc::now().timestamp_micros() as u64,
    )
}

/// SplitMix64: a small, seedable generator (no dependency needed).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        (!v.is_empty()).then(|| &v[self.below(v.len() as u64) as usize])
    }
}

/// A temporary database path (and its `-wal`, `-shm` companions), removed on drop.
pub struct TempDb {
    pub path: PathBuf,
}

impl TempDb {
    pub fn new(label: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("backspace-{label}-{}.sqlite", Uuid::new_v4()));
        TempDb { path }
    }
    pub fn companion(&self, suffix: &str) -> PathBuf {
        let mut p = self.path.clone().into_os_string();
        p.push(suffix);
        PathBuf::from(p)
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        if std::env::var_os("BACKSPACE_KEEP_DB").is_some() {
            eprintln!("kept {}", self.path.display());
            return;
        }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(self.companion(suffix));
        }
        for entry in std::fs::read_dir(std::env::temp_dir())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().to_string();
            let stem = self.path.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with(&stem) && name.contains(".journal") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The seats, items and prices every workload starts from.
pub const SEATS: usize = 8;
pub const ITEMS: [(&str, &str, i64); 3] = [
    ("شاي", "7.50", 500),
    ("Coffee", "22.25", 300),
    ("Cake", "33.33", 100),
];

/// Seeds a fresh file: settings, seats, café items, a few customers.
pub fn seed_db(path: &Path) {
    seed_desk(&backspace::open(path).unwrap());
}

/// Seeds a fresh desk of any store: settings, seats, café items.
pub fn seed_desk<S: Store>(desk: &Backspace<S>) {
    desk.update_settings(SettingsUpdate {
        unit_minutes: Some(15),
        weekly_price: Some(Some(Decimal::new(25_000, 2))),
        ..Default::default()
    })
    .unwrap();
    for i in 0..SEATS {
        let (kind, rate) = match i % 4 {
            0 => (ResourceType::Room, 12_050),
            1 => (ResourceType::Desk, 4_000),
            _ => (ResourceType::Seat, 2_575),
        };
        desk.add_resource(&format!("Seat {i:02}"), kind, Decimal::new(rate, 2))
            .unwrap();
    }
    for (name, price, qty) in ITEMS {
        desk.add_inventory_item(name, Category::Beverage, price.parse().unwrap(), qty, 20)
            .unwrap();
    }
}

/// An append-only journal of completed operations.
pub struct Journal {
    file: File,
    sync: bool,
}

impl Journal {
    pub fn create(path: &Path, sync: bool) -> Self {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .unwrap();
        Journal { file, sync }
    }
    /// Records an operation that returned; synced before the next operation starts.
    pub fn done(&mut self, line: String) {
        self.file.write_all(format!("{line}\n").as_bytes()).unwrap();
        if self.sync {
            self.file.sync_data().unwrap();
        }
    }
    /// Records that an operation is about to run (it may or may not happen).
    pub fn intent(&mut self, line: String) {
        self.file
            .write_all(format!("> {line}\n").as_bytes())
            .unwrap();
    }
}

/// What a workload did: operations that succeeded and the failures by kind.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub ok: u64,
    pub failed: BTreeMap<String, u64>,
}

impl Tally {
    pub fn total(&self) -> u64 {
        self.ok + self.failed.values().sum::<u64>()
    }
    pub fn line(&self) -> String {
        let failed: Vec<String> = self
            .failed
            .iter()
            .map(|(k, n)| format!("{k}={n}"))
            .collect();
        format!("ok={} {}", self.ok, failed.join(" "))
    }
    pub fn parse(line: &str) -> Tally {
        let mut t = Tally::default();
        for part in line.split_whitespace() {
            if let Some((k, n)) = part.split_once('=') {
                let n: u64 = n.parse().unwrap();
                if k == "ok" {
                    t.ok += n;
                } else {
                    *t.failed.entry(k.to_string()).or_default() += n;
                }
            }
        }
        t
    }
    pub fn add(&mut self, other: &Tally) {
        self.ok += other.ok;
        for (k, n) in &other.failed {
            *self.failed.entry(k.clone()).or_default() += n;
        }
    }
}

fn kind_name(kind: ErrorKind) -> String {
    format!("{kind:?}").to_lowercase()
}

const METHODS: [PaymentMethod; 4] = [
    PaymentMethod::Cash,
    PaymentMethod::Card,
    PaymentMethod::Transfer,
    PaymentMethod::Balance,
];

/// Runs random front-desk operations on `desk` until `stop()` says so. Every operation that
/// returns `Ok` is journaled and counted; other errors are counted by kind; a storage error
/// panics (no test allows one: a busy database must be waited for, not reported).
pub fn work<S: Store>(
    desk: &Backspace<S>,
    rng: &mut Rng,
    journal: &mut Journal,
    tag: &str,
    stop: impl FnMut(u64) -> bool,
) -> Tally {
    work_through(desk, rng, journal, tag, stop, false)
}

/// [`work`], but a storage error is counted as `uncertain` instead of failing when
/// `allow_uncertain` (a server restarted under the workload).
pub fn work_through<S: Store>(
    desk: &Backspace<S>,
    rng: &mut Rng,
    journal: &mut Journal,
    tag: &str,
    mut stop: impl FnMut(u64) -> bool,
    allow_uncertain: bool,
) -> Tally {
    let mut tally = Tally::default();
    let mut n = 0u64;
    while !stop(n) {
        n += 1;
        let result = step(desk, rng, journal, tag, n);
        match result {
            Ok(()) => tally.ok += 1,
            // A server restarted while the operation committed: it may or may not be saved.
            // It was not journaled, so nothing is claimed of it.
            Err(e) if allow_uncertain && e.kind() == ErrorKind::Storage => {
                *tally.failed.entry("uncertain".into()).or_default() += 1
            }
            Err(e) if e.kind() == ErrorKind::Storage => {
                panic!("operation {n} of {tag} failed in the store: {e}")
            }
            Err(e) => *tally.failed.entry(kind_name(e.kind())).or_default() += 1,
        }
    }
    tally
}

fn money(piastres: i64) -> Decimal {
    Decimal::new(piastres, 2)
}

/// One random operation.
fn step<S: Store>(
    desk: &Backspace<S>,
    rng: &mut Rng,
    journal: &mut Journal,
    tag: &str,
    n: u64,
) -> backspace::Result<()> {
    let now = Utc::now();
    match rng.below(110) {
        // register a customer (some phones collide: a conflict)
        0..=7 => {
            let phone = format!("010{:08}", rng.below(3_000));
            let name = format!("عميل {tag}-{n} O'Brien\"; DROP TABLE customers;--");
            let c = desk.register_customer(NewCustomer::new(&name, &phone).notes("ملاحظة"))?;
            journal.done(format!("customer {} {}", c.id, c.human_id));
        }
        // start a session (now: sessions never overlap on a seat)
        8..=27 => {
            let customers = desk.list_customers()?;
            let seats = desk.list_resources()?;
            let (Some(c), Some(r)) = (rng.pick(&customers), rng.pick(&seats)) else {
                return Ok(());
            };
            let s = desk.start_session(c.id, r.id)?;
            journal.done(format!("session {}", s.id));
        }
        // add a consumption
        28..=39 => {
            let active = desk.store().read(|tx| tx.active_sessions())?;
            let items = desk.list_inventory_items()?;
            let (Some(s), Some(i)) = (rng.pick(&active), rng.pick(&items)) else {
                return Ok(());
            };
            let c = desk.add_consumption(s.id, i.id, rng.range(1, 4))?;
            journal.done(format!("consume {} {}", c.id, s.id));
        }
        // remove a consumption
        40..=42 => {
            let active = desk.store().read(|tx| tx.active_sessions())?;
            let Some(s) = rng.pick(&active) else {
                return Ok(());
            };
            let cs = desk.session_consumptions(s.id)?;
            let Some(c) = rng.pick(&cs) else {
                return Ok(());
            };
            journal.intent(format!("unconsume {}", c.id));
            desk.remove_consumption(c.id)?;
            journal.done(format!("unconsume {}", c.id));
        }
        // end a session, sometimes with a discount
        43..=60 => {
            let active = desk.store().read(|tx| tx.active_sessions())?;
            let Some(s) = rng.pick(&active) else {
                return Ok(());
            };
            let discount = rng
                .chance(25)
                .then(|| Decimal::new(rng.range(0, 10_000), 2));
            let inv = desk.end_session(s.id, EndSession { discount })?;
            journal.done(format!(
                "end {} {} {} {}",
                s.id, inv.id, inv.invoice_number, inv.amount
            ));
        }
        // pay an invoice: part, all, or too much; any method
        61..=76 => {
            let status = if rng.chance(70) {
                InvoiceStatus::Unpaid
            } else {
                InvoiceStatus::Pending
            };
            let open = desk.list_invoices(&InvoiceFilter {
                status: Some(status),
                ..Default::default()
            })?;
            let Some(inv) = rng.pick(&open) else {
                return Ok(());
            };
            let due = backspace::money::to_piastres(inv.total - inv.paid_amount)?;
            let amount = match rng.below(10) {
                0 => due + rng.range(1, 500),
                1..=5 => due,
                _ => rng.range(1, due.max(1)),
            };
            let method = METHODS[rng.below(4) as usize];
            let paid = desk.record_payment(
                inv.id,
                NewPayment::new(money(amount), method).note("'); DELETE FROM payments;--"),
            )?;
            let p = paid.payments.last().unwrap();
            journal.done(format!("pay {} {}", inv.id, p.id));
        }
        // deposit
        77..=81 => {
            let customers = desk.list_customers()?;
            let Some(c) = rng.pick(&customers) else {
                return Ok(());
            };
            let e = desk.deposit(
                c.id,
                money(rng.range(100, 50_000)),
                METHODS[rng.below(3) as usize],
            )?;
            journal.done(format!("deposit {} {}", c.id, e.id));
        }
        // change a discount while nothing is paid
        82..=84 => {
            let open = desk.list_invoices(&InvoiceFilter {
                status: Some(InvoiceStatus::Unpaid),
                ..Default::default()
            })?;
            let Some(inv) = rng.pick(&open) else {
                return Ok(());
            };
            desk.set_discount(inv.id, Decimal::new(rng.range(0, 5_000), 2))?;
            journal.done(format!("discount {}", inv.id));
        }
        // restock or adjust
        85..=90 => {
            let items = desk.list_inventory_items()?;
            let Some(i) = rng.pick(&items) else {
                return Ok(());
            };
            if rng.chance(50) {
                let k = rng.range(1, 40);
                desk.restock(i.id, k)?;
                journal.done(format!("restock {} {k}", i.id));
            } else {
                let delta = rng.range(-30, 30);
                let reason = format!("count {tag}-{n} ‏جرد‏");
                desk.adjust_stock(i.id, delta, &reason)?;
                journal.done(format!("adjust {} {delta} {reason}", i.id));
            }
        }
        // subscribe
        91..=94 => {
            let customers = desk.list_customers()?;
            let Some(c) = rng.pick(&customers) else {
                return Ok(());
            };
            let (plan, price) = match rng.below(3) {
                0 => (Plan::Weekly, None),
                1 => (Plan::HalfMonthly, Some(money(45_000))),
                _ => (Plan::Monthly, Some(money(80_000))),
            };
            let s = desk.subscribe(NewSubscription {
                price,
                ..NewSubscription::new(c.id, plan)
            })?;
            journal.done(format!("subscribe {} {}", s.id, s.invoice_id));
        }
        // cancel a subscription
        95..=96 => {
            let customers = desk.list_customers()?;
            let Some(c) = rng.pick(&customers) else {
                return Ok(());
            };
            let subs = desk.list_subscriptions(c.id)?;
            let Some(s) = rng.pick(&subs) else {
                return Ok(());
            };
            desk.cancel_subscription(s.id)?;
            journal.done(format!("cancel {}", s.id));
        }
        // expire, or a report (reads must not fail either)
        97 => {
            desk.expire_subscriptions()?;
        }
        // refund part of what was paid on an invoice, in money or to the balance (R-CORR-2)
        100..=104 => {
            let paid = desk.list_invoices(&InvoiceFilter {
                status: Some(InvoiceStatus::Paid),
                ..Default::default()
            })?;
            let Some(inv) = rng.pick(&paid) else {
                return Ok(());
            };
            let left = backspace::money::to_piastres(inv.paid_amount - inv.refunded_amount)?;
            let amount = rng.range(1, left.max(1) + 100);
            let cn = desk.refund(
                inv.id,
                money(amount),
                METHODS[rng.below(4) as usize],
                "ردّ جزء — partial refund",
            )?;
            journal.done(format!("refund {} {}", inv.id, cn.id));
        }
        // void an unpaid invoice, or write off what is due on an open one (R-CORR-1, R-CORR-3)
        105..=109 => {
            let open = desk.list_invoices(&InvoiceFilter {
                status: Some(InvoiceStatus::Unpaid),
                ..Default::default()
            })?;
            let Some(inv) = rng.pick(&open) else {
                return Ok(());
            };
            if rng.chance(50) {
                desk.void_invoice(inv.id, "wrong customer")?;
                journal.done(format!("void {}", inv.id));
            } else {
                desk.write_off(inv.id, "gave up")?;
                journal.done(format!("writeoff {}", inv.id));
            }
        }
        _ => {
            let today = now.date_naive();
            match rng.below(4) {
                0 => drop(desk.revenue(today - Minutes::days(2), today)?),
                1 => drop(desk.active_sessions()?),
                2 => drop(desk.outstanding_invoices()?),
                _ => drop(desk.utilization(today - Minutes::days(1), today)?),
            }
        }
    }
    Ok(())
}

/// `PRAGMA integrity_check` and `foreign_key_check` on the raw file.
pub fn integrity_check(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.busy_timeout(Duration::from_secs(10)).unwrap();
    let check: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(check, ["ok"], "integrity_check of {}", path.display());
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0, "foreign key violations in {}", path.display());
}

/// Counts of what a verification found.
#[derive(Debug, Default, Clone, Copy)]
pub struct Verified {
    /// Journaled operations found in the database.
    pub operations: u64,
    pub customers: usize,
    pub invoices: usize,
}

/// Every journaled operation is in the database, and every invariant holds.
pub fn verify<S: Store>(desk: &Backspace<S>, journals: &[PathBuf]) -> Verified {
    let mut lines = Vec::new();
    for j in journals {
        if let Ok(text) = std::fs::read_to_string(j) {
            // A line cut short by a kill is an intent at most; done lines are synced whole.
            lines.extend(text.lines().filter(|l| !l.is_empty()).map(str::to_string));
        }
    }
    let mut consumed: BTreeMap<Uuid, Uuid> = BTreeMap::new();
    let mut maybe_removed: BTreeSet<Uuid> = BTreeSet::new();
    let mut removed: BTreeSet<Uuid> = BTreeSet::new();
    let mut restocked: BTreeMap<Uuid, (usize, i64)> = BTreeMap::new();
    let mut ops = 0u64;
    for line in &lines {
        let f: Vec<&str> = line.split(' ').collect();
        let id = |i: usize| {
            Uuid::parse_str(f[i]).unwrap_or_else(|_| panic!("bad journal line {line:?}"))
        };
        match f[0] {
            ">" => {
                if f.get(1) == Some(&"unconsume") {
                    maybe_removed.insert(id(2));
                }
                continue;
            }
            "customer" => {
                let c = desk.get_customer(id(1)).expect(line);
                assert_eq!(c.human_id, f[2], "{line}");
            }
            "session" => {
                desk.get_session(id(1)).expect(line);
            }
            "consume" => {
                consumed.insert(id(1), id(2));
            }
            "unconsume" => {
                removed.insert(id(1));
            }
            "end" => {
                let s = desk.get_session(id(1)).expect(line);
                assert!(
                    !s.is_active && s.invoice_id == Some(id(2)),
                    "{line}: session {s:?}"
                );
                let inv = desk.get_invoice(id(2)).expect(line);
                assert_eq!(
                    (inv.invoice_number.as_str(), inv.amount.to_string().as_str()),
                    (f[3], f[4]),
                    "{line}"
                );
            }
            "pay" => {
                let inv = desk.get_invoice(id(1)).expect(line);
                assert!(
                    inv.payments.iter().any(|p| p.id == id(2)),
                    "{line}: payment lost"
                );
            }
            "deposit" => {
                let st = desk.statement(id(1)).expect(line);
                assert!(
                    st.iter().any(|l| l.entry.id == id(2)),
                    "{line}: deposit lost"
                );
            }
            "discount" => {
                desk.get_invoice(id(1)).expect(line);
            }
            "refund" => {
                let inv = desk.get_invoice(id(1)).expect(line);
                assert!(
                    inv.credit_notes.iter().any(|c| c.id == id(2)),
                    "{line}: credit note lost"
                );
            }
            "void" | "writeoff" => {
                let inv = desk.get_invoice(id(1)).expect(line);
                let want = if f[0] == "void" {
                    InvoiceStatus::Void
                } else {
                    InvoiceStatus::WrittenOff
                };
                assert_eq!(inv.status, want, "{line}: correction lost");
            }
            "restock" => {
                let e = restocked.entry(id(1)).or_default();
                e.0 += 1;
                e.1 += f[2].parse::<i64>().unwrap();
            }
            "adjust" => {
                let reason = f[3..].join(" ");
                let moves = desk.stock_movements(id(1)).expect(line);
                assert!(
                    moves.iter().any(|m| m.kind == MovementKind::Adjustment
                        && m.reason.as_deref() == Some(reason.as_str())
                        && m.delta.to_string() == f[2]),
                    "{line}: adjustment lost"
                );
            }
            "subscribe" => {
                desk.get_subscription(id(1)).expect(line);
                desk.get_invoice(id(2)).expect(line);
            }
            "cancel" => {
                assert!(
                    !desk.get_subscription(id(1)).expect(line).is_active,
                    "{line}"
                );
            }
            other => panic!("unknown journal line {other:?}"),
        }
        ops += 1;
    }
    for (c, s) in &consumed {
        let present = desk
            .session_consumptions(*s)
            .unwrap()
            .iter()
            .any(|x| x.id == *c);
        if removed.contains(c) {
            assert!(!present, "consumption {c} was removed but is still there");
        } else if !maybe_removed.contains(c) {
            assert!(present, "consumption {c} was lost");
        }
    }
    for (item, (count, sum)) in &restocked {
        let moves = desk.stock_movements(*item).unwrap();
        let restocks: Vec<_> = moves
            .iter()
            .filter(|m| m.kind == MovementKind::Restock)
            .collect();
        assert!(
            restocks.len() >= *count && restocks.iter().map(|m| m.delta).sum::<i64>() >= *sum,
            "restocks of {item} lost: {count} journaled, {} found",
            restocks.len()
        );
    }
    ops += consumed.len() as u64;
    check_invariants(desk);
    check_stock_by_kind(desk);
    // No session is both active and invoiced.
    for s in desk.store().read(|tx| tx.active_sessions()).unwrap() {
        assert!(
            s.invoice_id.is_none() && s.ended_at.is_none(),
            "active session {} is invoiced",
            s.id
        );
    }
    Verified {
        operations: ops,
        customers: desk.list_customers().unwrap().len(),
        invoices: desk.list_invoices(&InvoiceFilter::default()).unwrap().len(),
    }
}

/// stock = initial + restocks ± adjustments − consumptions (+ removed consumptions), by kind,
/// and each movement's `quantity_after` runs from the previous one.
pub fn check_stock_by_kind<S: Store>(desk: &Backspace<S>) {
    for item in desk.list_inventory_items().unwrap() {
        let moves = desk.stock_movements(item.id).unwrap();
        let sum = |k: MovementKind| {
            moves
                .iter()
                .filter(|m| m.kind == k)
                .map(|m| m.delta)
                .sum::<i64>()
        };
        let (initial, restock, adjust, consumed, returned) = (
            sum(MovementKind::Initial),
            sum(MovementKind::Restock),
            sum(MovementKind::Adjustment),
            sum(MovementKind::Consumption),
            sum(MovementKind::ConsumptionRemoved),
        );
        assert!(
            restock >= 0 && consumed <= 0 && returned >= 0,
            "{} movement signs",
            item.name
        );
        assert_eq!(
            item.quantity,
            initial + restock + adjust + consumed + returned,
            "{} stock",
            item.name
        );
        let mut running = 0;
        for m in &moves {
            running += m.delta;
            assert_eq!(
                m.quantity_after, running,
                "{} movement {} runs from the last",
                item.name, m.id
            );
            assert!(running >= 0, "{} went below zero", item.name);
        }
    }
}

/// Spawns this test binary as a worker running `test` with the given environment.
pub fn spawn_worker(test: &str, env: &[(&str, String)]) -> std::process::Child {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = Command::new(exe);
    cmd.args([
        "--exact",
        test,
        "--nocapture",
        "--test-threads=1",
        "--quiet",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

/// Waits up to `limit` for a file to appear.
pub fn wait_for(path: &Path, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while !path.exists() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    true
}
