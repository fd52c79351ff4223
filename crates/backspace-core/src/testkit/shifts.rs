//! Shifts and the cash drawer (§16: R-SHIFT-1..3).

use super::staff::staffed;
use super::*;
use crate::ErrorKind;
use crate::drawer::DrawerEntryKind;
use crate::model::PaymentMethod as M;
use crate::settings::SettingsUpdate;

pub fn r_shift_1_one_open_shift_per_drawer_and_per_operator<S: Store>(store: S) {
    let fx = Fx::new(store);
    // Single-user mode opens shifts too, on `main` unless named.
    let shift = fx
        .bs
        .at(t(7, 0))
        .open_shift(OpenShift::new(d("500")))
        .unwrap();
    assert_eq!(
        (
            shift.drawer.as_str(),
            shift.opened_by,
            shift.opening_float,
            shift.is_open()
        ),
        ("main", None, d("500.00"), true)
    );
    let err = fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.at(t(7, 1)).open_shift(OpenShift::new(d("100")))
    });
    assert!(
        err.to_string()
            .contains("drawer main already has an open shift"),
        "{err}"
    );
    for (float, drawer) in [
        ("-1", "bar"),
        ("1.005", "bar"),
        ("10", " "),
        ("10", &"x".repeat(41)),
    ] {
        fails_unchanged(&fx.bs, ErrorKind::Validation, || {
            fx.bs
                .at(t(7, 2))
                .open_shift(OpenShift::new(d(float)).drawer(drawer))
        });
    }
    fx.bs
        .at(t(8, 0))
        .close_shift(CloseShift::counted(d("500")))
        .unwrap();
    // Closing again: nothing is open.
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.at(t(8, 1)).close_shift(CloseShift::counted(d("500")))
    });
    let staff = staffed(&fx);
    let mine = staff
        .cashier
        .at(t(9, 0))
        .open_shift(OpenShift::new(d("200")))
        .unwrap();
    assert_eq!(mine.opened_by, Some(staff.ids[2].id));
    // The same cashier cannot hold two drawers; someone else takes the bar.
    fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        staff
            .cashier
            .at(t(9, 1))
            .open_shift(OpenShift::new(d("50")).drawer("bar"))
    });
    fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        staff
            .manager
            .at(t(9, 1))
            .open_shift(OpenShift::new(d("50")))
    });
    let bar = staff
        .manager
        .at(t(9, 2))
        .open_shift(OpenShift::new(d("50")).drawer("bar"))
        .unwrap();
    assert_eq!(bar.drawer, "bar");
    assert_eq!(staff.cashier.current_shift().unwrap(), Some(mine.clone()));
    assert_eq!(staff.manager.current_shift().unwrap(), Some(bar));
    // Someone with no shift of their own takes money into the main drawer.
    assert_eq!(staff.owner.current_shift().unwrap(), Some(mine));
}

pub fn r_shift_2_money_taken_during_a_shift_is_attached_to_it<S: Store>(store: S) {
    let fx = Fx::new(store);
    let staff = staffed(&fx);
    let seat = staff
        .manager
        .at(t(6, 0))
        .add_resource("Seat 1", ResourceType::Seat, d("30"))
        .unwrap();
    let mona = staff
        .cashier
        .at(t(6, 1))
        .register_customer(NewCustomer::new("Mona", "01000000001"))
        .unwrap();
    // Before any shift: money moves, attached to nothing.
    fx.bs
        .store()
        .read(|tx| tx.open_shifts())
        .unwrap()
        .is_empty()
        .then_some(())
        .unwrap();
    staff
        .cashier
        .at(t(6, 2))
        .deposit(mona.id, d("10"), M::Cash)
        .unwrap();
    let shift = staff
        .cashier
        .at(t(7, 0))
        .open_shift(OpenShift::new(d("200")))
        .unwrap();
    let s = staff
        .cashier
        .at(t(7, 0))
        .start_session(mona.id, seat.id)
        .unwrap();
    let inv = staff
        .cashier
        .at(t(9, 0))
        .checkout(
            s.id,
            Checkout::paying([
                NewPayment::cash(d("40")),
                NewPayment::card(d("15")),
                NewPayment::balance(d("5")),
            ]),
        )
        .unwrap();
    staff
        .cashier
        .at(t(9, 1))
        .deposit(mona.id, d("100"), M::Transfer)
        .unwrap();
    staff
        .cashier
        .at(t(9, 2))
        .deposit(mona.id, d("20"), M::Cash)
        .unwrap();
    staff
        .manager
        .at(t(9, 3))
        .refund(inv.id, d("10"), M::Cash, "slow wifi")
        .unwrap();
    staff
        .manager
        .at(t(9, 4))
        .refund(inv.id, d("5"), M::Balance, "goodwill")
        .unwrap();
    staff
        .cashier
        .at(t(9, 5))
        .pay_in(d("50"), "change from the bank")
        .unwrap();
    // A pay-out is a manager's.
    let err = fails_unchanged(&fx.bs, ErrorKind::Forbidden, || {
        staff.cashier.at(t(9, 6)).pay_out(d("30"), "milk")
    });
    assert!(matches!(&err, crate::Error::Forbidden { permission, .. } if permission == "pay_out"));
    for (amount, why) in [("0", "milk"), ("-5", "milk"), ("1.001", "milk"), ("5", " ")] {
        fails_unchanged(&fx.bs, ErrorKind::Validation, || {
            staff.manager.at(t(9, 6)).pay_out(d(amount), why)
        });
    }
    let out = staff.manager.at(t(9, 6)).pay_out(d("30"), "milk").unwrap();
    // The manager has no shift of their own: the pay-out goes to the main drawer's.
    assert_eq!(
        (out.shift_id, out.kind, out.method),
        (shift.id, DrawerEntryKind::PayOut, M::Cash)
    );
    let report = staff.cashier.shift_report(shift.id).unwrap();
    let kinds: Vec<(DrawerEntryKind, M, Decimal)> = report
        .entries
        .iter()
        .map(|e| (e.kind, e.method, e.amount))
        .collect();
    assert_eq!(
        kinds,
        [
            (DrawerEntryKind::Payment, M::Cash, d("40.00")),
            (DrawerEntryKind::Payment, M::Card, d("15.00")),
            (DrawerEntryKind::Payment, M::Balance, d("5.00")),
            (DrawerEntryKind::Deposit, M::Transfer, d("100.00")),
            (DrawerEntryKind::Deposit, M::Cash, d("20.00")),
            (DrawerEntryKind::Refund, M::Cash, d("10.00")),
            (DrawerEntryKind::PayIn, M::Cash, d("50.00")),
            (DrawerEntryKind::PayOut, M::Cash, d("30.00")),
        ]
    );
    assert_eq!(report.entries[0].reference, inv.invoice_number);
    assert_eq!(report.entries[4].reference, mona.human_id);
    assert_eq!(
        (
            report.received.cash,
            report.received.card,
            report.received.transfer,
            report.received.balance
        ),
        (d("60.00"), d("15.00"), d("100.00"), d("5.00"))
    );
    assert_eq!(
        (report.refunded.cash, report.pay_ins, report.pay_outs),
        (d("10.00"), d("50.00"), d("30.00"))
    );
    // 200 + 60 + 50 − 10 − 30, while the shift is open.
    assert_eq!(report.expected_cash, d("270.00"));
    assert_eq!((report.counted_cash, report.over_short), (None, None));
}

pub fn r_shift_2_require_shift_refuses_cash_without_a_shift<S: Store>(store: S) {
    let fx = Fx::new(store);
    let mona = fx.customer("Mona", "01000000001");
    fx.bs
        .update_settings(SettingsUpdate {
            require_shift: Some(true),
            ..Default::default()
        })
        .unwrap();
    let err = fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.at(t(8, 0)).deposit(mona.id, d("10"), M::Cash)
    });
    assert!(err.to_string().contains("require_shift"), "{err}");
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.at(t(8, 0)).pay_in(d("10"), "float")
    });
    // Card needs no drawer.
    fx.bs
        .at(t(8, 0))
        .deposit(mona.id, d("10"), M::Card)
        .unwrap();
    fx.bs
        .at(t(8, 1))
        .open_shift(OpenShift::new(d("0")))
        .unwrap();
    fx.bs
        .at(t(8, 2))
        .deposit(mona.id, d("10"), M::Cash)
        .unwrap();
}

pub fn r_shift_3_close_counts_expected_cash_and_over_short<S: Store>(store: S) {
    let fx = Fx::new(store);
    let staff = staffed(&fx);
    let mona = staff
        .cashier
        .at(t(6, 1))
        .register_customer(NewCustomer::new("Mona", "01000000001"))
        .unwrap();
    let shift = staff
        .cashier
        .at(t(7, 0))
        .open_shift(OpenShift::new(d("200")))
        .unwrap();
    staff
        .cashier
        .at(t(8, 0))
        .deposit(mona.id, d("150"), M::Cash)
        .unwrap();
    staff.cashier.at(t(8, 1)).pay_in(d("50"), "change").unwrap();
    for bad in ["-1", "10.005"] {
        fails_unchanged(&fx.bs, ErrorKind::Validation, || {
            staff
                .cashier
                .at(t(9, 0))
                .close_shift(CloseShift::counted(d(bad)))
        });
    }
    // Someone else's shift is a manager's to close.
    let other = fx.bs.sign_in(staff.ids[2].id, "3333").unwrap();
    staff
        .owner
        .add_operator(NewOperator::new(
            "Nour",
            crate::staff::Role::Cashier,
            "4444",
        ))
        .unwrap();
    let nour_id = staff
        .owner
        .list_operators()
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Nour")
        .unwrap()
        .id;
    let nour = fx.bs.sign_in(nour_id, "4444").unwrap();
    let err = fails_unchanged(&fx.bs, ErrorKind::Forbidden, || {
        nour.at(t(9, 0))
            .close_shift(CloseShift::counted(d("400")).drawer("main"))
    });
    assert!(
        matches!(&err, crate::Error::Forbidden { permission, .. } if permission == "others_shifts")
    );
    assert_eq!(
        nour.shift_report(shift.id).unwrap_err().kind(),
        ErrorKind::Forbidden
    );
    // 200 + 150 + 50 = 400 expected; 380 counted: 20 short.
    let closed = other
        .at(t(9, 0))
        .close_shift(CloseShift::counted(d("380")))
        .unwrap();
    assert_eq!(
        (closed.expected_cash, closed.counted_cash, closed.over_short),
        (d("400.00"), Some(d("380.00")), Some(d("-20.00")))
    );
    assert_eq!(closed.shift.closed_at, Some(t(9, 0)));
    assert_eq!(closed.shift.closed_by, Some(staff.ids[2].id));
    assert_eq!(
        (
            closed.opened_by_name.as_deref(),
            closed.closed_by_name.as_deref()
        ),
        (Some("Omar"), Some("Omar"))
    );
    // Stored, and never changed again: later cash goes nowhere near it.
    assert_eq!(staff.manager.shift_report(shift.id).unwrap(), closed);
    staff
        .cashier
        .at(t(9, 5))
        .deposit(mona.id, d("10"), M::Cash)
        .unwrap();
    assert_eq!(staff.manager.shift_report(shift.id).unwrap(), closed);
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        staff
            .cashier
            .at(t(9, 6))
            .close_shift(CloseShift::counted(d("380")))
    });
    let closing_again = fx.bs.store().write(|tx| tx.close_shift(&closed.shift));
    assert_eq!(closing_again.unwrap_err().kind(), ErrorKind::InvalidState);
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        staff.manager.shift_report(uuid::Uuid::new_v4())
    });
    // A manager closes a cashier's shift, over this time.
    let second = staff
        .cashier
        .at(t(10, 0))
        .open_shift(OpenShift::new(d("100")))
        .unwrap();
    let closed = staff
        .manager
        .at(t(11, 0))
        .close_shift(CloseShift::counted(d("100.50")).drawer("main"))
        .unwrap();
    assert_eq!(
        (closed.shift.id, closed.over_short),
        (second.id, Some(d("0.50")))
    );
}
