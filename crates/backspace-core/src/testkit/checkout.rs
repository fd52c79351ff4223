//! Checkout: ending a session and paying for it in one transaction.

use super::*;
use crate::ErrorKind;
use crate::model::PaymentMethod as M;

fn setup<S: Store>(fx: &Fx<S>) -> (Customer, Resource, Session) {
    let a = fx.customer("Aya", "01000000001");
    let seat = fx.seat("Seat 1", "30");
    let s = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    (a, seat, s)
}

pub fn checkout_split_cash_and_card_pays_the_invoice<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat, s) = setup(&fx);
    let tea = fx.item("Tea", "12.50", 10, 0);
    fx.bs.at(t(8, 30)).add_consumption(s.id, tea.id, 2).unwrap();
    // 2 h at 30/h = 60.00, tea 25.00: 85.00.
    let inv = fx
        .bs
        .at(t(10, 0))
        .checkout(
            s.id,
            Checkout::paying([NewPayment::cash(d("35")), NewPayment::card(d("50"))]),
        )
        .unwrap();
    assert_eq!(
        (inv.invoice_number.as_str(), inv.total, inv.paid_amount),
        ("INV-0001", d("85.00"), d("85.00"))
    );
    assert_eq!(
        (inv.status, inv.paid_date),
        (InvoiceStatus::Paid, Some(date(2026, 11, 24)))
    );
    let methods: Vec<_> = inv.payments.iter().map(|p| (p.method, p.amount)).collect();
    assert_eq!(methods, [(M::Cash, d("35.00")), (M::Card, d("50.00"))]);
    assert!(inv.payments.iter().all(|p| p.paid_at == t(10, 0)));
    // What checkout returns is what is stored; the session ended and freed the seat.
    assert_eq!(fx.bs.get_invoice(inv.id).unwrap(), inv);
    let ended = fx.bs.get_session(s.id).unwrap();
    assert_eq!((ended.is_active, ended.ended_at), (false, Some(t(10, 0))));
    assert!(fx.bs.get_resource(seat.id).unwrap().is_available);
    assert_eq!(fx.bs.get_customer(a.id).unwrap().balance, d("0.00"));
}

pub fn checkout_may_pay_less_than_the_invoice<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, _, s) = setup(&fx);
    let inv = fx
        .bs
        .at(t(9, 0))
        .checkout(
            s.id,
            Checkout::paying([NewPayment::cash(d("10")).note("rest tomorrow")]).discount(d("10")),
        )
        .unwrap();
    // 30.00 less 10 % = 27.00, 10.00 paid.
    assert_eq!(
        (inv.discount, inv.total, inv.paid_amount, inv.status),
        (d("10.00"), d("27.00"), d("10.00"), InvoiceStatus::Pending)
    );
    assert_eq!(inv.payments[0].note.as_deref(), Some("rest tomorrow"));
    assert_eq!(fx.bs.get_customer(a.id).unwrap().balance, d("-17.00"));
}

pub fn checkout_with_no_payments_is_end_session<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (_, _, s) = setup(&fx);
    let inv = fx
        .bs
        .at(t(9, 0))
        .checkout(s.id, Checkout::default())
        .unwrap();
    assert_eq!((inv.total, inv.status), (d("30.00"), InvoiceStatus::Unpaid));
    assert!(inv.payments.is_empty());
}

pub fn checkout_from_the_balance_needs_credit<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, _, s) = setup(&fx);
    fx.bs.at(t(7, 0)).deposit(a.id, d("20"), M::Cash).unwrap();
    fails_unchanged(&fx.bs, ErrorKind::InsufficientCredit, || {
        fx.bs
            .at(t(9, 0))
            .checkout(s.id, Checkout::paying([NewPayment::balance(d("25"))]))
    });
    let inv = fx
        .bs
        .at(t(9, 0))
        .checkout(
            s.id,
            Checkout::paying([NewPayment::balance(d("20")), NewPayment::cash(d("10"))]),
        )
        .unwrap();
    assert_eq!(inv.status, InvoiceStatus::Paid);
    let c = fx.bs.get_customer(a.id).unwrap();
    assert_eq!((c.credit, c.balance), (d("0.00"), d("0.00")));
}

pub fn checkout_is_all_or_nothing<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (_, seat, s) = setup(&fx);
    let tea = fx.item("Tea", "10", 5, 0);
    fx.bs.at(t(8, 10)).add_consumption(s.id, tea.id, 1).unwrap();
    // 40.00 due; the second payment overpays: nothing of the checkout lands.
    let e = fails_unchanged(&fx.bs, ErrorKind::Overpayment, || {
        fx.bs.at(t(9, 0)).checkout(
            s.id,
            Checkout::paying([NewPayment::cash(d("30")), NewPayment::card(d("10.01"))]),
        )
    });
    assert!(e.to_string().contains("10.00"), "{e}");
    // Bad input is refused before the transaction, naming the payment.
    let e = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.at(t(9, 0)).checkout(
            s.id,
            Checkout::paying([NewPayment::cash(d("5")), NewPayment::card(d("0"))]),
        )
    });
    assert!(e.to_string().contains("payments[1].amount"), "{e}");
    for bad in [
        Checkout::paying([NewPayment::cash(d("0"))]),
        Checkout::paying([NewPayment::cash(d("1.005"))]),
        Checkout::paying([NewPayment::cash(d("5")).note("x".repeat(2001))]),
        Checkout::default().discount(d("100.01")),
    ] {
        fails_unchanged(&fx.bs, ErrorKind::Validation, || {
            fx.bs.at(t(9, 0)).checkout(s.id, bad.clone())
        });
    }
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .at(t(7, 0))
            .checkout(s.id, Checkout::paying([NewPayment::cash(d("5"))]))
    });
    assert!(fx.bs.get_session(s.id).unwrap().is_active);
    assert!(!fx.bs.get_resource(seat.id).unwrap().is_available);
    // The refused checkouts took no invoice number.
    let inv = fx
        .bs
        .at(t(9, 0))
        .checkout(s.id, Checkout::paying([NewPayment::cash(d("40"))]))
        .unwrap();
    assert_eq!(
        (inv.invoice_number.as_str(), inv.status),
        ("INV-0001", InvoiceStatus::Paid)
    );
    // A second checkout of the ended session is an invalid state.
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.checkout(s.id, Checkout::default())
    });
}
