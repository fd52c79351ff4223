//! The storage port's own contract, below the rules: reads never write, an update of a record
//! that is not there is not-found (and changes nothing), `update_invoice` changes the header
//! only, and lists come back in the documented order.

use super::*;
use crate::ErrorKind;
use crate::staff::{OperatorRecord, Role};
use crate::store::StoreTx;

/// A write tried through the store's port.
type Attempt<'a> = Box<dyn Fn(&mut dyn StoreTx) -> crate::Result<()> + 'a>;

pub fn contract_reads_refuse_every_write<S: Store>(store: S) {
    let fx = Fx::new(store);
    let mona = fx.customer("Mona", "01012345678");
    let seat = fx.seat("Seat 1", "30");
    let before = snapshot(&fx.bs);
    let store = fx.bs.store();
    let mut copy = mona.clone();
    copy.name = "Changed".into();
    let attempts: Vec<Attempt<'_>> = vec![
        Box::new(|tx| tx.update_customer(&copy)),
        Box::new(|tx| tx.delete_resource(seat.id)),
        Box::new(|tx| tx.next_number(crate::store::Counter::Invoice).map(|_| ())),
        Box::new(|tx| {
            let s = tx.settings()?;
            tx.save_settings(&s)
        }),
    ];
    for attempt in &attempts {
        let err = store
            .read(|tx| attempt(tx))
            .expect_err("a read never writes");
        assert_eq!(err.kind(), ErrorKind::Storage, "{err}");
    }
    // What a read may do, it does.
    let found = store.read(|tx| tx.customer(mona.id)).unwrap();
    assert_eq!(found, Some(mona));
    assert_eq!(snapshot(&fx.bs), before);
}

pub fn contract_updates_of_missing_records_are_not_found<S: Store>(store: S) {
    let fx = Fx::new(store);
    let mona = fx.customer("Mona", "01012345678");
    let seat = fx.seat("Seat 1", "30");
    let tea = fx.item("Tea", "10", 5, 0);
    let invoice = fx.visit(&mona, &seat, t(9, 0), t(10, 0));
    let session = fx.bs.get_session(invoice.session_id.unwrap()).unwrap();
    let before = snapshot(&fx.bs);
    let store = fx.bs.store();
    let ghost = uuid::Uuid::now_v7();
    let operator = OperatorRecord {
        operator: crate::staff::Operator {
            id: ghost,
            name: "Ghost".into(),
            role: Role::Cashier,
            is_active: true,
            created_at: t(8, 0),
        },
        pin_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        wrong_pins: 0,
        locked_until: None,
    };
    let attempts: Vec<(&str, Attempt<'_>)> = vec![
        (
            "customer",
            Box::new(|tx| {
                tx.update_customer(&Customer {
                    id: ghost,
                    phone: "+201099999999".into(),
                    human_id: "C-999".into(),
                    ..mona.clone()
                })
            }),
        ),
        (
            "resource",
            Box::new(|tx| {
                tx.update_resource(&Resource {
                    id: ghost,
                    name: "Ghost seat".into(),
                    ..seat.clone()
                })
            }),
        ),
        (
            "session",
            Box::new(|tx| {
                tx.update_session(&Session {
                    id: ghost,
                    ..session.clone()
                })
            }),
        ),
        (
            "item",
            Box::new(|tx| {
                tx.update_item(&InventoryItem {
                    id: ghost,
                    ..tea.clone()
                })
            }),
        ),
        (
            "invoice",
            Box::new(|tx| {
                tx.update_invoice(&Invoice {
                    id: ghost,
                    ..invoice.clone()
                })
            }),
        ),
        ("operator", Box::new(|tx| tx.update_operator(&operator))),
    ];
    for (what, attempt) in &attempts {
        let err = store.write(|tx| attempt(tx)).expect_err(what);
        assert_eq!(err.kind(), ErrorKind::NotFound, "{what}: {err}");
    }
    assert_eq!(snapshot(&fx.bs), before);
}

pub fn contract_update_invoice_changes_the_header_only<S: Store>(store: S) {
    let fx = Fx::new(store);
    let mona = fx.customer("Mona", "01012345678");
    let seat = fx.seat("Seat 1", "30");
    let invoice = fx.visit(&mona, &seat, t(9, 0), t(10, 0));
    let store = fx.bs.store();
    store
        .write(|tx| {
            let mut changed = tx.invoice(invoice.id)?.unwrap();
            changed.line_items[0].description = "not written".into();
            changed.line_items.clear();
            changed.payments.clear();
            changed.footprint = "a new footprint".into();
            tx.update_invoice(&changed)
        })
        .unwrap();
    let after = fx.bs.get_invoice(invoice.id).unwrap();
    assert_eq!(
        after.line_items, invoice.line_items,
        "lines are added, never updated"
    );
    assert_eq!(after.footprint, "a new footprint", "the header is saved");
}

pub fn contract_lists_come_back_in_the_documented_order<S: Store>(store: S) {
    let fx = Fx::new(store);
    for i in 1..=11 {
        fx.customer(&format!("Customer {i}"), &format!("0101234{i:04}"));
    }
    let ids: Vec<String> = fx
        .bs
        .list_customers()
        .unwrap()
        .into_iter()
        .map(|c| c.human_id)
        .collect();
    let expected: Vec<String> = (1..=11).map(|i| format!("C-{i:03}")).collect();
    assert_eq!(ids, expected, "customers by human id");
    for name in ["Room B", "Desk", "Room A"] {
        fx.seat(name, "30");
    }
    let names: Vec<String> = fx
        .bs
        .list_resources()
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["Desk", "Room A", "Room B"], "resources by name");
}
