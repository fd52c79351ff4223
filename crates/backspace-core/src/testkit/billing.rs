//! Invoices, payments, balance and failed operations (§9, §10, §12).

use super::*;
use crate::ErrorKind;
use crate::model::{InvoiceFilter, PaymentMethod as M};

fn setup<S: Store>(fx: &Fx<S>) -> (Customer, Resource) {
    (fx.customer("Mona", "01000000001"), fx.seat("Seat 1", "30"))
}

pub fn r_invc_1_invoice_numbers_are_gapless<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let s = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    // A refused end takes no number.
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.at(t(7, 0)).end_session(s.id, EndSession::default())
    });
    assert_eq!(
        fx.bs
            .at(t(9, 0))
            .end_session(s.id, EndSession::default())
            .unwrap()
            .invoice_number,
        "INV-0001"
    );
    assert_eq!(
        fx.visit(&a, &seat, t(10, 0), t(11, 0)).invoice_number,
        "INV-0002"
    );
    assert_eq!(
        fx.bs.find_invoice("inv-0002").unwrap().invoice_number,
        "INV-0002"
    );
    assert_eq!(
        fx.bs.find_invoice("INV-0003").unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

pub fn r_invc_2_ending_issues_one_invoice_with_lines<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let tea = fx.item("Tea", "12.50", 10, 0);
    let chips = fx.item("Chips", "7.25", 10, 0);
    let s = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    fx.bs.at(t(8, 10)).add_consumption(s.id, tea.id, 2).unwrap();
    fx.bs
        .at(t(8, 20))
        .add_consumption(s.id, chips.id, 1)
        .unwrap();
    let inv = fx
        .bs
        .at(t(9, 30))
        .end_session(s.id, EndSession::default())
        .unwrap();
    let lines: Vec<_> = inv
        .line_items
        .iter()
        .map(|l| {
            (
                l.kind,
                l.description.as_str(),
                l.quantity,
                l.unit_price,
                l.amount,
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (LineKind::Session, "Seat 1", 90, d("30.00"), d("45.00")),
            (LineKind::Consumption, "Tea", 2, d("12.50"), d("25.00")),
            (LineKind::Consumption, "Chips", 1, d("7.25"), d("7.25")),
        ]
    );
    assert_eq!(
        (inv.amount, inv.discount_amount, inv.total),
        (d("77.25"), d("0.00"), d("77.25"))
    );
    assert_eq!(
        (inv.session_id, inv.customer_id, inv.issued_at),
        (Some(s.id), a.id, t(9, 30))
    );
    assert_eq!(
        fx.bs
            .list_invoices(&InvoiceFilter::default())
            .unwrap()
            .len(),
        1
    );
    assert_eq!(inv.total.to_string(), "77.25");
}

pub fn r_invc_3_discount_at_end_or_later_until_paid<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let s = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .at(t(9, 0))
            .end_session(s.id, EndSession::with_discount(d("101")))
    });
    // 1h05 at 30/h = 32.50; 12.5% = 4.0625 → 4.06; total 28.44.
    let inv = fx
        .bs
        .at(t(9, 5))
        .end_session(s.id, EndSession::with_discount(d("12.5")))
        .unwrap();
    assert_eq!(
        (inv.discount, inv.discount_amount, inv.total),
        (d("12.50"), d("4.06"), d("28.44"))
    );
    let inv = fx.bs.at(t(9, 10)).set_discount(inv.id, d("100")).unwrap();
    assert_eq!((inv.total, inv.status), (d("0.00"), InvoiceStatus::Paid));
    let inv = fx.bs.at(t(9, 10)).set_discount(inv.id, d("10")).unwrap();
    assert_eq!(
        (inv.total, inv.status, inv.paid_date),
        (d("29.25"), InvoiceStatus::Unpaid, None)
    );
    assert_eq!(fx.bs.get_customer(a.id).unwrap().balance, d("-29.25"));
    fx.bs
        .at(t(9, 15))
        .record_payment(inv.id, NewPayment::new(d("5"), M::Cash))
        .unwrap();
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.set_discount(inv.id, d("20"))
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.set_discount(inv.id, d("-1"))
    });
}

pub fn r_invc_4_overpayment_and_paying_a_paid_invoice<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let inv = fx.visit(&a, &seat, t(8, 0), t(9, 0));
    let e = fails_unchanged(&fx.bs, ErrorKind::Overpayment, || {
        fx.bs
            .record_payment(inv.id, NewPayment::new(d("30.01"), M::Cash))
    });
    assert!(e.to_string().contains("30.00"), "{e}");
    fx.bs
        .record_payment(inv.id, NewPayment::new(d("30"), M::Card))
        .unwrap();
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs
            .record_payment(inv.id, NewPayment::new(d("1"), M::Cash))
    });
}

pub fn r_invc_5_status_follows_payments<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let inv = fx.visit(&a, &seat, t(8, 0), t(10, 0));
    assert_eq!((inv.status, inv.paid_date), (InvoiceStatus::Unpaid, None));
    let inv = fx
        .bs
        .at(t(10, 0))
        .record_payment(inv.id, NewPayment::new(d("20"), M::Cash))
        .unwrap();
    assert_eq!(
        (inv.status, inv.paid_amount),
        (InvoiceStatus::Pending, d("20.00"))
    );
    // Completed at 21:30 Cairo: paid on that business date.
    let inv = fx
        .bs
        .at(t(22, 30) - Duration::hours(3))
        .record_payment(inv.id, NewPayment::new(d("40"), M::Transfer))
        .unwrap();
    assert_eq!(
        (inv.status, inv.paid_date),
        (InvoiceStatus::Paid, Some(date(2026, 11, 24)))
    );
    let zero = fx.visit(&a, &seat, t(11, 0), t(11, 0));
    assert_eq!(
        (zero.status, zero.paid_date),
        (InvoiceStatus::Paid, Some(date(2026, 11, 24)))
    );
    let (b, seat2) = (fx.customer("B", "01000000002"), fx.seat("Seat 2", "30"));
    let late = fx.visit(
        &b,
        &seat2,
        t(21, 0) - Duration::days(1),
        t(22, 30) - Duration::days(1),
    );
    assert_eq!(late.issue_date, date(2026, 11, 24));
    let late = fx
        .bs
        .at(t(23, 0) - Duration::days(1))
        .record_payment(late.id, NewPayment::new(late.total, M::Cash))
        .unwrap();
    assert_eq!(late.paid_date, Some(date(2026, 11, 24)));
}

pub fn r_invc_6_due_date_and_overdue<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let inv = fx.visit(&a, &seat, t(8, 0), t(9, 0));
    assert_eq!(
        (inv.issue_date, inv.due_date),
        (date(2026, 11, 24), date(2026, 12, 1))
    );
    assert!(!inv.is_overdue(date(2026, 12, 1)));
    assert!(inv.is_overdue(date(2026, 12, 2)));
    fx.bs
        .update_settings(crate::settings::SettingsUpdate {
            invoice_due_days: Some(0),
            ..Default::default()
        })
        .unwrap();
    let inv2 = fx.visit(&a, &seat, t(10, 0), t(11, 0));
    assert_eq!(inv2.due_date, date(2026, 11, 24));
    let paid = fx
        .bs
        .record_payment(inv.id, NewPayment::new(d("30"), M::Cash))
        .unwrap();
    assert!(!paid.is_overdue(date(2027, 1, 1)));
}

pub fn r_invc_7_payment_and_consumption_instants<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let tea = fx.item("Tea", "10", 5, 0);
    let s = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.at(t(7, 59)).add_consumption(s.id, tea.id, 1)
    });
    let inv = fx
        .bs
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .at(t(8, 59))
            .record_payment(inv.id, NewPayment::new(d("1"), M::Cash))
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .record_payment(inv.id, NewPayment::new(d("0"), M::Cash))
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .record_payment(inv.id, NewPayment::new(d("1.001"), M::Cash))
    });
    let inv = fx
        .bs
        .at(t(9, 0))
        .record_payment(
            inv.id,
            NewPayment::new(d("10"), M::Cash).note(" receipt 17 "),
        )
        .unwrap();
    assert_eq!(inv.payments[0].note.as_deref(), Some("receipt 17"));
    assert_eq!(
        (inv.payments[0].method, inv.payments[0].paid_at),
        (M::Cash, t(9, 0))
    );
}

pub fn r_invc_8_lines_and_payments_come_back_with_the_invoice<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let inv = fx.visit(&a, &seat, t(8, 0), t(9, 0));
    fx.bs
        .at(t(9, 1))
        .record_payment(inv.id, NewPayment::new(d("10"), M::Cash))
        .unwrap();
    let inv = fx
        .bs
        .at(t(9, 2))
        .record_payment(inv.id, NewPayment::new(d("5"), M::Card).note("visa"))
        .unwrap();
    let got = fx.bs.get_invoice(inv.id).unwrap();
    assert_eq!(got, inv);
    assert_eq!(
        got.payments.iter().map(|p| p.amount).collect::<Vec<_>>(),
        [d("10.00"), d("5.00")]
    );
    let filter = InvoiceFilter {
        customer_id: Some(a.id),
        status: Some(InvoiceStatus::Pending),
        ..Default::default()
    };
    assert_eq!(fx.bs.list_invoices(&filter).unwrap(), [got]);
}

pub fn r_bal_1_balance_is_credit_minus_outstanding<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    fx.bs.at(t(7, 0)).deposit(a.id, d("100"), M::Cash).unwrap();
    let inv = fx.visit(&a, &seat, t(8, 0), t(10, 0));
    fx.bs
        .record_payment(inv.id, NewPayment::new(d("20"), M::Cash))
        .unwrap();
    let c = fx.bs.get_customer(a.id).unwrap();
    // credit 100, outstanding 60 − 20 = 40 → balance 60.
    assert_eq!((c.credit, c.balance), (d("100.00"), d("60.00")));
    fx.bs
        .record_payment(inv.id, NewPayment::new(d("40"), M::Balance))
        .unwrap();
    let c = fx.bs.get_customer(a.id).unwrap();
    assert_eq!((c.credit, c.balance), (d("60.00"), d("60.00")));
}

pub fn r_bal_2_balance_payment_needs_credit<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let inv = fx.visit(&a, &seat, t(8, 0), t(10, 0));
    let e = fails_unchanged(&fx.bs, ErrorKind::InsufficientCredit, || {
        fx.bs
            .record_payment(inv.id, NewPayment::new(d("1"), M::Balance))
    });
    assert!(e.to_string().contains("0.00"), "{e}");
    fx.bs
        .at(t(11, 0))
        .deposit(a.id, d("50"), M::Transfer)
        .unwrap();
    fails_unchanged(&fx.bs, ErrorKind::InsufficientCredit, || {
        fx.bs
            .record_payment(inv.id, NewPayment::new(d("50.01"), M::Balance))
    });
    let before = fx.bs.statement(a.id).unwrap().len();
    fx.bs
        .record_payment(inv.id, NewPayment::new(d("50"), M::Balance))
        .unwrap();
    assert_eq!(
        fx.bs.statement(a.id).unwrap().len(),
        before,
        "a balance payment writes no ledger entry"
    );
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.deposit(a.id, d("5"), M::Balance)
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.deposit(a.id, d("0"), M::Cash)
    });
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.deposit(uuid::Uuid::new_v4(), d("5"), M::Cash)
    });
}

pub fn r_bal_3_statement_runs_to_the_stored_balance<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let dep = fx.bs.at(t(7, 0)).deposit(a.id, d("20"), M::Cash).unwrap();
    assert_eq!(
        (dep.kind, dep.amount, dep.reference.as_str()),
        (LedgerKind::Deposit, d("20.00"), "cash")
    );
    let inv = fx.visit(&a, &seat, t(8, 0), t(10, 0));
    fx.bs.at(t(10, 5)).set_discount(inv.id, d("50")).unwrap();
    fx.bs
        .at(t(10, 10))
        .record_payment(inv.id, NewPayment::new(d("10"), M::Card))
        .unwrap();
    let st = fx.bs.statement(a.id).unwrap();
    let rows: Vec<_> = st
        .iter()
        .map(|l| (l.entry.kind, l.entry.amount, l.balance))
        .collect();
    assert_eq!(
        rows,
        [
            (LedgerKind::Deposit, d("20.00"), d("20.00")),
            (LedgerKind::Invoice, d("-60.00"), d("-40.00")),
            (LedgerKind::Discount, d("30.00"), d("-10.00")),
            (LedgerKind::Payment, d("10.00"), d("0.00")),
        ]
    );
    assert_eq!(st[1].entry.reference, inv.invoice_number);
    assert_eq!(fx.bs.get_customer(a.id).unwrap().balance, d("0.00"));
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.statement(uuid::Uuid::new_v4())
    });
}

pub fn r_err_2_bad_input_changes_nothing<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let tea = fx.item("Tea", "10", 5, 0);
    let s = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    fx.bs.at(t(8, 1)).add_consumption(s.id, tea.id, 1).unwrap();
    use ErrorKind::*;
    fails_unchanged(&fx.bs, Validation, || {
        fx.bs.register_customer(NewCustomer::new("", "01012345678"))
    });
    fails_unchanged(&fx.bs, Validation, || {
        fx.bs.register_customer(NewCustomer::new("X", "0101234"))
    });
    fails_unchanged(&fx.bs, Validation, || {
        fx.bs.add_resource("R", ResourceType::Desk, d("-0.01"))
    });
    fails_unchanged(&fx.bs, Validation, || {
        fx.bs.add_resource("R", ResourceType::Desk, d("0.001"))
    });
    fails_unchanged(&fx.bs, Validation, || {
        fx.bs.add_consumption(s.id, tea.id, 0)
    });
    fails_unchanged(&fx.bs, Validation, || {
        fx.bs
            .end_session(s.id, EndSession::with_discount(d("100.01")))
    });
    // Validation comes before state: an unknown session with a bad discount is a validation error.
    fails_unchanged(&fx.bs, Validation, || {
        fx.bs
            .end_session(uuid::Uuid::new_v4(), EndSession::with_discount(d("101")))
    });
    let inv = fx
        .bs
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    fails_unchanged(&fx.bs, InvalidState, || {
        fx.bs.end_session(s.id, EndSession::default())
    });
    fails_unchanged(&fx.bs, Overpayment, || {
        fx.bs
            .record_payment(inv.id, NewPayment::new(d("1000"), M::Cash))
    });
    fails_unchanged(&fx.bs, InsufficientCredit, || {
        fx.bs
            .record_payment(inv.id, NewPayment::new(d("1"), M::Balance))
    });
    fx.bs
        .record_payment(inv.id, NewPayment::new(inv.total, M::Cash))
        .unwrap();
    fails_unchanged(&fx.bs, InvalidState, || {
        fx.bs
            .record_payment(inv.id, NewPayment::new(d("1"), M::Cash))
    });
    fails_unchanged(&fx.bs, NotFound, || fx.bs.get_invoice(uuid::Uuid::new_v4()));
}

pub fn r_money_2_computed_amounts_stay_below_the_limit<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let hall = fx.seat("Hall", "999999999.99");
    let s = fx.bs.at(t(8, 0)).start_session(a.id, hall.id).unwrap();
    let e = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.at(t(10, 0)).end_session(s.id, EndSession::default())
    });
    assert!(e.to_string().contains("1,000,000,000"), "{e}");
    // Ending it earlier keeps the invoice inside the limit.
    let inv = fx
        .bs
        .at(t(8, 30))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!(inv.total, d("500000000.00"));
}
