//! The seeded generator of a chain-sized Backspace history.
//!
//! [`generate`] writes a SQLite file that `backspace::open` accepts as its own: the schema comes
//! from Backspace's migrations, then the history is written with direct `INSERT`s (prepared,
//! one transaction per business day) in the order a front desk would have written it, using the
//! core's pure functions for prices, business dates and numbers (the explicit indexes are
//! dropped during the load and rebuilt at the end with Backspace's own statements), so every
//! invariant holds (`backspace_core::testkit::invariants::check_invariants` passes; see
//! `tests/generator.rs`).
//!
//! ## What a history holds (for `sessions` = N, the defaults)
//!
//! * **Time**: `days` = 730 business days (Africa/Cairo) ending `last_day` = 2026-10-31. The
//!   space is open 07:00–01:00 local. Days get a share of N by weekday (Friday ×0.55, Saturday
//!   ×0.8: the Egyptian weekend), a slow growth trend (×0.75 → ×1.25), a yearly season (±10 %)
//!   and ±10 % noise; the shares are rounded so the days add up to exactly N.
//! * **Resources**: 100 — 70 seats at 30 EGP/h, 20 desks at 45 EGP/h, 10 rooms at 120 EGP/h.
//!   Two seats go out of service for the last 10 days (and stay so).
//! * **Sessions**: a day's sessions are spread round-robin over the resources in service; each
//!   resource's share is laid out in equal slots of the 18 open hours, one session per slot,
//!   20 min–10 h long (30 % < 1 h, 45 % 1–2.5 h, 20 % 2.5–5 h, 5 % longer), cut to fit its
//!   slot. Every session has ended by the end of the history (none is running).
//! * **Customers**: C = clamp(N / 40, 50, 25 000), `C-001`…, valid Egyptian mobiles, Arabic and
//!   Latin names, 40 % with an email. 10 % exist at the start, the rest arrive evenly over the
//!   history. A session's customer is one already registered and not in another session at
//!   that time: 60 % from the oldest 15 % (the regulars), 40 % from everyone.
//! * **Café**: 24 items; each session has 0 (40 %), 1 (35 %), 2 (18 %) or 3 (7 %)
//!   consumptions of 1–2 units, popular items more often. Stock is restocked by 600 at 06:40
//!   when below 150 (and just in time if ever short), so every movement keeps stock ≥ 0.
//! * **Invoices and payments**: each session is invoiced when it ends (pricing: 15-minute
//!   units rounded up, 5 grace minutes, 30 minimum, 400 EGP daily cap); 3 % carry a 10 %
//!   discount. 94 % are paid in full within minutes (cash 60 %, card 32 %, transfer 8 %, or
//!   from credit when the customer has enough: 70 % of those times), 2 % half now and the rest
//!   1–14 days later, 3.7 % in full 1–21 days later, 0.3 % never. What is still unpaid when
//!   the history ends is the outstanding-invoices report. Each invoice row carries its
//!   lines' amounts summed by kind, as the store writes them (schema version 3).
//! * **Subscriptions**: 8 % of customers subscribe when they arrive (weekly 30 %, half-monthly
//!   30 %, monthly 40 %, at the settings' prices), renew back to back 85 % of the time, else
//!   come back 7–60 days later 40 % of the time. Sessions on covered dates cost nothing (their
//!   consumptions still do). 95 % of subscription invoices are paid at once, the rest 1–10
//!   days later. Subscriptions that ended before `last_day` are inactive, and customer types
//!   follow the subscription current on `last_day` (as `expire_subscriptions` leaves them).
//! * **Deposits**: about one per hundred sessions, 100–1,000 EGP, cash/card/transfer.
//! * **Ledger**: every invoice (−total), payment (+amount, except from credit) and deposit;
//!   balances and credits are the sums; `counters` hold the last `C-` and `INV-` numbers.
//!
//! ## Determinism and memory
//!
//! All randomness comes from [`crate::prng::Rng`] (SplitMix64) seeded by `seed`, drawn in a
//! fixed order, so one (N, seed, days, last_day) gives the same rows every time
//! ([`GEN_VERSION`] changes when the recipe or the schema does). The generator keeps per
//! customer a few numbers, per day its sessions, and the pending late payments — nothing that
//! grows with N beyond the customer count (capped) — and SQLite's page cache is fixed at
//! 64 MiB, so its peak memory is flat as the history grows.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use backspace_core::chrono_tz::Tz;
use backspace_core::clock::business_date;
use backspace_core::money::{PercentHundredths, Piastres};
use backspace_core::pricing::session_charge;
use backspace_core::{Plan, PricingPolicy, Rounding};
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use rusqlite::{Connection, params};

use crate::BenchResult;
use crate::prng::Rng;

/// `INV-0001`, … as Backspace numbers invoices.
pub fn invoice_number(n: u64) -> String {
    format!("INV-{n:04}")
}

/// `C-001`, … as Backspace numbers customers.
pub fn human_id(n: u64) -> String {
    format!("C-{n:03}")
}

/// Version of the generation recipe and of the schema it writes; part of cached file names
/// (3: schema version 3, the invoices' sums by kind; 5: schema version 5 and time-ordered
/// UUID v7 ids).
pub const GEN_VERSION: u32 = 5;

/// The space's time zone.
pub const TZ: Tz = backspace_core::chrono_tz::Africa::Cairo;

/// Pricing written to the generated settings (and used for every session).
pub const UNIT_MINUTES: u32 = 15;
/// Grace minutes of the generated settings.
pub const GRACE_MINUTES: u32 = 5;
/// Minimum minutes of the generated settings.
pub const MINIMUM_MINUTES: u32 = 30;
/// Daily cap of the generated settings, in piastres.
pub const DAILY_CAP: i64 = 40_000;
/// Due days of the generated settings.
pub const DUE_DAYS: u64 = 7;

const WEEKLY_PRICE: i64 = 60_000;
const HALF_MONTHLY_PRICE: i64 = 110_000;
const MONTHLY_PRICE: i64 = 200_000;

const MICROS: i64 = 1_000_000;
const MINUTE: i64 = 60 * MICROS;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
/// Open hours per day (07:00–01:00).
const OPEN_HOURS: i64 = 18;

/// The café: name, category, price in piastres, popularity weight.
const ITEMS: &[(&str, &str, i64, u32)] = &[
    ("Turkish Coffee", "beverage", 3_000, 30),
    ("Tea", "beverage", 2_000, 28),
    ("Espresso", "beverage", 3_500, 20),
    ("Cappuccino", "beverage", 5_500, 18),
    ("Water 600ml", "beverage", 1_000, 24),
    ("Mint Tea", "beverage", 2_500, 12),
    ("Latte", "beverage", 6_000, 12),
    ("Iced Coffee", "beverage", 6_500, 8),
    ("Fresh Orange Juice", "beverage", 5_000, 7),
    ("Mango Juice", "beverage", 5_500, 6),
    ("Hibiscus", "beverage", 3_000, 5),
    ("Soda", "beverage", 2_000, 9),
    ("Croissant", "snack", 4_500, 9),
    ("Chocolate Bar", "snack", 2_500, 8),
    ("Cookies", "snack", 3_000, 7),
    ("Chips", "snack", 1_500, 7),
    ("Muffin", "snack", 4_000, 5),
    ("Basbousa", "snack", 3_500, 4),
    ("Foul Sandwich", "meal", 2_000, 6),
    ("Cheese Sandwich", "meal", 6_000, 5),
    ("Koshari", "meal", 7_000, 5),
    ("Chicken Wrap", "meal", 11_000, 4),
    ("Salad", "meal", 9_000, 3),
    ("Pasta", "meal", 12_000, 3),
];

const FIRST_NAMES: &[&str] = &[
    "محمد",
    "أحمد",
    "محمود",
    "مصطفى",
    "يوسف",
    "عمر",
    "علي",
    "خالد",
    "كريم",
    "منى",
    "سارة",
    "نور",
    "مريم",
    "فاطمة",
    "هدى",
    "ياسمين",
    "آية",
    "رنا",
    "ليلى",
    "سلمى",
    "Mohamed",
    "Ahmed",
    "Omar",
    "Youssef",
    "Nour",
    "Sara",
    "Mariam",
    "Karim",
    "Hana",
    "Laila",
];
const LAST_NAMES: &[&str] = &[
    "عادل",
    "حسن",
    "إبراهيم",
    "السيد",
    "عبد الله",
    "مصطفى",
    "فؤاد",
    "سعيد",
    "ناصر",
    "كمال",
    "Hassan",
    "Ibrahim",
    "Fouad",
    "Saeed",
    "Nasser",
    "Kamal",
    "Adel",
    "Mostafa",
];

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenConfig {
    /// Sessions in the history (exactly).
    pub sessions: u64,
    /// Seed of every random choice.
    pub seed: u64,
    /// Business days in the history.
    pub days: u32,
    /// The last business day of the history.
    pub last_day: NaiveDate,
    /// Resources of the space.
    pub resources: u32,
}

impl GenConfig {
    /// `sessions` over the default 730 days ending 2026-10-31 on 100 resources.
    pub fn new(sessions: u64, seed: u64) -> Self {
        GenConfig {
            sessions,
            seed,
            days: 730,
            last_day: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default(),
            resources: 100,
        }
    }

    /// Customers of a history of this size: clamp(sessions / 40, 50, 25 000).
    pub fn customers(&self) -> u32 {
        (self.sessions / 40).clamp(50, 25_000) as u32
    }

    /// The first business day.
    pub fn first_day(&self) -> NaiveDate {
        self.last_day
            .checked_sub_days(Days::new(u64::from(self.days.max(1) - 1)))
            .unwrap_or(self.last_day)
    }

    /// The last full calendar month of the history (the month the report benches query).
    pub fn report_month(&self) -> (NaiveDate, NaiveDate) {
        let last = self.last_day;
        let next = last.succ_opt().unwrap_or(last);
        let end = if next.month() != last.month() {
            last
        } else {
            NaiveDate::from_ymd_opt(last.year(), last.month(), 1)
                .and_then(|d| d.pred_opt())
                .unwrap_or(last)
        };
        let start = NaiveDate::from_ymd_opt(end.year(), end.month(), 1).unwrap_or(end);
        (start, end)
    }
}

/// Row counts and timing of one generation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenStats {
    /// Sessions written.
    pub sessions: u64,
    /// Customers written.
    pub customers: u64,
    /// Invoices written (sessions + subscriptions).
    pub invoices: u64,
    /// Invoice lines written.
    pub invoice_lines: u64,
    /// Payments written.
    pub payments: u64,
    /// Consumptions written.
    pub consumptions: u64,
    /// Stock movements written.
    pub stock_movements: u64,
    /// Subscriptions written.
    pub subscriptions: u64,
    /// Deposits written.
    pub deposits: u64,
    /// Ledger entries written.
    pub ledger_entries: u64,
    /// Invoices not fully paid at the end.
    pub outstanding: u64,
    /// Wall time of the generation.
    pub elapsed: Duration,
    /// Size of the file.
    pub file_bytes: u64,
}

// ----- text of instants, dates and ids, as backspace-sqlite writes them -----

/// Days since 1970-01-01 → (year, month, day) (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `2026-11-24T09:15:00.000000Z` for microseconds since the epoch (UTC).
pub fn instant_text(us: i64) -> String {
    let secs = us.div_euclid(MICROS);
    let micros = us.rem_euclid(MICROS);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400);
    let mut s = String::with_capacity(27);
    let _ = write!(
        s,
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{micros:06}Z",
        sod / 3600,
        sod / 60 % 60,
        sod % 60
    );
    s
}

/// `2026-11-24`.
pub fn date_text(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    let _ = write!(s, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
    s
}

/// A UUID's hyphenated text.
pub fn uuid_text(id: u128) -> String {
    uuid::Uuid::from_u128(id).hyphenated().to_string()
}

fn to_datetime(us: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(us).unwrap_or_default()
}

fn day_of(us: i64) -> NaiveDate {
    business_date(to_datetime(us), TZ)
}

/// The instant of `h:m` local time on `date` (never inside a DST gap for the hours used).
fn local(date: NaiveDate, h: u32, m: u32) -> i64 {
    let naive = date.and_hms_opt(h, m, 0).unwrap_or_default();
    TZ.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc).timestamp_micros())
        .unwrap_or_else(|| naive.and_utc().timestamp_micros())
}

// ----- the simulation's state -----

#[derive(Debug, Clone, Copy)]
struct CurrentSub {
    id: u128,
    start: NaiveDate,
    end: NaiveDate,
}

#[derive(Debug, Clone)]
struct CustomerState {
    id: u128,
    balance: i64,
    credit: i64,
    busy_until: i64,
    sub: Option<CurrentSub>,
    plan: Option<Plan>,
}

#[derive(Debug, Clone)]
struct DaySession {
    id: u128,
    resource: usize,
    customer: usize,
    start: i64,
    end: i64,
    /// (item, quantity) in consumption order, filled as they happen.
    consumed: Vec<(usize, i64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ev {
    Restock {
        item: usize,
    },
    Subscribe {
        customer: usize,
    },
    Deposit {
        customer: usize,
        amount: i64,
    },
    Consume {
        session: usize,
        item: usize,
        qty: i64,
    },
    End {
        session: usize,
    },
    LatePay(LatePay),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct LatePay {
    invoice: u128,
    customer: usize,
    number: u64,
    total: i64,
    paid: i64,
}

struct Resource {
    id: u128,
    name: String,
    rate: i64,
}

struct Item {
    id: u128,
    quantity: i64,
}

fn plan_price(plan: Plan) -> i64 {
    match plan {
        Plan::Weekly => WEEKLY_PRICE,
        Plan::HalfMonthly => HALF_MONTHLY_PRICE,
        Plan::Monthly => MONTHLY_PRICE,
    }
}

fn policy() -> PricingPolicy {
    PricingPolicy {
        unit_minutes: UNIT_MINUTES,
        rounding: Rounding::Up,
        grace_minutes: GRACE_MINUTES,
        minimum_minutes: MINIMUM_MINUTES,
        daily_cap: Some(backspace_core::money::to_decimal(DAILY_CAP)),
    }
}

/// The writer: one connection, counters of what it wrote.
struct Writer {
    conn: Connection,
    stats: GenStats,
}

impl Writer {
    fn exec(&self, sql: &str, p: impl rusqlite::Params) -> rusqlite::Result<()> {
        self.conn.prepare_cached(sql)?.execute(p).map(|_| ())
    }

    fn ledger(
        &mut self,
        rng: &mut Rng,
        customer: u128,
        kind: &str,
        amount: i64,
        reference: &str,
        at: i64,
    ) -> rusqlite::Result<()> {
        self.stats.ledger_entries += 1;
        self.exec(
            "INSERT INTO ledger_entries (id, customer_id, kind, amount_piastres, reference, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                uuid_text(rng.uuid()),
                uuid_text(customer),
                kind,
                amount,
                reference,
                instant_text(at)
            ],
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn movement(
        &mut self,
        rng: &mut Rng,
        item: u128,
        kind: &str,
        delta: i64,
        after: i64,
        reason: Option<&str>,
        at: i64,
    ) -> rusqlite::Result<()> {
        self.stats.stock_movements += 1;
        self.exec(
            "INSERT INTO stock_movements (id, item_id, kind, delta, quantity_after, reason, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                uuid_text(rng.uuid()),
                uuid_text(item),
                kind,
                delta,
                after,
                reason,
                instant_text(at)
            ],
        )
    }

    /// Records a payment (and its ledger entry unless paid from credit); returns the method.
    fn payment(
        &mut self,
        rng: &mut Rng,
        c: &mut CustomerState,
        invoice: u128,
        number: u64,
        amount: i64,
        at: i64,
    ) -> rusqlite::Result<()> {
        let method = if c.credit >= amount && rng.chance(0.7) {
            "balance"
        } else {
            let u = rng.unit();
            if u < 0.60 {
                "cash"
            } else if u < 0.92 {
                "card"
            } else {
                "transfer"
            }
        };
        self.stats.payments += 1;
        self.exec(
            "INSERT INTO payments (id, invoice_id, amount_piastres, method, paid_at, note)
             VALUES (?1, ?2, ?3, ?4, ?5, NULL)",
            params![
                uuid_text(rng.uuid()),
                uuid_text(invoice),
                amount,
                method,
                instant_text(at)
            ],
        )?;
        if method == "balance" {
            c.credit -= amount;
        } else {
            c.balance += amount;
            let reference = invoice_number(number);
            self.ledger(rng, c.id, "payment", amount, &reference, at)?;
        }
        Ok(())
    }
}

fn status(total: i64, paid: i64) -> &'static str {
    if paid >= total {
        "paid"
    } else if paid > 0 {
        "pending"
    } else {
        "unpaid"
    }
}

/// Everything one invoice needs to be written.
struct NewInvoice<'a> {
    id: u128,
    number: u64,
    customer: u128,
    session: Option<u128>,
    subscription: Option<u128>,
    at: i64,
    /// (kind, description, quantity, unit price, amount)
    lines: &'a [(&'static str, String, i64, i64, i64)],
    discount_bp: i64,
    paid: i64,
    /// Business date of the payment that completed it.
    paid_date: Option<NaiveDate>,
}

/// round(`amount` × `basis_points` ÷ 10,000) in piastres: the discount of R-INVC-3, computed by
/// the core.
fn percent_of(amount: i64, basis_points: i64) -> BenchResult<i64> {
    let percent = PercentHundredths::new("discount", basis_points)?;
    Ok(percent.of(Piastres::new(amount))?.get())
}

fn insert_invoice(w: &mut Writer, inv: &NewInvoice<'_>) -> BenchResult<()> {
    let amount: i64 = inv.lines.iter().map(|l| l.4).sum();
    let discount = percent_of(amount, inv.discount_bp)?;
    let total = amount - discount;
    let issue = day_of(inv.at);
    let due = issue.checked_add_days(Days::new(DUE_DAYS)).unwrap_or(issue);
    let st = status(total, inv.paid);
    let paid_date = if st == "paid" {
        Some(date_text(inv.paid_date.unwrap_or(issue)))
    } else {
        None
    };
    // The lines' amounts summed by kind, stored on the invoice (schema version 3).
    let kind_sum =
        |kind: &str| -> i64 { inv.lines.iter().filter(|l| l.0 == kind).map(|l| l.4).sum() };
    w.stats.invoices += 1;
    let id = uuid_text(inv.id);
    w.exec(
        "INSERT INTO invoices (id, invoice_number, customer_id, session_id, subscription_id,
             issued_at, issue_date, due_date, amount_piastres, discount_basis_points,
             discount_amount_piastres, total_piastres, paid_amount_piastres, status, paid_date,
             sessions_piastres, consumptions_piastres, subscriptions_piastres)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18)",
        params![
            id,
            invoice_number(inv.number),
            uuid_text(inv.customer),
            inv.session.map(uuid_text),
            inv.subscription.map(uuid_text),
            instant_text(inv.at),
            date_text(issue),
            date_text(due),
            amount,
            inv.discount_bp,
            discount,
            total,
            inv.paid,
            st,
            paid_date,
            kind_sum("session"),
            kind_sum("consumption"),
            kind_sum("subscription")
        ],
    )?;
    for (position, (kind, description, quantity, unit, line_amount)) in inv.lines.iter().enumerate()
    {
        w.stats.invoice_lines += 1;
        w.exec(
            "INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity,
                 unit_price_piastres, amount_piastres)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                position as i64,
                kind,
                description,
                quantity,
                unit,
                line_amount
            ],
        )?;
    }
    Ok(())
}

/// How many invoices of a file carry sums by kind (`sessions_piastres`, …) other than their
/// lines' amounts summed by kind (the tests check the generator, Backspace and the floor
/// keep them equal).
pub fn invoices_with_wrong_kind_sums(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT count(*) FROM invoices AS i
         LEFT JOIN (
             SELECT invoice_id,
                    coalesce(sum(amount_piastres) FILTER (WHERE kind = 'session'), 0) AS s,
                    coalesce(sum(amount_piastres) FILTER (WHERE kind = 'consumption'), 0) AS c,
                    coalesce(sum(amount_piastres) FILTER (WHERE kind = 'subscription'), 0) AS b
             FROM invoice_lines GROUP BY invoice_id
         ) AS l ON l.invoice_id = i.id
         WHERE i.sessions_piastres <> coalesce(l.s, 0)
            OR i.consumptions_piastres <> coalesce(l.c, 0)
            OR i.subscriptions_piastres <> coalesce(l.b, 0)",
        [],
        |r| r.get(0),
    )
}

/// Generates a history into a new file at `path` (an existing file is replaced).
pub fn generate(path: &Path, cfg: &GenConfig) -> BenchResult<GenStats> {
    let started = Instant::now();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(&p);
    }
    // The schema, application id and user_version exactly as Backspace makes them.
    drop(backspace::SqliteStore::open(path)?);

    let conn = Connection::open(path)?;
    let _: String = conn.query_row("PRAGMA journal_mode = OFF", [], |r| r.get(0))?;
    conn.execute_batch(
        "PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536;",
    )?;
    // The explicit indexes are built once at the end (a sort) instead of row by row, each
    // with the very statement Backspace's migrations created it with; the triggers (which
    // check what the generator writes by construction, and would scan without the indexes)
    // are put back after them.
    let indexes: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let triggers: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    conn.set_prepared_statement_cache_capacity(64);
    let mut w = Writer {
        conn,
        stats: GenStats::default(),
    };
    let mut rng = Rng::new(cfg.seed);
    let first_day = cfg.first_day();
    let days = cfg.days.max(1) as usize;
    let history_start = local(first_day, 6, 0) - DAY;

    w.conn.execute_batch("BEGIN")?;
    w.exec(
        "INSERT INTO settings (id, time_zone, unit_minutes, rounding, grace_minutes,
             minimum_minutes, daily_cap_piastres, weekly_price_piastres,
             half_monthly_price_piastres, monthly_price_piastres, invoice_due_days, currency)
         VALUES (1, ?1, ?2, 'up', ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'EGP')",
        params![
            TZ.name(),
            UNIT_MINUTES,
            GRACE_MINUTES,
            MINIMUM_MINUTES,
            DAILY_CAP,
            WEEKLY_PRICE,
            HALF_MONTHLY_PRICE,
            MONTHLY_PRICE,
            DUE_DAYS as i64
        ],
    )?;

    // Resources.
    let n_res = cfg.resources.max(1) as usize;
    let out_of_service: Vec<bool> = (0..n_res)
        .map(|i| n_res >= 10 && (i == 68 || i == 69))
        .collect();
    let mut resources = Vec::with_capacity(n_res);
    for (i, &off) in out_of_service.iter().enumerate() {
        let share = i * 100 / n_res;
        let (name, kind, rate) = if share < 70 {
            (format!("Seat {:02}", i + 1), "seat", 3_000)
        } else if share < 90 {
            (format!("Desk {:02}", i + 1), "desk", 4_500)
        } else {
            (format!("Room {:02}", i + 1), "room", 12_000)
        };
        let r = Resource {
            id: rng.uuid(),
            name,
            rate,
        };
        w.exec(
            "INSERT INTO resources (id, name, resource_type, rate_per_hour_piastres,
                 is_available, out_of_service, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                uuid_text(r.id),
                r.name,
                kind,
                r.rate,
                !off,
                off,
                instant_text(history_start)
            ],
        )?;
        resources.push(r);
    }
    let all_resources: Vec<usize> = (0..n_res).collect();
    let late_resources: Vec<usize> = (0..n_res).filter(|&i| !out_of_service[i]).collect();

    // Café items, with their opening stock.
    let mut items = Vec::with_capacity(ITEMS.len());
    let weight_sum: u32 = ITEMS.iter().map(|i| i.3).sum();
    for _ in ITEMS {
        let item = Item {
            id: rng.uuid(),
            quantity: 400,
        };
        w.movement(&mut rng, item.id, "initial", 400, 400, None, history_start)?;
        items.push(item);
    }

    // Customers: ids now, rows at the end (with their final balances).
    let n_cust = cfg.customers() as usize;
    let initial = (n_cust / 10).max(128).min(n_cust);
    let born_day = |i: usize| -> usize {
        if i < initial {
            0
        } else {
            (i - initial) * days / (n_cust - initial).max(1)
        }
    };
    let mut customers: Vec<CustomerState> = (0..n_cust)
        .map(|i| {
            let mut r = Rng::derive(cfg.seed, 0xC057_0000 + i as u64);
            let plan = if r.chance(0.08) {
                let u = r.unit();
                Some(if u < 0.3 {
                    Plan::Weekly
                } else if u < 0.6 {
                    Plan::HalfMonthly
                } else {
                    Plan::Monthly
                })
            } else {
                None
            };
            CustomerState {
                id: rng.uuid(),
                balance: 0,
                credit: 0,
                busy_until: i64::MIN,
                sub: None,
                plan,
            }
        })
        .collect();
    w.conn.execute_batch("COMMIT")?;

    // Sessions per day: weights rounded so they add up to exactly `sessions`.
    let weights: Vec<f64> = (0..days)
        .map(|d| {
            let date = first_day + Days::new(d as u64);
            let weekday = match date.weekday() {
                chrono::Weekday::Fri => 0.55,
                chrono::Weekday::Sat => 0.8,
                _ => 1.0,
            };
            let trend = 0.75 + 0.5 * d as f64 / days as f64;
            let season = 1.0 + 0.1 * (std::f64::consts::TAU * d as f64 / 365.0).sin();
            weekday * trend * season * (0.9 + 0.2 * rng.unit())
        })
        .collect();
    let total_weight: f64 = weights.iter().sum();
    let mut cumulative = 0.0;
    let mut assigned = 0u64;
    let quotas: Vec<u64> = weights
        .iter()
        .enumerate()
        .map(|(d, wgt)| {
            cumulative += wgt;
            let upto = if d + 1 == days {
                cfg.sessions
            } else {
                ((cfg.sessions as f64) * cumulative / total_weight).round() as u64
            };
            let q = upto.saturating_sub(assigned);
            assigned += q;
            q
        })
        .collect();

    let mut late: BinaryHeap<Reverse<(i64, u64, LatePay)>> = BinaryHeap::new();
    let mut renewals: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
    let mut late_seq = 0u64;
    let mut invoice_no = 0u64;
    let mut never_paid = 0u64;
    let mut born = 0usize;
    let deposits_per_day = cfg.sessions as f64 / days as f64 * 0.01;
    let pricing = policy();

    for (d, &quota) in quotas.iter().enumerate() {
        let date = first_day + Days::new(d as u64);
        let open = local(date, 7, 0);
        let window_end = local(date + Days::new(1), 6, 0);
        let mut events: Vec<(i64, u8, u32, Ev)> = Vec::new();
        let push = |events: &mut Vec<(i64, u8, u32, Ev)>, at: i64, ev: Ev| {
            let order = match ev {
                Ev::Restock { .. } => 0,
                Ev::Subscribe { .. } => 1,
                Ev::Deposit { .. } => 2,
                Ev::Consume { .. } => 3,
                Ev::End { .. } => 4,
                Ev::LatePay(_) => 5,
            };
            let seq = events.len() as u32;
            events.push((at, order, seq, ev));
        };

        // Restocks before opening.
        for (i, item) in items.iter().enumerate() {
            if item.quantity < 150 {
                push(&mut events, local(date, 6, 40), Ev::Restock { item: i });
            }
        }
        // New customers; subscribers subscribe on their first day, others renew.
        while born < n_cust && born_day(born) <= d {
            if customers[born].plan.is_some() {
                renewals.push(Reverse((d, born)));
            }
            born += 1;
        }
        while let Some(&Reverse((day, c))) = renewals.peek() {
            if day > d {
                break;
            }
            renewals.pop();
            push(
                &mut events,
                open + (c as i64 % 600) * MICROS,
                Ev::Subscribe { customer: c },
            );
        }
        // Deposits.
        let n_dep =
            deposits_per_day.floor() as u64 + u64::from(rng.chance(deposits_per_day.fract()));
        for _ in 0..n_dep {
            let c = rng.below(born as u64) as usize;
            let amount = rng.range(10, 100) * 1_000;
            let at = open + rng.range(0, 16 * HOUR);
            push(
                &mut events,
                at,
                Ev::Deposit {
                    customer: c,
                    amount,
                },
            );
        }
        // Late payments falling in this window.
        while let Some(Reverse((at, _, _))) = late.peek() {
            if *at >= window_end {
                break;
            }
            if let Some(Reverse((at, _, lp))) = late.pop() {
                push(&mut events, at, Ev::LatePay(lp));
            }
        }

        // The day's sessions, laid out per resource.
        let in_service = if d + 10 >= days {
            &late_resources
        } else {
            &all_resources
        };
        let n_in = in_service.len() as u64;
        let rot = rng.below(n_in);
        let window = OPEN_HOURS * HOUR;
        let mut sessions: Vec<DaySession> = Vec::with_capacity(quota as usize);
        for (pos, &r) in in_service.iter().enumerate() {
            let k = quota / n_in + u64::from(((pos as u64 + n_in - rot) % n_in) < quota % n_in);
            if k == 0 {
                continue;
            }
            let slot = window / k as i64;
            for j in 0..k as i64 {
                let minutes = {
                    let u = rng.unit();
                    if u < 0.30 {
                        rng.range(20, 59)
                    } else if u < 0.75 {
                        rng.range(60, 149)
                    } else if u < 0.95 {
                        rng.range(150, 299)
                    } else {
                        rng.range(300, 600)
                    }
                };
                let mut dur = minutes * MINUTE + rng.range(0, MINUTE - 1);
                dur = dur.min(slot - 5 * MINUTE).max(10 * MINUTE);
                let slack = (slot - dur - MINUTE).max(0);
                let start = open + j * slot + rng.range(0, slack);
                sessions.push(DaySession {
                    id: 0,
                    resource: r,
                    customer: 0,
                    start,
                    end: start + dur,
                    consumed: Vec::new(),
                });
            }
        }
        sessions.sort_by_key(|s| (s.start, s.resource));
        let regulars = (born * 15 / 100).max(1);
        for (si, s) in sessions.iter_mut().enumerate() {
            s.id = rng.uuid();
            let mut pick = None;
            for _ in 0..16 {
                let c = if rng.chance(0.6) {
                    rng.below(regulars as u64)
                } else {
                    rng.below(born as u64)
                } as usize;
                if customers[c].busy_until <= s.start {
                    pick = Some(c);
                    break;
                }
            }
            let c = pick.unwrap_or_else(|| {
                let from = rng.below(born as u64) as usize;
                (0..born)
                    .map(|k| (from + k) % born)
                    .find(|&c| customers[c].busy_until <= s.start)
                    .unwrap_or(from)
            });
            customers[c].busy_until = s.end;
            s.customer = c;
            let n_cons = {
                let u = rng.unit();
                if u < 0.40 {
                    0
                } else if u < 0.75 {
                    1
                } else if u < 0.93 {
                    2
                } else {
                    3
                }
            };
            for _ in 0..n_cons {
                let mut x = rng.below(u64::from(weight_sum)) as u32;
                let mut item = 0;
                for (i, it) in ITEMS.iter().enumerate() {
                    if x < it.3 {
                        item = i;
                        break;
                    }
                    x -= it.3;
                }
                let qty = if rng.chance(0.15) { 2 } else { 1 };
                let dur = s.end - s.start;
                let at = s.start + MINUTE + rng.range(0, (dur - 2 * MINUTE).max(0));
                push(
                    &mut events,
                    at,
                    Ev::Consume {
                        session: si,
                        item,
                        qty,
                    },
                );
            }
            push(&mut events, s.end, Ev::End { session: si });
        }
        events.sort_unstable_by_key(|e| (e.0, e.1, e.2));

        w.conn.execute_batch("BEGIN")?;
        for (at, _, _, ev) in events {
            match ev {
                Ev::Restock { item } => {
                    let it = &mut items[item];
                    it.quantity += 600;
                    let (id, q) = (it.id, it.quantity);
                    w.movement(&mut rng, id, "restock", 600, q, None, at)?;
                }
                Ev::Subscribe { customer } => {
                    let plan = customers[customer].plan.unwrap_or(Plan::Monthly);
                    let start = day_of(at);
                    let end = start
                        .checked_add_days(Days::new(u64::from(plan.days() - 1)))
                        .unwrap_or(start);
                    let price = plan_price(plan);
                    let sub_id = rng.uuid();
                    let inv_id = rng.uuid();
                    invoice_no += 1;
                    let number = invoice_no;
                    let c = &mut customers[customer];
                    c.balance -= price;
                    let cid = c.id;
                    w.ledger(
                        &mut rng,
                        cid,
                        "invoice",
                        -price,
                        &invoice_number(number),
                        at,
                    )?;
                    let pay_now = rng.chance(0.95);
                    let pay_at = at + 60 * MICROS;
                    if pay_now {
                        w.payment(
                            &mut rng,
                            &mut customers[customer],
                            inv_id,
                            number,
                            price,
                            pay_at,
                        )?;
                    } else {
                        late_seq += 1;
                        let when = at + rng.range(1, 10) * DAY + rng.range(0, 8 * HOUR);
                        late.push(Reverse((
                            when,
                            late_seq,
                            LatePay {
                                invoice: inv_id,
                                customer,
                                number,
                                total: price,
                                paid: 0,
                            },
                        )));
                    }
                    let line = [(
                        "subscription",
                        format!("{} plan {start}–{end}", plan.label()),
                        1,
                        price,
                        price,
                    )];
                    insert_invoice(
                        &mut w,
                        &NewInvoice {
                            id: inv_id,
                            number,
                            customer: cid,
                            session: None,
                            subscription: Some(sub_id),
                            at,
                            lines: &line,
                            discount_bp: 0,
                            paid: if pay_now { price } else { 0 },
                            paid_date: Some(day_of(pay_at)),
                        },
                    )?;
                    w.stats.subscriptions += 1;
                    w.exec(
                        "INSERT INTO subscriptions (id, customer_id, plan, start_date, end_date,
                             price_piastres, is_active, invoice_id, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        params![
                            uuid_text(sub_id),
                            uuid_text(cid),
                            plan.as_str(),
                            date_text(start),
                            date_text(end),
                            price,
                            end >= cfg.last_day,
                            uuid_text(inv_id),
                            instant_text(at)
                        ],
                    )?;
                    customers[customer].sub = Some(CurrentSub {
                        id: sub_id,
                        start,
                        end,
                    });
                    let next = d + plan.days() as usize;
                    if rng.chance(0.85) {
                        renewals.push(Reverse((next, customer)));
                    } else if rng.chance(0.4) {
                        renewals.push(Reverse((next + rng.range(7, 60) as usize, customer)));
                    }
                }
                Ev::Deposit { customer, amount } => {
                    let method = {
                        let u = rng.unit();
                        if u < 0.5 {
                            "cash"
                        } else if u < 0.8 {
                            "card"
                        } else {
                            "transfer"
                        }
                    };
                    let c = &mut customers[customer];
                    c.credit += amount;
                    c.balance += amount;
                    let cid = c.id;
                    w.stats.deposits += 1;
                    w.ledger(&mut rng, cid, "deposit", amount, method, at)?;
                }
                Ev::Consume { session, item, qty } => {
                    if items[item].quantity < qty {
                        items[item].quantity += 600;
                        let (id, q) = (items[item].id, items[item].quantity);
                        w.movement(&mut rng, id, "restock", 600, q, None, at - MICROS)?;
                    }
                    items[item].quantity -= qty;
                    let (item_id, q) = (items[item].id, items[item].quantity);
                    let s = &mut sessions[session];
                    s.consumed.push((item, qty));
                    let sid = uuid_text(s.id);
                    w.stats.consumptions += 1;
                    w.exec(
                        "INSERT INTO consumptions (id, session_id, item_id, item_name, quantity,
                             price_at_consumption_piastres, consumed_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![
                            uuid_text(rng.uuid()),
                            sid,
                            uuid_text(item_id),
                            ITEMS[item].0,
                            qty,
                            ITEMS[item].2,
                            instant_text(at)
                        ],
                    )?;
                    let reason = format!("session {sid}");
                    w.movement(&mut rng, item_id, "consumption", -qty, q, Some(&reason), at)?;
                }
                Ev::End { session } => {
                    let s = &sessions[session];
                    let res = &resources[s.resource];
                    let start_day = day_of(s.start);
                    let c = &customers[s.customer];
                    let covering = c
                        .sub
                        .filter(|cs| cs.start <= start_day && start_day <= cs.end)
                        .map(|cs| cs.id);
                    let mut charge = session_charge(
                        &pricing,
                        Piastres::new(res.rate),
                        to_datetime(s.start),
                        to_datetime(s.end),
                        TZ,
                    )?;
                    if covering.is_some() {
                        charge.charge = Piastres::ZERO;
                    }
                    let mut lines = Vec::with_capacity(1 + s.consumed.len());
                    lines.push((
                        "session",
                        res.name.clone(),
                        charge.billed_minutes,
                        res.rate,
                        charge.charge.get(),
                    ));
                    for &(item, qty) in &s.consumed {
                        let (name, _, price, _) = ITEMS[item];
                        lines.push(("consumption", name.to_string(), qty, price, price * qty));
                    }
                    let amount: i64 = lines.iter().map(|l| l.4).sum();
                    let discount_bp = if amount > 0 && rng.chance(0.03) {
                        1_000
                    } else {
                        0
                    };
                    let total = amount - percent_of(amount, discount_bp)?;
                    let inv_id = rng.uuid();
                    invoice_no += 1;
                    let number = invoice_no;
                    let (cust_idx, sess_id, sess_start) = (s.customer, s.id, s.start);
                    let (res_id, rate) = (res.id, res.rate);
                    let cid = customers[cust_idx].id;
                    let mut paid = 0;
                    let mut paid_date = None;
                    if total != 0 {
                        customers[cust_idx].balance -= total;
                        w.ledger(
                            &mut rng,
                            cid,
                            "invoice",
                            -total,
                            &invoice_number(number),
                            s.end,
                        )?;
                        let end = s.end;
                        let u = rng.unit();
                        let pay_at = end + rng.range(5, 180) * MICROS;
                        let mut later = |when: i64, paid: i64| {
                            late_seq += 1;
                            late.push(Reverse((
                                when,
                                late_seq,
                                LatePay {
                                    invoice: inv_id,
                                    customer: cust_idx,
                                    number,
                                    total,
                                    paid,
                                },
                            )));
                        };
                        if u < 0.94 {
                            w.payment(
                                &mut rng,
                                &mut customers[cust_idx],
                                inv_id,
                                number,
                                total,
                                pay_at,
                            )?;
                            paid = total;
                            paid_date = Some(day_of(pay_at));
                        } else if u < 0.96 && total >= 2 {
                            let half = total / 2;
                            w.payment(
                                &mut rng,
                                &mut customers[cust_idx],
                                inv_id,
                                number,
                                half,
                                pay_at,
                            )?;
                            paid = half;
                            let when = end + rng.range(1, 14) * DAY + rng.range(0, 8 * HOUR);
                            later(when, half);
                        } else if u < 0.997 {
                            let when = end + rng.range(1, 21) * DAY + rng.range(0, 8 * HOUR);
                            later(when, 0);
                        } else {
                            never_paid += 1;
                        }
                    }
                    let s = &sessions[session];
                    insert_invoice(
                        &mut w,
                        &NewInvoice {
                            id: inv_id,
                            number,
                            customer: cid,
                            session: Some(sess_id),
                            subscription: None,
                            at: s.end,
                            lines: &lines,
                            discount_bp,
                            paid,
                            paid_date,
                        },
                    )?;
                    w.stats.sessions += 1;
                    w.exec(
                        "INSERT INTO sessions (id, customer_id, resource_id, started_at, ended_at,
                             rate_per_hour_piastres, is_active, duration_minutes, billed_minutes,
                             amount_piastres, subscription_id, invoice_id)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?9, ?10, ?11)",
                        params![
                            uuid_text(sess_id),
                            uuid_text(cid),
                            uuid_text(res_id),
                            instant_text(sess_start),
                            instant_text(s.end),
                            rate,
                            charge.duration_minutes,
                            charge.billed_minutes,
                            charge.charge.get(),
                            covering.map(uuid_text),
                            uuid_text(inv_id)
                        ],
                    )?;
                }
                Ev::LatePay(lp) => {
                    let amount = lp.total - lp.paid;
                    let c = &mut customers[lp.customer];
                    w.payment(&mut rng, c, lp.invoice, lp.number, amount, at)?;
                    let paid = lp.paid + amount;
                    let st = status(lp.total, paid);
                    let paid_date = (st == "paid").then(|| date_text(day_of(at)));
                    w.exec(
                        "UPDATE invoices SET paid_amount_piastres = ?2, status = ?3, paid_date = ?4
                         WHERE id = ?1",
                        params![uuid_text(lp.invoice), paid, st, paid_date],
                    )?;
                }
            }
        }
        w.conn.execute_batch("COMMIT")?;
    }

    // Final rows: customers with their balances and types, items with their stock, counters.
    w.conn.execute_batch("BEGIN")?;
    for (i, c) in customers.iter().enumerate() {
        let mut r = Rng::derive(cfg.seed, 0xA4E5_0000 + i as u64);
        let first = FIRST_NAMES[r.below(FIRST_NAMES.len() as u64) as usize];
        let last = LAST_NAMES[r.below(LAST_NAMES.len() as u64) as usize];
        let prefix = ["10", "11", "12", "15"][i % 4];
        let digits = (i as u64 * 7_654_321 + cfg.seed % 100_000_000) % 100_000_000;
        let phone = format!("+20{prefix}{digits:08}");
        let email = r
            .chance(0.4)
            .then(|| format!("customer{}@example.com", i + 1));
        let born = first_day + Days::new(born_day(i) as u64);
        let created = local(born, 6, 30) + (i as i64 % 1800) * MICROS;
        let kind = c
            .sub
            .filter(|s| s.start <= cfg.last_day && cfg.last_day <= s.end)
            .and(c.plan)
            .map_or("visitor", |p| p.customer_type().as_str());
        w.stats.customers += 1;
        w.exec(
            "INSERT INTO customers (id, human_id, name, phone, email, customer_type,
                 balance_piastres, credit_piastres, notes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9)",
            params![
                uuid_text(c.id),
                human_id(i as u64 + 1),
                format!("{first} {last}"),
                phone,
                email,
                kind,
                c.balance,
                c.credit,
                instant_text(created)
            ],
        )?;
    }
    for (item, (name, category, price, _)) in items.iter().zip(ITEMS) {
        w.exec(
            "INSERT INTO inventory_items (id, name, category, price_piastres, quantity,
                 min_stock, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 50, ?6)",
            params![
                uuid_text(item.id),
                name,
                category,
                price,
                item.quantity,
                instant_text(history_start)
            ],
        )?;
    }
    w.exec(
        "INSERT INTO counters (name, value) VALUES ('customer', ?1), ('invoice', ?2)",
        params![n_cust as i64, invoice_no as i64],
    )?;
    w.conn.execute_batch("COMMIT")?;
    // A quarter of the page cache while sorting, so cache and sorter together stay small.
    w.conn.execute_batch("PRAGMA cache_size = -16384")?;
    for (_, sql) in indexes.iter().chain(&triggers) {
        w.conn.execute_batch(sql)?;
    }
    let _: String = w
        .conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    w.stats.outstanding = late.len() as u64 + never_paid;
    drop(w.conn);
    w.stats.elapsed = started.elapsed();
    w.stats.file_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(w.stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_and_dates_are_written_as_backspace_writes_them() {
        let mut r = Rng::new(3);
        for _ in 0..2000 {
            let us = 1_600_000_000_000_000 + r.range(0, 400 * DAY);
            let dt = to_datetime(us);
            assert_eq!(
                instant_text(us),
                dt.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
            );
            let d = dt.date_naive();
            assert_eq!(date_text(d), d.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn the_report_month_is_the_last_full_month() {
        let cfg = GenConfig::new(10, 1);
        assert_eq!(
            cfg.report_month(),
            (
                NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default(),
                NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default()
            )
        );
        assert_eq!(
            cfg.first_day(),
            NaiveDate::from_ymd_opt(2024, 11, 1).unwrap_or_default()
        );
    }
}
