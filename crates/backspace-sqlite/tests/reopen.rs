//! Everything written survives closing and reopening the file, identical field by field.

#![allow(clippy::unwrap_used)]

mod common;

use common::{TempDb, desk, everything, open, populate};

#[test]
fn records_read_back_identical_after_reopen() {
    let db = TempDb::new("reopen");
    let (bs, _) = desk(open(&db));
    populate(&bs);
    let before = everything(bs.store());
    assert_eq!(before.customers.len(), 3);
    assert_eq!(before.sessions.len(), 5);
    assert!(before.invoices.iter().any(|i| !i.payments.is_empty()));
    assert!(before.invoices.iter().all(|i| !i.line_items.is_empty()));
    drop(bs);

    let reopened = open(&db);
    let after = everything(&reopened);
    assert_eq!(after, before);
}

#[test]
fn sqlite_and_memory_stores_hold_the_same_records() {
    let (memory, _) = desk(backspace_core::MemoryStore::new());
    let (sqlite, _) = desk(backspace_sqlite::SqliteStore::in_memory().unwrap());
    populate(&memory);
    populate(&sqlite);
    let (m, s) = (everything(memory.store()), everything(sqlite.store()));
    // Ids are random per run; compare what they hold.
    assert_eq!(m.settings, s.settings);
    let names = |e: &common::Everything| -> Vec<(String, String)> {
        e.customers
            .iter()
            .map(|c| (c.human_id.clone(), c.name.clone()))
            .collect()
    };
    assert_eq!(names(&m), names(&s));
    let balances = |e: &common::Everything| -> Vec<_> {
        e.customers
            .iter()
            .map(|c| (c.balance, c.credit, c.customer_type))
            .collect()
    };
    assert_eq!(balances(&m), balances(&s));
    let invoices = |e: &common::Everything| -> Vec<_> {
        e.invoices
            .iter()
            .map(|i| {
                (
                    i.invoice_number.clone(),
                    i.total,
                    i.status,
                    i.discount,
                    i.line_items.clone(),
                    i.payments
                        .iter()
                        .map(|p| (p.amount, p.method, p.paid_at))
                        .collect::<Vec<_>>(),
                )
            })
            .collect()
    };
    assert_eq!(invoices(&m), invoices(&s));
    let movements = |e: &common::Everything| -> Vec<Vec<_>> {
        e.movements
            .iter()
            .map(|ms| {
                ms.iter()
                    .map(|m| (m.kind, m.delta, m.quantity_after, m.at))
                    .collect()
            })
            .collect()
    };
    assert_eq!(movements(&m), movements(&s));
}
