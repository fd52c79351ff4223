//! Helpers shared by the integration tests: temp files, a hand-set clock, a populated desk.

#![allow(dead_code, clippy::unwrap_used)]

use backspace_core::{EndSession, NewCustomer, NewPayment, NewSubscription};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use backspace_core::{
    Backspace, Category, Clock, Customer, Decimal, InventoryItem, Invoice, InvoiceFilter,
    LedgerEntry, PaymentMethod, Plan, Resource, ResourceType, Session, Settings, SettingsUpdate,
    StockMovement, Store, Subscription,
};
use backspace_sqlite::SqliteStore;
use chrono::{DateTime, TimeZone, Utc};

/// A database path in the temp dir, removed (with its WAL files) on drop.
pub struct TempDb {
    pub path: PathBuf,
}

impl TempDb {
    pub fn new(tag: &str) -> Self {
        let name = format!("backspace-{tag}-{}.sqlite", uuid::Uuid::new_v4());
        TempDb {
            path: std::env::temp_dir().join(name),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = self.path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

/// A clock the test sets by hand.
pub struct HandClock(Mutex<DateTime<Utc>>);

impl HandClock {
    pub fn set(&self, now: DateTime<Utc>) {
        *self.0.lock().unwrap() = now;
    }
}

impl Clock for HandClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

/// A UTC instant.
pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single().unwrap()
}

/// A UTC instant plus microseconds.
pub fn utc_us(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, us: i64) -> DateTime<Utc> {
    utc(y, mo, d, h, mi, s) + chrono::Duration::microseconds(us)
}

/// A decimal from text.
pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A desk over `store` with its clock at 2026-11-24 20:00 UTC.
pub fn desk<S: Store>(store: S) -> (Backspace<S>, Arc<HandClock>) {
    let clock = Arc::new(HandClock(Mutex::new(utc(2026, 11, 24, 20, 0, 0))));
    (Backspace::with_clock(store, clock.clone()), clock)
}

/// Fills a desk with a bit of everything: customers, seats, café stock, ended and running
/// sessions (one across Cairo midnight, one with sub-second instants), a subscription,
/// discounts, payments of every method, a deposit and stock movements.
pub fn populate<S: Store>(bs: &Backspace<S>) {
    bs.update_settings(SettingsUpdate {
        unit_minutes: Some(15),
        grace_minutes: Some(5),
        weekly_price: Some(Some(dec("200"))),
        daily_cap: Some(Some(dec("150.50"))),
        ..SettingsUpdate::default()
    })
    .unwrap();
    let t0 = Some(utc(2026, 11, 1, 8, 0, 0));
    let mona = bs
        .at(t0)
        .register_customer(NewCustomer::new("منى عادل", "010 1234 5678").email("mona@example.com"))
        .unwrap();
    let ahmed = bs
        .at(t0)
        .register_customer(NewCustomer::new("Ahmed", "0111 222 3333").notes("regular"))
        .unwrap();
    let sara = bs
        .at(t0)
        .register_customer(NewCustomer::new("Sara", "0122 333 4444"))
        .unwrap();
    let seat = bs
        .at(t0)
        .add_resource("Seat 1", ResourceType::Seat, dec("30"))
        .unwrap();
    let room = bs
        .at(t0)
        .add_resource("Room A", ResourceType::Room, dec("120"))
        .unwrap();
    let desk3 = bs
        .at(t0)
        .add_resource("Desk 3", ResourceType::Desk, dec("45.50"))
        .unwrap();
    let tea = bs
        .at(t0)
        .add_inventory_item("Tea", Category::Beverage, dec("15"), 50, 5)
        .unwrap();
    let chips = bs
        .at(t0)
        .add_inventory_item("Chips", Category::Snack, dec("10.50"), 3, 5)
        .unwrap();

    // Mona across Cairo midnight (UTC+2), with tea, a discount and a partial cash payment.
    let s1 = bs
        .at(utc(2026, 11, 23, 21, 30, 0))
        .start_session(mona.id, seat.id)
        .unwrap();
    bs.at(utc(2026, 11, 23, 22, 0, 0))
        .add_consumption(s1.id, tea.id, 2)
        .unwrap();
    let c = bs
        .at(utc(2026, 11, 23, 22, 5, 0))
        .add_consumption(s1.id, chips.id, 1)
        .unwrap();
    bs.at(utc(2026, 11, 23, 22, 6, 0))
        .remove_consumption(c.id)
        .unwrap();
    let inv1 = bs
        .at(utc(2026, 11, 23, 23, 10, 0))
        .end_session(s1.id, EndSession::with_discount(dec("10")))
        .unwrap();
    bs.at(utc(2026, 11, 23, 23, 15, 0))
        .record_payment(
            inv1.id,
            NewPayment::new(dec("20"), PaymentMethod::Cash).note("r-1"),
        )
        .unwrap();

    // Ahmed in the room with sub-second instants, paid by card, discount set afterwards.
    let s2 = bs
        .at(utc_us(2026, 11, 24, 8, 0, 30, 500_000))
        .start_session(ahmed.id, room.id)
        .unwrap();
    let inv2 = bs
        .at(utc_us(2026, 11, 24, 10, 45, 10, 250_001))
        .end_session(s2.id, EndSession::default())
        .unwrap();
    let inv2 = bs
        .at(utc(2026, 11, 24, 10, 50, 0))
        .set_discount(inv2.id, dec("12.5"))
        .unwrap();
    bs.at(utc(2026, 11, 24, 11, 0, 0))
        .record_payment(inv2.id, NewPayment::new(inv2.total, PaymentMethod::Card))
        .unwrap();

    // Sara subscribes and pays by transfer; her session is covered.
    let sub = bs
        .at(utc(2026, 11, 24, 9, 0, 0))
        .subscribe(NewSubscription::new(sara.id, Plan::Weekly))
        .unwrap();
    bs.at(utc(2026, 11, 24, 9, 5, 0))
        .record_payment(
            sub.invoice_id,
            NewPayment::new(dec("200"), PaymentMethod::Transfer),
        )
        .unwrap();
    let s3 = bs
        .at(utc(2026, 11, 24, 9, 30, 0))
        .start_session(sara.id, desk3.id)
        .unwrap();
    bs.at(utc(2026, 11, 24, 11, 30, 0))
        .end_session(s3.id, EndSession::default())
        .unwrap();

    // Mona deposits, then pays her next session from credit.
    bs.at(utc(2026, 11, 24, 11, 0, 0))
        .deposit(mona.id, dec("100"), PaymentMethod::Cash)
        .unwrap();
    let s4 = bs
        .at(utc(2026, 11, 24, 12, 0, 0))
        .start_session(mona.id, desk3.id)
        .unwrap();
    let inv4 = bs
        .at(utc(2026, 11, 24, 13, 0, 0))
        .end_session(s4.id, EndSession::default())
        .unwrap();
    bs.at(utc(2026, 11, 24, 13, 5, 0))
        .record_payment(inv4.id, NewPayment::new(inv4.total, PaymentMethod::Balance))
        .unwrap();

    // Stock movements and one running session.
    bs.at(utc(2026, 11, 24, 14, 0, 0))
        .restock(chips.id, 10)
        .unwrap();
    bs.at(utc(2026, 11, 24, 14, 0, 0))
        .adjust_stock(tea.id, -1, "spilled")
        .unwrap();
    bs.at(utc_us(2026, 11, 24, 18, 0, 0, 123_456))
        .start_session(ahmed.id, seat.id)
        .unwrap();
}

/// Every record of a store, read through `StoreTx`.
#[derive(Debug, PartialEq)]
pub struct Everything {
    pub settings: Settings,
    pub customers: Vec<Customer>,
    pub resources: Vec<Resource>,
    pub sessions: Vec<Session>,
    pub items: Vec<InventoryItem>,
    pub movements: Vec<Vec<StockMovement>>,
    pub subscriptions: Vec<Vec<Subscription>>,
    pub invoices: Vec<Invoice>,
    pub ledger: Vec<LedgerEntry>,
}

/// Reads every record.
pub fn everything<S: Store>(store: &S) -> Everything {
    store
        .read(|tx| {
            let customers = tx.customers()?;
            let items = tx.items()?;
            Ok(Everything {
                settings: tx.settings()?,
                resources: tx.resources()?,
                sessions: tx
                    .sessions_between(utc(2000, 1, 1, 0, 0, 0), utc(2100, 1, 1, 0, 0, 0))?,
                movements: items
                    .iter()
                    .map(|i| tx.movements(i.id))
                    .collect::<Result<_, _>>()?,
                subscriptions: customers
                    .iter()
                    .map(|c| tx.subscriptions_of_customer(c.id))
                    .collect::<Result<_, _>>()?,
                invoices: tx.invoices(&InvoiceFilter::default())?,
                ledger: tx.ledger_between(utc(2000, 1, 1, 0, 0, 0), utc(2100, 1, 1, 0, 0, 0))?,
                customers,
                items,
            })
        })
        .unwrap()
}

/// A file-backed store at `db`.
pub fn open(db: &TempDb) -> SqliteStore {
    SqliteStore::open(db.path()).unwrap()
}

/// How many invoices of the file behind `conn` carry sums by kind (`sessions_piastres`, …,
/// schema version 3) other than their lines' amounts summed by kind.
pub fn invoices_with_wrong_kind_sums(conn: &rusqlite::Connection) -> i64 {
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
    .unwrap()
}
