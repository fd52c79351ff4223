//! The floor: what the same work costs written directly against SQLite, with no domain code.
//!
//! **The cycle** ([`FloorDesk::cycle`]) issues, operation by operation, the very SQL statements
//! `SqliteStore` issues for `start_session`, `add_consumption` (×2), `end_session` and
//! `record_payment` (same text, same order, same `BEGIN IMMEDIATE` transaction per operation,
//! `prepare_cached`), binds the same values and reads only the columns it needs, by index,
//! as raw text and integers. The price is computed with the core's pure
//! [`session_charge`](backspace_core::pricing::session_charge) so both write identical rows;
//! everything else — `Decimal`s, parsed `Uuid`s and enums, entity structs, the `Store`
//! trait, validation — is what the floor leaves out.
//!
//! **The reports** are each one hand-written SQL statement over the same tables and indexes,
//! returning the same information as the Backspace report as plain rows.

use std::time::Duration;

use backspace_core::chrono_tz::Tz;
use backspace_core::clock::business_date;
use backspace_core::money::{Piastres, to_decimal};
use backspace_core::pricing::session_charge;
use backspace_core::reports::{dates, day_start, range_instants};
use backspace_core::{PricingPolicy, Rounding};
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, SubsecRound, Utc};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, named_params, params};

use crate::BenchResult;
use crate::generator::invoice_number;

const INSTANT: &str = "%Y-%m-%dT%H:%M:%S%.6fZ";
const INSTANT_PARSE: &str = "%Y-%m-%dT%H:%M:%S%.fZ";

fn instant(at: DateTime<Utc>) -> String {
    at.format(INSTANT).to_string()
}

fn parse_instant(text: &str) -> BenchResult<DateTime<Utc>> {
    Ok(NaiveDateTime::parse_from_str(text, INSTANT_PARSE)?.and_utc())
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn new_id() -> String {
    uuid::Uuid::now_v7().hyphenated().to_string()
}

fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

fn fail(what: String) -> crate::BenchError {
    what.into()
}

/// Opens `path` as `SqliteStore::open_with` does: busy timeout, WAL, foreign keys, `synchronous`
/// (`"FULL"` or `"NORMAL"`), a 128-statement cache. The file must already be a Backspace file.
pub fn open(path: &std::path::Path, synchronous: &str) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let _: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", synchronous)?;
    conn.set_prepared_statement_cache_capacity(128);
    Ok(conn)
}

// The statements of backspace-sqlite, verbatim.
const SELECT_CUSTOMER: &str = "SELECT id, human_id, name, phone, email, customer_type, balance_piastres, credit_piastres, notes, created_at FROM customers WHERE id = ?1";
const UPDATE_CUSTOMER: &str =
    "UPDATE customers SET human_id = :human_id, name = :name, phone = :phone,
             email = :email, customer_type = :customer_type, balance_piastres = :balance,
             credit_piastres = :credit, notes = :notes, created_at = :created_at
         WHERE id = :id";
const SELECT_RESOURCE: &str = "SELECT id, name, resource_type, rate_per_hour_piastres, is_available, out_of_service, created_at FROM resources WHERE id = ?1";
const UPDATE_RESOURCE: &str = "UPDATE resources SET name = :name, resource_type = :resource_type,
             rate_per_hour_piastres = :rate, is_available = :is_available,
             out_of_service = :out_of_service, created_at = :created_at
         WHERE id = :id";
const SELECT_SESSION: &str = "SELECT id, customer_id, resource_id, started_at, ended_at, rate_per_hour_piastres, is_active, duration_minutes, billed_minutes, amount_piastres, subscription_id, invoice_id FROM sessions WHERE id = ?1";
const ACTIVE_ON_RESOURCE: &str = "SELECT id, customer_id, resource_id, started_at, ended_at, rate_per_hour_piastres, is_active, duration_minutes, billed_minutes, amount_piastres, subscription_id, invoice_id FROM sessions WHERE resource_id = ?1 AND is_active = 1";
const ACTIVE_OF_CUSTOMER: &str = "SELECT id, customer_id, resource_id, started_at, ended_at, rate_per_hour_piastres, is_active, duration_minutes, billed_minutes, amount_piastres, subscription_id, invoice_id FROM sessions WHERE customer_id = ?1 AND is_active = 1";
const INSERT_SESSION: &str =
    "INSERT INTO sessions (id, customer_id, resource_id, started_at, ended_at,
             rate_per_hour_piastres, is_active, duration_minutes, billed_minutes,
             amount_piastres, subscription_id, invoice_id)
         VALUES (:id, :customer_id, :resource_id, :started_at, :ended_at, :rate, :is_active,
             :duration_minutes, :billed_minutes, :amount, :subscription_id, :invoice_id)";
const UPDATE_SESSION: &str =
    "UPDATE sessions SET customer_id = :customer_id, resource_id = :resource_id,
             started_at = :started_at, ended_at = :ended_at, rate_per_hour_piastres = :rate,
             is_active = :is_active, duration_minutes = :duration_minutes,
             billed_minutes = :billed_minutes, amount_piastres = :amount,
             subscription_id = :subscription_id, invoice_id = :invoice_id
         WHERE id = :id";
const SELECT_ITEM: &str = "SELECT id, name, category, price_piastres, quantity, min_stock, created_at FROM inventory_items WHERE id = ?1";
const UPDATE_ITEM: &str =
    "UPDATE inventory_items SET name = :name, category = :category, price_piastres = :price,
             quantity = :quantity, min_stock = :min_stock, created_at = :created_at
         WHERE id = :id";
const INSERT_CONSUMPTION: &str =
    "INSERT INTO consumptions (id, session_id, item_id, item_name, quantity,
             price_at_consumption_piastres, consumed_at)
         VALUES (:id, :session_id, :item_id, :item_name, :quantity, :price, :consumed_at)";
const INSERT_MOVEMENT: &str =
    "INSERT INTO stock_movements (id, item_id, kind, delta, quantity_after, reason, at)
         VALUES (:id, :item_id, :kind, :delta, :quantity_after, :reason, :at)";
const SELECT_SETTINGS: &str = "SELECT * FROM settings WHERE id = 1";
const SUBSCRIPTIONS_OF_CUSTOMER: &str = "SELECT id, customer_id, plan, start_date, end_date, price_piastres, is_active, invoice_id, created_at FROM subscriptions WHERE customer_id = ?1 ORDER BY seq";
const CONSUMPTIONS_OF_SESSION: &str = "SELECT id, session_id, item_id, item_name, quantity, price_at_consumption_piastres, consumed_at FROM consumptions WHERE session_id = ?1 ORDER BY consumed_at, seq";
const NEXT_NUMBER: &str = "INSERT INTO counters (name, value) VALUES (?1, 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1
         RETURNING value";
const INSERT_INVOICE: &str =
    "INSERT INTO invoices (id, invoice_number, customer_id, session_id, subscription_id,
             issued_at, issue_date, due_date, amount_piastres, discount_basis_points,
             discount_amount_piastres, total_piastres, paid_amount_piastres, status, paid_date,
             sessions_piastres, consumptions_piastres, subscriptions_piastres)
         VALUES (:id, :number, :customer_id, :session_id, :subscription_id, :issued_at,
             :issue_date, :due_date, :amount, :discount, :discount_amount, :total, :paid,
             :status, :paid_date, :sessions, :consumptions, :subscriptions)";
const INSERT_LINE: &str =
    "INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity,
                 unit_price_piastres, amount_piastres)
             VALUES (:invoice_id, :position, :kind, :description, :quantity, :unit_price,
                 :amount)";
const INSERT_LEDGER: &str =
    "INSERT INTO ledger_entries (id, customer_id, kind, amount_piastres, reference, at)
         VALUES (:id, :customer_id, :kind, :amount, :reference, :at)";
const SELECT_INVOICE: &str = "SELECT id, invoice_number, customer_id, session_id, subscription_id, issued_at, issue_date, due_date, amount_piastres, discount_basis_points, discount_amount_piastres, total_piastres, paid_amount_piastres, status, paid_date FROM invoices WHERE id = ?1";
const INVOICE_LINES: &str =
    "SELECT kind, description, quantity, unit_price_piastres, amount_piastres
         FROM invoice_lines WHERE invoice_id = ?1 ORDER BY position";
const INVOICE_PAYMENTS: &str = "SELECT id, invoice_id, amount_piastres, method, paid_at, note
         FROM payments WHERE invoice_id = ?1 ORDER BY seq";
const INVOICE_EXISTS: &str = "SELECT 1 FROM invoices WHERE id = ?1";
const INSERT_PAYMENT: &str =
    "INSERT INTO payments (id, invoice_id, amount_piastres, method, paid_at, note)
         VALUES (:id, :invoice_id, :amount, :method, :paid_at, :note)";
const UPDATE_INVOICE: &str = "UPDATE invoices SET discount_basis_points = :discount,
             discount_amount_piastres = :discount_amount, total_piastres = :total,
             paid_amount_piastres = :paid, status = :status, paid_date = :paid_date
         WHERE id = :id";

/// A customer row as text and integers.
struct CustomerRow {
    human_id: String,
    name: String,
    phone: String,
    email: Option<String>,
    customer_type: String,
    balance: i64,
    credit: i64,
    notes: Option<String>,
    created_at: String,
}

fn customer_row(r: &Row<'_>) -> rusqlite::Result<CustomerRow> {
    Ok(CustomerRow {
        human_id: r.get(1)?,
        name: r.get(2)?,
        phone: r.get(3)?,
        email: r.get(4)?,
        customer_type: r.get(5)?,
        balance: r.get(6)?,
        credit: r.get(7)?,
        notes: r.get(8)?,
        created_at: r.get(9)?,
    })
}

fn update_customer(conn: &Connection, id: &str, c: &CustomerRow) -> rusqlite::Result<usize> {
    conn.prepare_cached(UPDATE_CUSTOMER)?
        .execute(named_params! {
            ":id": id,
            ":human_id": c.human_id,
            ":name": c.name,
            ":phone": c.phone,
            ":email": c.email,
            ":customer_type": c.customer_type,
            ":balance": c.balance,
            ":credit": c.credit,
            ":notes": c.notes,
            ":created_at": c.created_at,
        })
}

/// A resource row as text and integers.
struct ResourceRow {
    name: String,
    resource_type: String,
    rate: i64,
    is_available: bool,
    out_of_service: bool,
    created_at: String,
}

fn resource_row(conn: &Connection, id: &str) -> BenchResult<ResourceRow> {
    conn.prepare_cached(SELECT_RESOURCE)?
        .query_row([id], |r| {
            Ok(ResourceRow {
                name: r.get(1)?,
                resource_type: r.get(2)?,
                rate: r.get(3)?,
                is_available: r.get(4)?,
                out_of_service: r.get(5)?,
                created_at: r.get(6)?,
            })
        })
        .optional()?
        .ok_or_else(|| fail(format!("resource {id} not found")))
}

fn update_resource(conn: &Connection, id: &str, r: &ResourceRow) -> rusqlite::Result<usize> {
    conn.prepare_cached(UPDATE_RESOURCE)?
        .execute(named_params! {
            ":id": id,
            ":name": r.name,
            ":resource_type": r.resource_type,
            ":rate": r.rate,
            ":is_available": r.is_available,
            ":out_of_service": r.out_of_service,
            ":created_at": r.created_at,
        })
}

fn customer(conn: &Connection, id: &str) -> BenchResult<CustomerRow> {
    conn.prepare_cached(SELECT_CUSTOMER)?
        .query_row([id], customer_row)
        .optional()?
        .ok_or_else(|| fail(format!("customer {id} not found")))
}

/// The columns of `settings` the cycle needs (defaults when the row is absent, as Backspace).
struct SettingsRow {
    tz: Tz,
    policy: PricingPolicy,
    due_days: u64,
}

fn settings(conn: &Connection) -> BenchResult<SettingsRow> {
    let row = conn
        .prepare_cached(SELECT_SETTINGS)?
        .query_row([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, u32>(5)?,
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, i64>(10)?,
            ))
        })
        .optional()?;
    Ok(match row {
        Some((tz, unit, rounding, grace, minimum, cap, due_days)) => SettingsRow {
            tz: tz.parse().map_err(|e| fail(format!("time zone: {e}")))?,
            policy: PricingPolicy {
                unit_minutes: unit,
                rounding: match rounding.as_str() {
                    "nearest" => Rounding::Nearest,
                    "down" => Rounding::Down,
                    _ => Rounding::Up,
                },
                grace_minutes: grace,
                minimum_minutes: minimum,
                daily_cap: cap.map(to_decimal),
            },
            due_days: due_days.max(0) as u64,
        },
        None => SettingsRow {
            tz: backspace_core::chrono_tz::Africa::Cairo,
            policy: PricingPolicy::default(),
            due_days: 7,
        },
    })
}

fn ledger(
    conn: &Connection,
    customer: &str,
    kind: &str,
    amount: i64,
    reference: &str,
    at: &str,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(INSERT_LEDGER)?.execute(named_params! {
        ":id": new_id(),
        ":customer_id": customer,
        ":kind": kind,
        ":amount": amount,
        ":reference": reference,
        ":at": at,
    })
}

/// The floor's front desk: one connection, the cycle as raw statements.
pub struct FloorDesk {
    conn: Connection,
}

impl FloorDesk {
    /// Opens a Backspace file as the floor (see [`open`]).
    pub fn open(path: &std::path::Path, synchronous: &str) -> BenchResult<FloorDesk> {
        Ok(FloorDesk {
            conn: open(path, synchronous)?,
        })
    }

    /// The connection (for reports and checks).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// One front-desk cycle: start a session (now), add two consumptions, end it, pay its
    /// invoice in cash. Returns the invoice total in piastres.
    pub fn cycle(&mut self, customer: &str, resource: &str, items: [&str; 2]) -> BenchResult<i64> {
        let started = now();
        let session = self.start(customer, resource, started)?;
        self.consume(&session, items[0])?;
        self.consume(&session, items[1])?;
        let (invoice, total) = self.end(&session)?;
        if total > 0 {
            self.pay(&invoice, total)?;
        }
        Ok(total)
    }

    /// `start_session(customer, resource, Some(at))`: returns the session id.
    pub fn start(
        &mut self,
        customer_id: &str,
        resource_id: &str,
        at: DateTime<Utc>,
    ) -> BenchResult<String> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        customer(&tx, customer_id)?;
        let mut resource = resource_row(&tx, resource_id)?;
        if tx
            .prepare_cached(ACTIVE_ON_RESOURCE)?
            .exists([resource_id])?
        {
            return Err(fail(format!("{} is busy", resource.name)));
        }
        if !resource.is_available {
            return Err(fail(format!("{} is not available", resource.name)));
        }
        if tx
            .prepare_cached(ACTIVE_OF_CUSTOMER)?
            .exists([customer_id])?
        {
            return Err(fail(format!("{customer_id} already has an active session")));
        }
        let id = new_id();
        tx.prepare_cached(INSERT_SESSION)?.execute(named_params! {
            ":id": id,
            ":customer_id": customer_id,
            ":resource_id": resource_id,
            ":started_at": instant(at),
            ":ended_at": None::<String>,
            ":rate": resource.rate,
            ":is_active": true,
            ":duration_minutes": None::<i64>,
            ":billed_minutes": None::<i64>,
            ":amount": None::<i64>,
            ":subscription_id": None::<String>,
            ":invoice_id": None::<String>,
        })?;
        resource.is_available = false;
        update_resource(&tx, resource_id, &resource)?;
        tx.commit()?;
        Ok(id)
    }

    /// `add_consumption(session, item, 1, None)`.
    pub fn consume(&mut self, session_id: &str, item_id: &str) -> BenchResult<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = instant(now());
        let (active, started_at): (bool, String) = tx
            .prepare_cached(SELECT_SESSION)?
            .query_row([session_id], |r| Ok((r.get(6)?, r.get(3)?)))
            .optional()?
            .ok_or_else(|| fail(format!("session {session_id} not found")))?;
        let (name, category, price, quantity, min_stock, created_at): (
            String,
            String,
            i64,
            i64,
            i64,
            String,
        ) = tx
            .prepare_cached(SELECT_ITEM)?
            .query_row([item_id], |r| {
                Ok((
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .optional()?
            .ok_or_else(|| fail(format!("item {item_id} not found")))?;
        if !active || at < started_at || quantity < 1 {
            return Err(fail(format!("cannot add {name} to {session_id}")));
        }
        let left = quantity - 1;
        tx.prepare_cached(UPDATE_ITEM)?.execute(named_params! {
            ":id": item_id,
            ":name": name,
            ":category": category,
            ":price": price,
            ":quantity": left,
            ":min_stock": min_stock,
            ":created_at": created_at,
        })?;
        tx.prepare_cached(INSERT_CONSUMPTION)?
            .execute(named_params! {
                ":id": new_id(),
                ":session_id": session_id,
                ":item_id": item_id,
                ":item_name": name,
                ":quantity": 1,
                ":price": price,
                ":consumed_at": at,
            })?;
        tx.prepare_cached(INSERT_MOVEMENT)?.execute(named_params! {
            ":id": new_id(),
            ":item_id": item_id,
            ":kind": "consumption",
            ":delta": -1,
            ":quantity_after": left,
            ":reason": format!("session {session_id}"),
            ":at": at,
        })?;
        tx.commit()?;
        Ok(())
    }

    /// `end_session(session, None, None)`: returns (invoice id, total in piastres).
    pub fn end(&mut self, session_id: &str) -> BenchResult<(String, i64)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        let at_text = instant(at);
        let (customer_id, resource_id, started_at, rate, active): (
            String,
            String,
            String,
            i64,
            bool,
        ) = tx
            .prepare_cached(SELECT_SESSION)?
            .query_row([session_id], |r| {
                Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(5)?, r.get(6)?))
            })
            .optional()?
            .ok_or_else(|| fail(format!("session {session_id} not found")))?;
        if !active {
            return Err(fail(format!("session {session_id} is not active")));
        }
        let s = settings(&tx)?;
        let started = parse_instant(&started_at)?;
        let resource_name = resource_row(&tx, &resource_id)?.name;
        let mut charge = session_charge(&s.policy, Piastres::new(rate), started, at, s.tz)?;
        let start_day = date(business_date(started, s.tz));
        let mut covering: Option<(String, String, String)> = None;
        {
            let mut stmt = tx.prepare_cached(SUBSCRIPTIONS_OF_CUSTOMER)?;
            let mut rows = stmt.query([&customer_id])?;
            while let Some(r) = rows.next()? {
                let (active, start, end): (bool, String, String) =
                    (r.get(6)?, r.get(3)?, r.get(4)?);
                if active && start <= start_day && start_day <= end {
                    let created: String = r.get(8)?;
                    if covering
                        .as_ref()
                        .is_none_or(|c| (&start, &created) >= (&c.1, &c.2))
                    {
                        covering = Some((r.get(0)?, start, created));
                    }
                }
            }
        }
        if covering.is_some() {
            charge.charge = Piastres::ZERO;
        }
        let mut lines: Vec<(&str, String, i64, i64, i64)> = vec![(
            "session",
            resource_name,
            charge.billed_minutes,
            rate,
            charge.charge.get(),
        )];
        {
            let mut stmt = tx.prepare_cached(CONSUMPTIONS_OF_SESSION)?;
            let mut rows = stmt.query([session_id])?;
            while let Some(r) = rows.next()? {
                let (name, qty, price): (String, i64, i64) = (r.get(3)?, r.get(4)?, r.get(5)?);
                lines.push(("consumption", name, qty, price, price * qty));
            }
        }
        let mut cust = customer(&tx, &customer_id)?;
        let n: i64 = tx
            .prepare_cached(NEXT_NUMBER)?
            .query_row(["invoice"], |r| r.get(0))?;
        let number = invoice_number(n as u64);
        let amount: i64 = lines.iter().map(|l| l.4).sum();
        let kind_sum =
            |kind: &str| -> i64 { lines.iter().filter(|l| l.0 == kind).map(|l| l.4).sum() };
        let total = amount;
        let issue = business_date(at, s.tz);
        let due = issue
            .checked_add_days(Days::new(s.due_days))
            .unwrap_or(issue);
        let invoice_id = new_id();
        let paid = total == 0;
        tx.prepare_cached(INSERT_INVOICE)?.execute(named_params! {
            ":id": invoice_id,
            ":number": number,
            ":customer_id": customer_id,
            ":session_id": session_id,
            ":subscription_id": None::<String>,
            ":issued_at": at_text,
            ":issue_date": date(issue),
            ":due_date": date(due),
            ":amount": amount,
            ":discount": 0,
            ":discount_amount": 0,
            ":total": total,
            ":paid": 0,
            ":status": if paid { "paid" } else { "unpaid" },
            ":paid_date": paid.then(|| date(issue)),
            ":sessions": kind_sum("session"),
            ":consumptions": kind_sum("consumption"),
            ":subscriptions": kind_sum("subscription"),
        })?;
        for (position, (kind, description, quantity, unit, line)) in lines.iter().enumerate() {
            tx.prepare_cached(INSERT_LINE)?.execute(named_params! {
                ":invoice_id": invoice_id,
                ":position": position as i64,
                ":kind": kind,
                ":description": description,
                ":quantity": quantity,
                ":unit_price": unit,
                ":amount": line,
            })?;
        }
        if total != 0 {
            cust.balance -= total;
            ledger(&tx, &customer_id, "invoice", -total, &number, &at_text)?;
        }
        update_customer(&tx, &customer_id, &cust)?;
        tx.prepare_cached(UPDATE_SESSION)?.execute(named_params! {
            ":id": session_id,
            ":customer_id": customer_id,
            ":resource_id": resource_id,
            ":started_at": started_at,
            ":ended_at": at_text,
            ":rate": rate,
            ":is_active": false,
            ":duration_minutes": charge.duration_minutes,
            ":billed_minutes": charge.billed_minutes,
            ":amount": charge.charge.get(),
            ":subscription_id": covering.map(|c| c.0),
            ":invoice_id": invoice_id,
        })?;
        let mut resource = resource_row(&tx, &resource_id)?;
        resource.is_available = !resource.out_of_service;
        update_resource(&tx, &resource_id, &resource)?;
        tx.commit()?;
        Ok((invoice_id, total))
    }

    /// `record_payment(invoice, amount, Cash, None, None)`.
    pub fn pay(&mut self, invoice_id: &str, amount: i64) -> BenchResult<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        let at_text = instant(at);
        type Header = (
            String,
            String,
            Option<String>,
            Option<String>,
            String,
            String,
            String,
            [i64; 5],
            String,
        );
        let h: Header = tx
            .prepare_cached(SELECT_INVOICE)?
            .query_row([invoice_id], |r| {
                Ok((
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    [r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?],
                    r.get(13)?,
                ))
            })
            .optional()?
            .ok_or_else(|| fail(format!("invoice {invoice_id} not found")))?;
        // The store reads the whole invoice too; only these columns are written back.
        let (number, customer_id, _session_id, _subscription_id, issued_at, _, _, money, status) =
            h;
        let [_amount, discount, discount_amount, total, paid] = money;
        {
            let mut stmt = tx.prepare_cached(INVOICE_LINES)?;
            let mut rows = stmt.query([invoice_id])?;
            while rows.next()?.is_some() {}
            let mut stmt = tx.prepare_cached(INVOICE_PAYMENTS)?;
            let mut rows = stmt.query([invoice_id])?;
            while rows.next()?.is_some() {}
        }
        if at_text < issued_at || status == "paid" || amount > total - paid {
            return Err(fail(format!("cannot pay {amount} on {number}")));
        }
        let mut cust = customer(&tx, &customer_id)?;
        if !tx.prepare_cached(INVOICE_EXISTS)?.exists([invoice_id])? {
            return Err(fail(format!("invoice {invoice_id} not found")));
        }
        tx.prepare_cached(INSERT_PAYMENT)?.execute(named_params! {
            ":id": new_id(),
            ":invoice_id": invoice_id,
            ":amount": amount,
            ":method": "cash",
            ":paid_at": at_text,
            ":note": None::<String>,
        })?;
        let s = settings(&tx)?;
        let paid = paid + amount;
        let status = if paid >= total {
            "paid"
        } else if paid > 0 {
            "pending"
        } else {
            "unpaid"
        };
        tx.prepare_cached(UPDATE_INVOICE)?.execute(named_params! {
            ":id": invoice_id,
            ":discount": discount,
            ":discount_amount": discount_amount,
            ":total": total,
            ":paid": paid,
            ":status": status,
            ":paid_date": (status == "paid").then(|| date(business_date(at, s.tz))),
        })?;
        ledger(&tx, &customer_id, "payment", amount, &number, &at_text)?;
        cust.balance += amount;
        update_customer(&tx, &customer_id, &cust)?;
        tx.commit()?;
        Ok(())
    }
}

// ----- the reports -----

/// `[[date, start, end], …]` of the business dates `from..=to` (the same day bounds Backspace
/// computes: SQLite has no time zones).
fn day_bounds(from: NaiveDate, to: NaiveDate, tz: Tz) -> String {
    let days: Vec<String> = dates(from, to)
        .map(|d| {
            let next = d.succ_opt().unwrap_or(d);
            format!(
                "[\"{}\",\"{}\",\"{}\"]",
                date(d),
                instant(day_start(d, tz)),
                instant(day_start(next, tz))
            )
        })
        .collect();
    format!("[{}]", days.join(","))
}

/// One day of revenue: date, then sessions, consumptions, subscriptions, discounts, cash,
/// card, transfer, credit applied (piastres).
pub type RevenueRow = (String, [i64; 8]);

/// Revenue per business day of `from..=to`, every day listed: one statement. What was invoiced
/// is summed from the invoices' sums by kind and discounts (one range of the covering
/// `invoices_by_issue_date`), what was received per day and method from
/// `payments_by_method_and_paid_at`, deposits from the partial index of deposits.
pub fn revenue(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
) -> BenchResult<Vec<RevenueRow>> {
    let sql = "
        WITH days AS (
            SELECT value ->> 0 AS day, value ->> 1 AS a, value ->> 2 AS b FROM json_each(?3)
        ),
        invoiced AS (
            SELECT issue_date AS day, sum(sessions_piastres) AS sessions,
                   sum(consumptions_piastres) AS consumptions,
                   sum(subscriptions_piastres) AS subscriptions,
                   sum(discount_amount_piastres) AS discounts
            FROM invoices WHERE issue_date BETWEEN ?1 AND ?2
            GROUP BY issue_date
        ),
        deposited AS (
            SELECT d.day AS day,
                   sum(CASE WHEN e.reference IN ('card', 'transfer') THEN 0 ELSE e.amount_piastres END) AS cash,
                   sum(CASE WHEN e.reference = 'card' THEN e.amount_piastres ELSE 0 END) AS card,
                   sum(CASE WHEN e.reference = 'transfer' THEN e.amount_piastres ELSE 0 END) AS transfer
            FROM days AS d JOIN ledger_entries AS e ON e.at >= d.a AND e.at < d.b
            WHERE e.kind = 'deposit'
            GROUP BY d.day
        )
        SELECT days.day,
               coalesce(invoiced.sessions, 0), coalesce(invoiced.consumptions, 0),
               coalesce(invoiced.subscriptions, 0), coalesce(invoiced.discounts, 0),
               (SELECT coalesce(sum(amount_piastres), 0) FROM payments
                WHERE method = 'cash' AND paid_at >= days.a AND paid_at < days.b)
                   + coalesce(deposited.cash, 0),
               (SELECT coalesce(sum(amount_piastres), 0) FROM payments
                WHERE method = 'card' AND paid_at >= days.a AND paid_at < days.b)
                   + coalesce(deposited.card, 0),
               (SELECT coalesce(sum(amount_piastres), 0) FROM payments
                WHERE method = 'transfer' AND paid_at >= days.a AND paid_at < days.b)
                   + coalesce(deposited.transfer, 0),
               (SELECT coalesce(sum(amount_piastres), 0) FROM payments
                WHERE method = 'balance' AND paid_at >= days.a AND paid_at < days.b)
        FROM days
        LEFT JOIN invoiced ON invoiced.day = days.day
        LEFT JOIN deposited ON deposited.day = days.day
        ORDER BY days.day";
    let bounds = day_bounds(from, to, tz);
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![date(from), date(to), bounds], |r| {
        Ok((
            r.get(0)?,
            [
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ],
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Occupied seconds of each resource over `from..=to` (running sessions up to `now`): resource
/// id, name, seconds. One statement.
pub fn utilization(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
    now: DateTime<Utc>,
) -> BenchResult<Vec<(String, String, i64)>> {
    let (start, end) = range_instants(from, to, tz);
    // Sessions reaching into the range started at most the longest finished session before
    // it (the `sessions_by_length` index answers that at once); running ones come from the
    // partial index of active sessions.
    let sql = "
        SELECT r.id, r.name, coalesce(o.seconds, 0)
        FROM resources AS r
        LEFT JOIN (
            SELECT c.resource_id AS resource_id, sum(
                     CASE WHEN c.b > c.a THEN
                       ((unixepoch(substr(c.b, 1, 19)) - unixepoch(substr(c.a, 1, 19))) * 1000000
                        + CAST(substr(c.b, 21, 6) AS INTEGER) - CAST(substr(c.a, 21, 6) AS INTEGER))
                       / 1000000
                     END) AS seconds
            FROM (
                SELECT resource_id, max(started_at, ?1) AS a, min(ended_at, ?2) AS b
                FROM sessions
                WHERE started_at >= strftime('%Y-%m-%dT%H:%M:%S.000000Z',
                          unixepoch(substr(?1, 1, 19)) - 2 - coalesce((
                              SELECT max(unixepoch(substr(ended_at, 1, 19))
                                         - unixepoch(substr(started_at, 1, 19)))
                              FROM sessions), 0),
                          'unixepoch')
                  AND started_at < ?2 AND ended_at > ?1
                UNION ALL
                SELECT resource_id, max(started_at, ?1) AS a, min(?3, ?2) AS b
                FROM sessions
                WHERE is_active = 1 AND ended_at IS NULL AND +started_at < ?2
            ) AS c
            GROUP BY c.resource_id
        ) AS o ON o.resource_id = r.id
        ORDER BY r.name, r.id";
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![instant(start), instant(end), instant(now)], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An outstanding invoice as the floor returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutstandingRow {
    /// `INV-…`.
    pub number: String,
    /// Customer `C-…`.
    pub human_id: String,
    /// Customer name.
    pub name: String,
    /// Due date.
    pub due_date: String,
    /// Total − paid, piastres.
    pub due: i64,
    /// Invoice status.
    pub status: String,
    /// The lines as a JSON array.
    pub lines: String,
    /// The payments as a JSON array.
    pub payments: String,
}

/// Every invoice not fully paid, by due date then number, with its customer, lines and
/// payments. One statement.
pub fn outstanding(conn: &Connection) -> BenchResult<Vec<OutstandingRow>> {
    let sql = "
        SELECT i.invoice_number, c.human_id, c.name, i.due_date,
               i.total_piastres - i.paid_amount_piastres, i.status,
               (SELECT json_group_array(json_array(l.kind, l.description, l.quantity,
                                                   l.unit_price_piastres, l.amount_piastres))
                FROM (SELECT * FROM invoice_lines WHERE invoice_id = i.id ORDER BY position) AS l),
               (SELECT json_group_array(json_array(p.id, p.amount_piastres, p.method, p.paid_at,
                                                   p.note))
                FROM (SELECT * FROM payments WHERE invoice_id = i.id ORDER BY seq) AS p)
        FROM invoices AS i JOIN customers AS c ON c.id = i.customer_id
        WHERE i.status <> 'paid'
        ORDER BY i.due_date, octet_length(i.invoice_number), i.invoice_number";
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(OutstandingRow {
            number: r.get(0)?,
            human_id: r.get(1)?,
            name: r.get(2)?,
            due_date: r.get(3)?,
            due: r.get(4)?,
            status: r.get(5)?,
            lines: r.get(6)?,
            payments: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A top customer as the floor returns it: id, `C-…`, name, invoiced piastres, invoice count.
pub type TopRow = (String, String, String, i64, i64);

/// The `n` customers with the largest invoiced total over issue dates `from..=to`. One
/// statement.
pub fn top_customers(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    n: usize,
) -> BenchResult<Vec<TopRow>> {
    let sql = "
        SELECT t.customer_id, c.human_id, c.name, t.invoiced, t.n
        FROM (
            SELECT customer_id, sum(total_piastres) AS invoiced, count(*) AS n
            FROM invoices WHERE issue_date BETWEEN ?1 AND ?2
            GROUP BY customer_id
        ) AS t JOIN customers AS c ON c.id = t.customer_id
        ORDER BY t.invoiced DESC, octet_length(c.human_id), c.human_id
        LIMIT ?3";
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![date(from), date(to), n as i64], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
