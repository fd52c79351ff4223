//! The front-desk cycle through Backspace, and the customers, resources and items it rotates
//! through (the floor uses the same ones).
//!
//! A cycle: a walk-in starts a session, adds two café items, and checks out: the desk reads the
//! bill (`quote_session`) and ends the session paying it in cash in one transaction
//! (`checkout`) — four write transactions. Sessions start now: a seat's sessions never overlap
//! (R-SESS-7), so a cycle cannot back-date onto a seat the previous cycle just used.

use backspace::{Category, Checkout, Decimal, Desk, ResourceType, Uuid};
use backspace::{NewCustomer, NewPayment};

use crate::BenchResult;
use crate::floor::FloorDesk;

/// One Backspace cycle; returns the invoice total.
pub fn backspace_cycle<S: backspace::Store>(
    desk: &backspace::Backspace<S>,
    customer: Uuid,
    resource: Uuid,
    items: [Uuid; 2],
) -> backspace::Result<Decimal> {
    let session = desk.start_session(customer, resource)?;
    desk.add_consumption(session.id, items[0], 1)?;
    desk.add_consumption(session.id, items[1], 1)?;
    let due = desk.quote_session(session.id)?.amount;
    let payments = (!due.is_zero()).then(|| NewPayment::cash(due));
    let invoice = desk.checkout(session.id, Checkout::paying(payments))?;
    Ok(invoice.total)
}

/// Who and what the cycles use, in rotation.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// Customers (none has a running session).
    pub customers: Vec<Uuid>,
    /// Available resources.
    pub resources: Vec<Uuid>,
    /// Café items with plenty of stock.
    pub items: Vec<Uuid>,
}

/// Stock every item is brought up to (at least) before a bench.
pub const STOCK: i64 = 10_000_000;

impl Fixture {
    /// Takes up to `customers` customers (by `C-` number), every available resource and every
    /// item of an existing desk, restocking items below [`STOCK`].
    pub fn from_desk(desk: &Desk, customers: usize) -> BenchResult<Fixture> {
        let resources: Vec<Uuid> = desk
            .list_resources()?
            .into_iter()
            .filter(|r| r.is_available)
            .map(|r| r.id)
            .collect();
        let busy: Vec<Uuid> = desk
            .active_sessions()?
            .into_iter()
            .map(|a| a.session.customer_id)
            .collect();
        let customers: Vec<Uuid> = desk
            .list_customers()?
            .into_iter()
            .map(|c| c.id)
            .filter(|id| !busy.contains(id))
            .take(customers)
            .collect();
        let mut items = Vec::new();
        for item in desk.list_inventory_items()? {
            if item.quantity < STOCK {
                desk.restock(item.id, STOCK - item.quantity)?;
            }
            items.push(item.id);
        }
        if customers.is_empty() || resources.is_empty() || items.len() < 2 {
            return Err("the desk needs customers, an available resource and two items".into());
        }
        Ok(Fixture {
            customers,
            resources,
            items,
        })
    }

    /// Sets up a fresh desk: 20 seats at 30 EGP/h, 40 customers, two items (the same fixture
    /// `benches/python_cycle.py` makes through the Python package).
    pub fn fresh(desk: &Desk) -> BenchResult<Fixture> {
        let mut resources = Vec::new();
        for i in 1..=20 {
            let r = desk.add_resource(
                &format!("Bench Seat {i:02}"),
                ResourceType::Seat,
                Decimal::new(3000, 2),
            )?;
            resources.push(r.id);
        }
        let mut customers = Vec::new();
        for i in 1..=40 {
            let c = desk.register_customer(NewCustomer::new(
                format!("Bench Customer {i}"),
                format!("0100000{i:04}"),
            ))?;
            customers.push(c.id);
        }
        let tea =
            desk.add_inventory_item("Tea", Category::Beverage, Decimal::new(2000, 2), STOCK, 0)?;
        let cookie =
            desk.add_inventory_item("Cookies", Category::Snack, Decimal::new(3000, 2), STOCK, 0)?;
        Ok(Fixture {
            customers,
            resources,
            items: vec![tea.id, cookie.id],
        })
    }

    /// The `k`-th cycle's customer, resource and two items.
    pub fn pick(&self, k: usize) -> (Uuid, Uuid, [Uuid; 2]) {
        let n = self.items.len();
        (
            self.customers[k % self.customers.len()],
            self.resources[k % self.resources.len()],
            [self.items[k % n], self.items[(k + 1) % n]],
        )
    }
}

/// Runs Backspace cycles in rotation.
pub struct BackspaceRunner<'a> {
    /// The desk.
    pub desk: &'a Desk,
    /// The fixture.
    pub fixture: &'a Fixture,
    /// Cycles run so far.
    pub k: usize,
}

impl BackspaceRunner<'_> {
    /// Runs `n` cycles.
    pub fn run(&mut self, n: usize) -> BenchResult<()> {
        for _ in 0..n {
            let (c, r, items) = self.fixture.pick(self.k);
            self.k += 1;
            backspace_cycle(self.desk, c, r, items)?;
        }
        Ok(())
    }
}

/// Runs floor cycles in rotation (ids as text, made once).
pub struct FloorRunner {
    /// The floor.
    pub floor: FloorDesk,
    customers: Vec<String>,
    resources: Vec<String>,
    items: Vec<String>,
    /// Cycles run so far.
    pub k: usize,
}

impl FloorRunner {
    /// A runner over `floor` using `fixture`.
    pub fn new(floor: FloorDesk, fixture: &Fixture) -> FloorRunner {
        let text = |v: &[Uuid]| v.iter().map(|u| u.hyphenated().to_string()).collect();
        FloorRunner {
            floor,
            customers: text(&fixture.customers),
            resources: text(&fixture.resources),
            items: text(&fixture.items),
            k: 0,
        }
    }

    /// Runs `n` cycles.
    pub fn run(&mut self, n: usize) -> BenchResult<()> {
        for _ in 0..n {
            let k = self.k;
            self.k += 1;
            let m = self.items.len();
            self.floor.cycle(
                &self.customers[k % self.customers.len()],
                &self.resources[k % self.resources.len()],
                [&self.items[k % m], &self.items[(k + 1) % m]],
            )?;
        }
        Ok(())
    }
}
