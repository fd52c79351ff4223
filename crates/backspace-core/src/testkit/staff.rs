//! Staff, permissions and the audit log (§16: R-STAFF-1..4).

use super::*;
use crate::ErrorKind;
use crate::settings::SettingsUpdate;
use crate::staff::{Operator, Role};

/// A desk signed in as someone.
pub struct Staffed<S: Store> {
    pub owner: Backspace<S>,
    pub manager: Backspace<S>,
    pub cashier: Backspace<S>,
    pub ids: [Operator; 3],
}

/// Adds an owner (Hany, 1111), a manager (Salma, 2222) and a cashier (Omar, 3333), signed in.
pub fn staffed<S: Store>(fx: &Fx<S>) -> Staffed<S> {
    let add = |desk: &Backspace<S>, name: &str, role: Role, pin: &str| {
        desk.at(t(6, 0))
            .add_operator(NewOperator::new(name, role, pin))
            .unwrap()
    };
    let hany = add(&fx.bs, "Hany", Role::Owner, "1111");
    let owner = fx.bs.sign_in(hany.id, "1111").unwrap();
    let salma = add(&owner, "Salma", Role::Manager, "2222");
    let omar = add(&owner, "Omar", Role::Cashier, "3333");
    Staffed {
        manager: fx.bs.sign_in(salma.id, "2222").unwrap(),
        cashier: fx.bs.sign_in(omar.id, "3333").unwrap(),
        owner,
        ids: [hany, salma, omar],
    }
}

fn forbidden(err: &crate::Error) -> (Option<String>, String) {
    match err {
        crate::Error::Forbidden {
            operator,
            permission,
            ..
        } => (operator.clone(), permission.clone()),
        other => panic!("not forbidden: {other}"),
    }
}

pub fn r_staff_1_operators_are_added_by_an_owner_with_hashed_pins<S: Store>(store: S) {
    let fx = Fx::new(store);
    // The first operator must be an owner, or no one could manage staff and settings.
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .add_operator(NewOperator::new("Omar", Role::Cashier, "3333"))
    });
    for bad in ["123", "1234567890123", "12a4", "١٢٣٤", ""] {
        let err = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
            fx.bs
                .add_operator(NewOperator::new("Hany", Role::Owner, bad))
        });
        assert!(err.to_string().contains("pin"), "{err}");
    }
    let staff = staffed(&fx);
    let [hany, salma, omar] = &staff.ids;
    assert_eq!(
        (hany.role, salma.role, omar.role),
        (Role::Owner, Role::Manager, Role::Cashier)
    );
    assert!(hany.is_active && hany.created_at == t(6, 0));
    // Stored only as a salted Argon2id hash; never in the listing.
    let records = fx.bs.store().read(|tx| tx.operators()).unwrap();
    assert_eq!(records.len(), 3);
    for (r, pin) in records.iter().zip(["1111", "3333", "2222"]) {
        assert!(r.pin_hash.starts_with("$argon2id$"), "{}", r.operator.name);
        assert!(!r.pin_hash.contains(pin));
        assert!(!format!("{r:?}").contains(&r.pin_hash));
    }
    let listed = staff.owner.list_operators().unwrap();
    let names: Vec<&str> = listed.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["Hany", "Omar", "Salma"]);
    let err = staff.manager.list_operators().unwrap_err();
    assert_eq!(
        forbidden(&err),
        (Some("manager Salma".into()), "operators".into())
    );
    fails_unchanged(&fx.bs, ErrorKind::Forbidden, || {
        staff
            .manager
            .add_operator(NewOperator::new("Ali", Role::Cashier, "4444"))
    });
    // An owner renames, promotes and re-PINs; the old PIN stops working.
    let omar2 = staff
        .owner
        .update_operator(
            omar.id,
            OperatorUpdate {
                name: Some("Omar Adel".into()),
                role: Some(Role::Manager),
                pin: Some("5555".into()),
            },
        )
        .unwrap();
    assert_eq!(
        (omar2.name.as_str(), omar2.role),
        ("Omar Adel", Role::Manager)
    );
    assert_eq!(
        fx.bs.sign_in(omar.id, "3333").unwrap_err().kind(),
        ErrorKind::Forbidden
    );
    fx.bs.sign_in(omar.id, "5555").unwrap();
    // The last active owner keeps the role and cannot be deactivated.
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        staff.owner.update_operator(
            hany.id,
            OperatorUpdate {
                role: Some(Role::Manager),
                ..Default::default()
            },
        )
    });
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        staff.owner.deactivate_operator(hany.id)
    });
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        staff.owner.deactivate_operator(uuid::Uuid::new_v4())
    });
}

pub fn r_staff_2_once_staff_exist_writes_need_a_signed_in_operator<S: Store>(store: S) {
    let fx = Fx::new(store);
    // Single-user mode: no operators, no sign-in, entries recorded as no one's.
    let mona = fx.customer("Mona", "01000000001");
    let audit = fx
        .bs
        .store()
        .read(|tx| tx.last_audit_entry())
        .unwrap()
        .unwrap();
    assert_eq!(
        (audit.operator_id, audit.operation.as_str()),
        (None, "register_customer")
    );
    let staff = staffed(&fx);
    let err = fails_unchanged(&fx.bs, ErrorKind::Forbidden, || {
        fx.bs
            .register_customer(NewCustomer::new("Ali", "01000000002"))
    });
    assert_eq!(forbidden(&err), (None, "desk".into()));
    assert!(err.to_string().contains("sign in"), "{err}");
    // Reads of records stay open; reports need a manager.
    assert_eq!(fx.bs.get_customer(mona.id).unwrap(), mona);
    assert_eq!(
        fx.bs
            .revenue(date(2026, 11, 24), date(2026, 11, 24))
            .unwrap_err()
            .kind(),
        ErrorKind::Forbidden
    );
    // Signed in, the same operation is recorded as the cashier's.
    let ali = staff
        .cashier
        .register_customer(NewCustomer::new("Ali", "01000000002"))
        .unwrap();
    let audit = fx
        .bs
        .store()
        .read(|tx| tx.last_audit_entry())
        .unwrap()
        .unwrap();
    assert_eq!(audit.operator_id, Some(staff.ids[2].id));
    assert_eq!(audit.ids, [ali.id]);
    assert_eq!(staff.cashier.operator_id(), Some(staff.ids[2].id));
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.sign_in(uuid::Uuid::new_v4(), "1111")
    });
}

pub fn r_staff_2_five_wrong_pins_lock_for_five_minutes<S: Store>(store: S) {
    let fx = Fx::new(store);
    let staff = staffed(&fx);
    let omar = staff.ids[2].id;
    // Locks follow the clock, whatever instant a desk records.
    let at = |m: i64| {
        fx.clock.set(t(20, 0) + mins(m));
        fx.bs.at(t(12, 0))
    };
    for n in 1..=4 {
        let err = at(0).sign_in(omar, "0000").unwrap_err();
        assert_eq!(
            forbidden(&err),
            (Some("cashier Omar".into()), "sign_in".into())
        );
        assert!(err.to_string().contains(&format!("{n} of 5")), "{err}");
        assert!(!err.to_string().contains("0000") && !err.to_string().contains("3333"));
    }
    // A right PIN resets the count.
    at(0).sign_in(omar, "3333").unwrap();
    for _ in 0..4 {
        at(1).sign_in(omar, "9999").unwrap_err();
    }
    let err = at(1).sign_in(omar, "9999").unwrap_err();
    assert!(
        err.to_string()
            .contains("locked until 2026-11-24 20:06:00 UTC"),
        "{err}"
    );
    // Locked: even the right PIN is refused, in this desk and any other on the store.
    let err = at(3).sign_in(omar, "3333").unwrap_err();
    assert!(
        err.to_string().contains("locked until 2026-11-24 20:06:00"),
        "{err}"
    );
    // A desk recording an instant past the lock does not step past it.
    fx.clock.set(t(20, 3));
    let err = fx.bs.at(t(20, 8)).sign_in(omar, "3333").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);
    let record = fx.bs.store().read(|tx| tx.operator(omar)).unwrap().unwrap();
    assert_eq!(record.locked_until, Some(t(20, 6)));
    // Others are not locked; after five minutes Omar signs in again.
    at(3).sign_in(staff.ids[1].id, "2222").unwrap();
    at(6).sign_in(omar, "3333").unwrap();
    // A failed sign-in is not a write: the audit log holds only the successful ones.
    let audit = fx
        .bs
        .store()
        .read(|tx| tx.audit_entries(crate::clock::START_OF_TIME, crate::clock::END_OF_TIME))
        .unwrap();
    assert_eq!(
        audit.iter().filter(|e| e.operation == "sign_in").count(),
        3 + 2 + 1
    );
}

pub fn r_staff_2_deactivated_operators_cannot_sign_in_or_act<S: Store>(store: S) {
    let fx = Fx::new(store);
    let staff = staffed(&fx);
    let omar = staff.ids[2].id;
    let gone = staff.owner.deactivate_operator(omar).unwrap();
    assert!(!gone.is_active);
    let err = fails_unchanged(&fx.bs, ErrorKind::Forbidden, || {
        staff
            .cashier
            .register_customer(NewCustomer::new("Ali", "01000000002"))
    });
    assert!(err.to_string().contains("deactivated"), "{err}");
    let err = fx.bs.sign_in(omar, "3333").unwrap_err();
    assert!(err.to_string().contains("deactivated"), "{err}");
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        staff.owner.deactivate_operator(omar)
    });
}

pub fn r_staff_3_each_role_does_only_what_it_may<S: Store>(store: S) {
    let fx = Fx::new(store);
    let staff = staffed(&fx);
    let (owner, manager, cashier) = (&staff.owner, &staff.manager, &staff.cashier);
    let seat = manager
        .at(t(6, 0))
        .add_resource("Seat 1", ResourceType::Seat, d("30"))
        .unwrap();
    let tea = manager
        .at(t(6, 0))
        .add_inventory_item("Tea", Category::Beverage, d("10"), 5, 0)
        .unwrap();
    // A cashier's day.
    let mona = cashier
        .at(t(7, 0))
        .register_customer(NewCustomer::new("Mona", "01000000001"))
        .unwrap();
    let s = cashier.at(t(8, 0)).start_session(mona.id, seat.id).unwrap();
    cashier
        .at(t(8, 5))
        .add_consumption(s.id, tea.id, 1)
        .unwrap();
    let inv = cashier
        .at(t(9, 0))
        .checkout(s.id, Checkout::paying([NewPayment::cash(d("20"))]))
        .unwrap();
    cashier
        .at(t(9, 1))
        .deposit(mona.id, d("50"), PaymentMethod::Cash)
        .unwrap();
    cashier.at(t(9, 2)).restock(tea.id, 3).unwrap();
    cashier
        .at(t(9, 3))
        .subscribe(NewSubscription::new(mona.id, Plan::Weekly).price(d("300")))
        .unwrap();
    // … and what it may not do: each names the operator and the permission, writes nothing.
    type Refusal<'a> = (&'static str, Box<dyn Fn() -> crate::Error + 'a>);
    let refused: Vec<Refusal<'_>> = vec![
        (
            "corrections",
            Box::new(|| {
                cashier
                    .at(t(9, 5))
                    .void_invoice(inv.id, "oops")
                    .unwrap_err()
            }),
        ),
        (
            "corrections",
            Box::new(|| {
                cashier
                    .at(t(9, 5))
                    .refund(inv.id, d("5"), PaymentMethod::Cash, "x")
                    .unwrap_err()
            }),
        ),
        (
            "corrections",
            Box::new(|| cashier.at(t(9, 5)).write_off(inv.id, "x").unwrap_err()),
        ),
        (
            "adjust_stock",
            Box::new(|| {
                cashier
                    .at(t(9, 5))
                    .adjust_stock(tea.id, -1, "broken")
                    .unwrap_err()
            }),
        ),
        (
            "resources",
            Box::new(|| {
                cashier
                    .at(t(9, 5))
                    .add_resource("Room", ResourceType::Room, d("100"))
                    .unwrap_err()
            }),
        ),
        (
            "resources",
            Box::new(|| cashier.set_resource_available(seat.id, false).unwrap_err()),
        ),
        (
            "inventory_items",
            Box::new(|| {
                cashier
                    .at(t(9, 5))
                    .add_inventory_item("Cake", Category::Snack, d("40"), 1, 0)
                    .unwrap_err()
            }),
        ),
        (
            "close_day",
            Box::new(|| cashier.close_day(date(2026, 11, 23)).unwrap_err()),
        ),
        (
            "reports",
            Box::new(|| {
                cashier
                    .revenue(date(2026, 11, 24), date(2026, 11, 24))
                    .unwrap_err()
            }),
        ),
        (
            "reports",
            Box::new(|| cashier.outstanding_invoices().unwrap_err()),
        ),
        ("reports", Box::new(|| cashier.verify_trail().unwrap_err())),
        (
            "reports",
            Box::new(|| {
                cashier
                    .audit_log(date(2026, 11, 24), date(2026, 11, 24), None)
                    .unwrap_err()
            }),
        ),
        (
            "settings",
            Box::new(|| {
                cashier
                    .update_settings(SettingsUpdate {
                        currency: Some("LE".into()),
                        ..Default::default()
                    })
                    .unwrap_err()
            }),
        ),
        (
            "settings",
            Box::new(|| {
                manager
                    .update_settings(SettingsUpdate {
                        currency: Some("LE".into()),
                        ..Default::default()
                    })
                    .unwrap_err()
            }),
        ),
        (
            "operators",
            Box::new(|| manager.deactivate_operator(staff.ids[2].id).unwrap_err()),
        ),
    ];
    for (permission, call) in &refused {
        let before = snapshot(&fx.bs);
        let err = call();
        assert_eq!(forbidden(&err).1, *permission, "{err}");
        assert!(err.to_string().starts_with("forbidden: "), "{err}");
        assert_eq!(snapshot(&fx.bs), before, "{err}");
    }
    let err = refused[0].1();
    assert_eq!(forbidden(&err).0.as_deref(), Some("cashier Omar"));
    assert!(err.to_string().contains("manager or above"), "{err}");
    // A manager does the corrections and reports; an owner the settings.
    manager
        .at(t(9, 6))
        .refund(inv.id, d("5"), PaymentMethod::Cash, "cold tea")
        .unwrap();
    manager
        .at(t(9, 7))
        .adjust_stock(tea.id, -1, "broken cup")
        .unwrap();
    manager
        .revenue(date(2026, 11, 24), date(2026, 11, 24))
        .unwrap();
    assert!(manager.verify_trail().unwrap().is_intact());
    owner
        .update_settings(SettingsUpdate {
            currency: Some("LE".into()),
            ..Default::default()
        })
        .unwrap();
}

pub fn r_staff_3_cashier_discounts_are_capped_by_settings<S: Store>(store: S) {
    let fx = Fx::new(store);
    let staff = staffed(&fx);
    let seat = staff
        .manager
        .at(t(6, 0))
        .add_resource("Seat 1", ResourceType::Seat, d("30"))
        .unwrap();
    let mona = staff
        .cashier
        .at(t(7, 0))
        .register_customer(NewCustomer::new("Mona", "01000000001"))
        .unwrap();
    let s = staff
        .cashier
        .at(t(8, 0))
        .start_session(mona.id, seat.id)
        .unwrap();
    let err = fails_unchanged(&fx.bs, ErrorKind::Forbidden, || {
        staff
            .cashier
            .at(t(9, 0))
            .end_session(s.id, EndSession::with_discount(d("10.01")))
    });
    assert_eq!(forbidden(&err).1, "large_discount");
    assert!(err.to_string().contains("at most 10.00%"), "{err}");
    fails_unchanged(&fx.bs, ErrorKind::Forbidden, || {
        staff
            .cashier
            .at(t(9, 0))
            .checkout(s.id, Checkout::default().discount(d("50")))
    });
    let inv = staff
        .cashier
        .at(t(9, 0))
        .end_session(s.id, EndSession::with_discount(d("10")))
        .unwrap();
    assert_eq!(inv.total, d("27.00"));
    fails_unchanged(&fx.bs, ErrorKind::Forbidden, || {
        staff.cashier.at(t(9, 1)).set_discount(inv.id, d("20"))
    });
    staff
        .manager
        .at(t(9, 1))
        .set_discount(inv.id, d("20"))
        .unwrap();
    staff
        .owner
        .update_settings(SettingsUpdate {
            max_cashier_discount: Some(d("25")),
            ..Default::default()
        })
        .unwrap();
    let inv = staff
        .cashier
        .at(t(9, 2))
        .set_discount(inv.id, d("25"))
        .unwrap();
    assert_eq!(inv.total, d("22.50"));
}

pub fn r_staff_4_every_successful_write_is_audited_once<S: Store>(store: S) {
    let fx = Fx::new(store);
    let staff = staffed(&fx);
    let all = || {
        fx.bs
            .store()
            .read(|tx| tx.audit_entries(crate::clock::START_OF_TIME, crate::clock::END_OF_TIME))
            .unwrap()
    };
    let start = all().len();
    // add_operator ×3 and sign_in ×3 so far, in order, numbered from 1.
    let ops: Vec<String> = all().iter().map(|e| e.operation.clone()).collect();
    assert_eq!(
        ops,
        [
            "add_operator",
            "sign_in",
            "add_operator",
            "add_operator",
            "sign_in",
            "sign_in"
        ]
    );
    let seat = staff
        .manager
        .at(t(8, 0))
        .add_resource("Seat 1", ResourceType::Seat, d("30"))
        .unwrap();
    let mona = staff
        .cashier
        .at(t(8, 1))
        .register_customer(NewCustomer::new("Mona", "01000000001"))
        .unwrap();
    let s = staff
        .cashier
        .at(t(8, 2))
        .start_session(mona.id, seat.id)
        .unwrap();
    let inv = staff
        .cashier
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    // Failures append nothing.
    staff
        .cashier
        .at(t(9, 1))
        .void_invoice(inv.id, "typo")
        .unwrap_err();
    staff
        .manager
        .at(t(9, 1))
        .void_invoice(uuid::Uuid::new_v4(), "typo")
        .unwrap_err();
    staff
        .manager
        .at(t(9, 2))
        .void_invoice(inv.id, "wrong customer")
        .unwrap();
    let entries = all();
    assert_eq!(entries.len(), start + 5);
    assert!(
        entries
            .iter()
            .enumerate()
            .all(|(i, e)| e.seq == i as u64 + 1)
    );
    let void = entries.last().unwrap();
    assert_eq!(
        (void.operation.as_str(), void.operator_id, void.at),
        ("void_invoice", Some(staff.ids[1].id), t(9, 2))
    );
    assert_eq!(void.ids, [inv.id, mona.id, s.id]);
    assert_eq!(void.args, r#"{"reason":"wrong customer"}"#);
    let end = &entries[entries.len() - 2];
    assert_eq!(end.operation, "end_session");
    assert_eq!(end.ids[0], s.id);
    // No PIN is ever in the log.
    assert!(
        entries
            .iter()
            .all(|e| !e.args.contains("1111") && !e.args.contains("2222"))
    );
    // The owner's question: who voided INV-0001?
    let day = date(2026, 11, 24);
    let voids: Vec<_> = staff
        .owner
        .audit_log(day, day, None)
        .unwrap()
        .into_iter()
        .filter(|e| e.operation == "void_invoice" && e.ids.contains(&inv.id))
        .collect();
    assert_eq!(voids.len(), 1);
    assert_eq!(voids[0].operator_id, Some(staff.ids[1].id));
    let omars = staff.manager.audit_log(day, day, staff.ids[2].id).unwrap();
    let ops: Vec<&str> = omars.iter().map(|e| e.operation.as_str()).collect();
    assert_eq!(
        ops,
        [
            "sign_in",
            "register_customer",
            "start_session",
            "end_session"
        ]
    );
    assert!(
        staff
            .owner
            .audit_log(date(2026, 11, 25), day, None)
            .is_err()
    );
    // Its own footprint chain, checked with the trail.
    let report = staff.owner.verify_trail().unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.audit_entries, entries.len() as u64);
    let mut chain = crate::trail::GENESIS.to_string();
    for e in &entries {
        chain = crate::trail::footprint(&chain, &crate::audit::audit_hash(e));
        assert_eq!(e.footprint, chain);
    }
}
