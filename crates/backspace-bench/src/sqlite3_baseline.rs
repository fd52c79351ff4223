//! Bench 4b's Python baseline (`benches/python_baseline.py`) ported statement for statement to
//! Rust: the same schema, the same SQL text (but for the invoice counter, see `end`),
//! `BEGIN IMMEDIATE … COMMIT` per operation, text ids and instants, with statements kept
//! prepared and their plans stable. It runs the baseline's own SQL with no
//! interpreter around it; in the wheel's four transactions per walk-in ([`Sqlite3Baseline::walk_in`])
//! the Python baseline's time divided by its time is the most a program that writes at least
//! what the baseline writes could gain over it on this SQLite — a ceiling for bench 4b's
//! ratios, measured in the same bench run.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::BenchResult;

const SEATS: usize = 20;
const CUSTOMERS: usize = 40;
const STOCK: i64 = 10_000_000;

/// The schema the Python baseline reads too.
const SCHEMA: &str = include_str!("../benches/python_baseline.sql");

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, false)
}

fn new_id() -> String {
    uuid::Uuid::new_v4().hyphenated().to_string()
}

/// The baseline's desk: one connection, its seats, customers and two items.
pub struct Sqlite3Baseline {
    db: Connection,
    seats: Vec<String>,
    customers: Vec<String>,
    items: Vec<String>,
}

impl Sqlite3Baseline {
    /// A fresh baseline desk at `path` (`":memory:"`, or a file: WAL, `synchronous=FULL`).
    pub fn open(path: &str) -> BenchResult<Sqlite3Baseline> {
        let db = Connection::open(path)?;
        // Plans that stay prepared whatever the values bound, as the store's (see
        // `backspace_sqlite`'s `open.rs`).
        db.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        // Room for all of its statements (rusqlite keeps 16 by default; Python's `sqlite3`, 128).
        db.set_prepared_statement_cache_capacity(128);
        if path != ":memory:" {
            db.pragma_update(None, "journal_mode", "WAL")?;
            db.pragma_update(None, "synchronous", "FULL")?;
        }
        db.execute_batch(SCHEMA)?;
        db.execute("INSERT INTO counters VALUES ('invoice', 0)", [])?;
        let seats: Vec<String> = (0..SEATS).map(|_| new_id()).collect();
        let customers: Vec<String> = (0..CUSTOMERS).map(|_| new_id()).collect();
        let items = vec![new_id(), new_id()];
        for (i, s) in seats.iter().enumerate() {
            db.execute(
                "INSERT INTO resources VALUES (?, ?, 3000, 0)",
                params![s, format!("Seat {i}")],
            )?;
        }
        for (i, c) in customers.iter().enumerate() {
            db.execute(
                "INSERT INTO customers VALUES (?, ?, ?, 0)",
                params![c, format!("C{i}"), format!("0100{i:07}")],
            )?;
        }
        for (item, price) in items.iter().zip([2000, 3000]) {
            db.execute(
                "INSERT INTO items VALUES (?, 'item', ?, ?)",
                params![item, price, STOCK],
            )?;
        }
        Ok(Sqlite3Baseline {
            db,
            seats,
            customers,
            items,
        })
    }

    fn tx<T>(&self, op: impl FnOnce(&Connection) -> BenchResult<T>) -> BenchResult<T> {
        self.db.prepare_cached("BEGIN IMMEDIATE")?.execute([])?;
        match op(&self.db) {
            Ok(out) => {
                self.db.prepare_cached("COMMIT")?.execute([])?;
                Ok(out)
            }
            Err(e) => {
                self.db.prepare_cached("ROLLBACK")?.execute([])?;
                Err(e)
            }
        }
    }

    fn start(&self, customer: &str, seat: &str) -> BenchResult<String> {
        self.tx(|db| {
            let (busy, rate): (i64, i64) = db
                .prepare_cached("SELECT busy, rate FROM resources WHERE id = ?")?
                .query_row([seat], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if busy != 0 {
                return Err("seat busy".into());
            }
            if db
                .prepare_cached(
                    "SELECT 1 FROM sessions WHERE customer_id = ? AND ended_at IS NULL",
                )?
                .query_row([customer], |_| Ok(()))
                .optional()?
                .is_some()
            {
                return Err("customer busy".into());
            }
            let sid = new_id();
            db.prepare_cached("INSERT INTO sessions VALUES (?, ?, ?, ?, NULL, ?, NULL)")?
                .execute(params![sid, customer, seat, now(), rate])?;
            db.prepare_cached("UPDATE resources SET busy = 1 WHERE id = ?")?
                .execute([seat])?;
            Ok(sid)
        })
    }

    fn consume(&self, session: &str, item: &str) -> BenchResult<()> {
        self.tx(|db| {
            let ended: Option<Option<String>> = db
                .prepare_cached("SELECT ended_at FROM sessions WHERE id = ?")?
                .query_row([session], |r| r.get(0))
                .optional()?;
            if !matches!(ended, Some(None)) {
                return Err("no active session".into());
            }
            let (price, quantity): (i64, i64) = db
                .prepare_cached("SELECT price, quantity FROM items WHERE id = ?")?
                .query_row([item], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if quantity < 1 {
                return Err("out of stock".into());
            }
            db.prepare_cached("UPDATE items SET quantity = quantity - 1 WHERE id = ?")?
                .execute([item])?;
            db.prepare_cached("INSERT INTO consumptions VALUES (?, ?, 1, ?)")?
                .execute(params![session, item, price])?;
            Ok(())
        })
    }

    fn end(&self, session: &str) -> BenchResult<(String, i64)> {
        self.tx(|db| end(db, session))
    }

    fn pay(&self, invoice: &str, amount: i64) -> BenchResult<()> {
        self.tx(|db| pay(db, invoice, amount))
    }

    /// Walk-in number `k` as the Python baseline runs it: start, add, add, end, pay (five
    /// transactions).
    pub fn cycle(&self, k: usize) -> BenchResult<()> {
        let s = self.start(&self.customers[k % CUSTOMERS], &self.seats[k % SEATS])?;
        self.consume(&s, &self.items[k % 2])?;
        self.consume(&s, &self.items[(k + 1) % 2])?;
        let (invoice, total) = self.end(&s)?;
        if total != 0 {
            self.pay(&invoice, total)?;
        }
        Ok(())
    }

    /// Walk-in number `k` in the wheel's four transactions: start, add, add, then end and pay
    /// in one (as `checkout` does).
    pub fn walk_in(&self, k: usize) -> BenchResult<()> {
        let s = self.start(&self.customers[k % CUSTOMERS], &self.seats[k % SEATS])?;
        self.consume(&s, &self.items[k % 2])?;
        self.consume(&s, &self.items[(k + 1) % 2])?;
        self.tx(|db| {
            let (invoice, total) = end(db, &s)?;
            if total != 0 {
                pay(db, &invoice, total)?;
            }
            Ok(())
        })
    }
}

/// The end of a session: its invoice, lines, ledger entry; returns the invoice and its total.
fn end(db: &Connection, session: &str) -> BenchResult<(String, i64)> {
    let (customer, seat, started, rate): (String, String, String, i64) = db
        .prepare_cached(
            "SELECT customer_id, resource_id, started_at, rate FROM sessions \
             WHERE id = ? AND ended_at IS NULL",
        )?
        .query_row([session], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let end = now();
    let seconds = (DateTime::parse_from_rfc3339(&end)? - DateTime::parse_from_rfc3339(&started)?)
        .num_seconds();
    let minutes = (seconds + 59) / 60;
    let charge = (minutes * rate * 2 + 60) / 120;
    let lines: Vec<(i64, i64)> = db
        .prepare_cached("SELECT quantity, price FROM consumptions WHERE session_id = ?")?
        .query_map([session], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let total = charge + lines.iter().map(|(q, p)| q * p).sum::<i64>();
    // The Python baseline's `UPDATE … RETURNING value`, as an update and a read: on
    // this SQLite, `RETURNING` builds and drops a temporary table per run (a fifth of
    // the walk-in's time when kept).
    db.prepare_cached("UPDATE counters SET value = value + 1 WHERE name = 'invoice'")?
        .execute([])?;
    let n: i64 = db
        .prepare_cached("SELECT value FROM counters WHERE name = 'invoice'")?
        .query_row([], |r| r.get(0))?;
    let invoice = new_id();
    let number = format!("INV-{n:04}");
    let status = if total == 0 { "paid" } else { "unpaid" };
    db.prepare_cached("INSERT INTO invoices VALUES (?, ?, ?, ?, ?, 0, ?)")?
        .execute(params![invoice, number, customer, end, total, status])?;
    db.prepare_cached("INSERT INTO invoice_lines VALUES (?, 'session', 'Seat', ?, ?)")?
        .execute(params![invoice, minutes, charge])?;
    for (q, p) in &lines {
        db.prepare_cached("INSERT INTO invoice_lines VALUES (?, 'consumption', 'item', ?, ?)")?
            .execute(params![invoice, q, q * p])?;
    }
    db.prepare_cached("UPDATE sessions SET ended_at = ?, invoice_id = ? WHERE id = ?")?
        .execute(params![end, invoice, session])?;
    db.prepare_cached("UPDATE resources SET busy = 0 WHERE id = ?")?
        .execute([&seat])?;
    db.prepare_cached("UPDATE customers SET balance = balance - ? WHERE id = ?")?
        .execute(params![total, customer])?;
    db.prepare_cached("INSERT INTO ledger VALUES (?, 'invoice', ?, ?, ?)")?
        .execute(params![customer, -total, number, end])?;
    Ok((invoice, total))
}

/// A payment of `amount` on `invoice`.
fn pay(db: &Connection, invoice: &str, amount: i64) -> BenchResult<()> {
    let (customer, number, total, paid): (String, String, i64, i64) = db
        .prepare_cached("SELECT customer_id, number, total, paid FROM invoices WHERE id = ?")?
        .query_row([invoice], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    if amount <= 0 || amount > total - paid {
        return Err("overpayment".into());
    }
    let at = now();
    db.prepare_cached("INSERT INTO payments VALUES (?, ?, 'cash', ?)")?
        .execute(params![invoice, amount, at])?;
    let status = if paid + amount == total {
        "paid"
    } else {
        "pending"
    };
    db.prepare_cached("UPDATE invoices SET paid = paid + ?, status = ? WHERE id = ?")?
        .execute(params![amount, status, invoice])?;
    db.prepare_cached("UPDATE customers SET balance = balance + ? WHERE id = ?")?
        .execute(params![amount, customer])?;
    db.prepare_cached("INSERT INTO ledger VALUES (?, 'payment', ?, ?, ?)")?
        .execute(params![customer, amount, number, at])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_port_bills_and_pays_a_walk_in_as_the_python_baseline_does() -> BenchResult<()> {
        let desk = Sqlite3Baseline::open(":memory:")?;
        desk.cycle(0)?;
        desk.cycle(1)?;
        desk.walk_in(2)?;
        let (count, total, paid): (i64, i64, i64) = desk.db.query_row(
            "SELECT count(*), sum(total), sum(paid) FROM invoices WHERE status = 'paid'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        // Each walk-in lasts under a second, billed as the Python baseline bills it (whole
        // seconds rounded up to minutes: none), plus 20.00 + 30.00 of café.
        assert_eq!((count, total, paid), (3, 3 * 5000, 3 * 5000));
        let balances: i64 = desk
            .db
            .query_row("SELECT sum(balance) FROM customers", [], |r| r.get(0))?;
        assert_eq!(balances, 0);
        Ok(())
    }
}
