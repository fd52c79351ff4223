//! Corrections that keep the trail (§15): voids, refunds, write-offs, closed days, footprints.

use super::invariants::check_invariants;
use super::*;
use crate::ErrorKind;
use crate::model::{LedgerKind, PaymentMethod as M};

fn setup<S: Store>(fx: &Fx<S>) -> (Customer, Resource) {
    (fx.customer("Mona", "01000000001"), fx.seat("Seat 1", "30"))
}

fn ledger_kinds<S: Store>(fx: &Fx<S>, c: &Customer) -> Vec<(LedgerKind, Decimal)> {
    fx.bs
        .statement(c.id)
        .unwrap()
        .into_iter()
        .map(|l| (l.entry.kind, l.entry.amount))
        .collect()
}

pub fn r_corr_1_void_an_unpaid_invoice_gives_the_balance_back<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let tea = fx.item("Tea", "10", 5, 0);
    let s = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    fx.bs.at(t(8, 5)).add_consumption(s.id, tea.id, 2).unwrap();
    let inv = fx
        .bs
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!(inv.total, d("50.00"));
    for bad in ["", "   ", &"x".repeat(501)] {
        fails_unchanged(&fx.bs, ErrorKind::Validation, || {
            fx.bs.at(t(9, 5)).void_invoice(inv.id, bad)
        });
    }
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.void_invoice(uuid::Uuid::new_v4(), "typo")
    });
    let void = fx
        .bs
        .at(t(9, 5))
        .void_invoice(inv.id, "wrong customer")
        .unwrap();
    assert_eq!(
        (void.status, void.invoice_number.as_str(), void.due()),
        (InvoiceStatus::Void, "INV-0001", d("0.00"))
    );
    let c = void.correction.clone().unwrap();
    assert_eq!(
        (c.at, c.date, c.reason.as_str()),
        (t(9, 5), date(2026, 11, 24), "wrong customer")
    );
    assert_eq!(c.footprint.len(), 64);
    assert_eq!(fx.bs.get_invoice(inv.id).unwrap(), void);
    // The balance is back to zero through a `void` entry; stock is not returned.
    assert_eq!(fx.bs.get_customer(a.id).unwrap().balance, d("0.00"));
    assert_eq!(
        ledger_kinds(&fx, &a),
        [
            (LedgerKind::Invoice, d("-50.00")),
            (LedgerKind::Void, d("50.00"))
        ]
    );
    assert_eq!(fx.bs.get_inventory_item(tea.id).unwrap().quantity, 3);
    // The number stays taken; a void invoice takes no payment and is not voided twice.
    let next = fx.visit(&a, &seat, t(10, 0), t(11, 0));
    assert_eq!(next.invoice_number, "INV-0002");
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.void_invoice(inv.id, "again")
    });
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.record_payment(inv.id, NewPayment::cash(d("1")))
    });
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.set_discount(inv.id, d("10"))
    });
    // Something paid: invalid state (refund instead).
    fx.bs
        .at(t(11, 5))
        .record_payment(next.id, NewPayment::cash(d("1")))
        .unwrap();
    let e = fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.void_invoice(next.id, "oops")
    });
    assert!(e.to_string().contains("refund"), "{e}");
    assert!(
        fx.bs
            .outstanding_invoices()
            .unwrap()
            .iter()
            .all(|o| o.invoice.id != inv.id)
    );
    check_invariants(&fx.bs);
}

pub fn r_corr_1_voiding_a_subscription_invoice_cancels_it<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, _) = setup(&fx);
    let sub = fx
        .bs
        .at(t(8, 0))
        .subscribe(NewSubscription::new(a.id, Plan::Weekly).price(d("200")))
        .unwrap();
    assert_eq!(
        fx.bs.get_customer(a.id).unwrap().customer_type,
        CustomerType::Weekly
    );
    fx.bs
        .at(t(8, 30))
        .void_invoice(sub.invoice_id, "sold by mistake")
        .unwrap();
    assert!(!fx.bs.get_subscription(sub.id).unwrap().is_active);
    let c = fx.bs.get_customer(a.id).unwrap();
    assert_eq!(
        (c.customer_type, c.balance),
        (CustomerType::Visitor, d("0.00"))
    );
    check_invariants(&fx.bs);
}

pub fn r_corr_2_refunds_are_credit_notes_up_to_what_was_paid<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let inv = fx.visit(&a, &seat, t(8, 0), t(10, 0)); // 60.00
    fx.bs
        .at(t(10, 0))
        .record_payment(inv.id, NewPayment::cash(d("40")))
        .unwrap();
    // Refund above what was paid: an overpayment error saying what can be refunded.
    let e = fails_unchanged(&fx.bs, ErrorKind::Overpayment, || {
        fx.bs
            .at(t(10, 5))
            .refund(inv.id, d("40.01"), M::Cash, "broken chair")
    });
    assert!(e.to_string().contains("only 40.00 is refundable"), "{e}");
    for (amount, reason) in [
        ("0", "x"),
        ("1.005", "x"),
        ("5", ""),
        ("5", &"r".repeat(501)),
    ] {
        fails_unchanged(&fx.bs, ErrorKind::Validation, || {
            fx.bs
                .at(t(10, 5))
                .refund(inv.id, d(amount), M::Cash, reason)
        });
    }
    let cn1 = fx
        .bs
        .at(t(10, 5))
        .refund(inv.id, d("15"), M::Cash, "broken chair")
        .unwrap();
    assert_eq!(
        (cn1.credit_note_number.as_str(), cn1.amount, cn1.method),
        ("CN-0001", d("15.00"), M::Cash)
    );
    assert_eq!(
        (cn1.invoice_number.as_str(), cn1.customer_id, cn1.issued_at),
        ("INV-0001", a.id, t(10, 5))
    );
    // Money paid out leaves the balance as it was (−20.00 still due) and writes no entry.
    assert_eq!(fx.bs.get_customer(a.id).unwrap().balance, d("-20.00"));
    let cn2 = fx
        .bs
        .at(t(10, 10))
        .refund(inv.id, d("25"), M::Balance, "goodwill")
        .unwrap();
    assert_eq!(cn2.credit_note_number, "CN-0002");
    // Kept as credit: credit and balance rise by it.
    let c = fx.bs.get_customer(a.id).unwrap();
    assert_eq!((c.credit, c.balance), (d("25.00"), d("5.00")));
    assert_eq!(
        ledger_kinds(&fx, &a).last().copied(),
        Some((LedgerKind::Refund, d("25.00")))
    );
    // Everything paid is refunded now.
    let e = fails_unchanged(&fx.bs, ErrorKind::Overpayment, || {
        fx.bs
            .at(t(10, 15))
            .refund(inv.id, d("0.01"), M::Card, "more")
    });
    assert!(e.to_string().contains("0.00"), "{e}");
    // The invoice keeps its lines; what is still due did not change.
    let inv = fx.bs.get_invoice(inv.id).unwrap();
    assert_eq!(
        (
            inv.refunded_amount,
            inv.due(),
            inv.status,
            inv.line_items.len()
        ),
        (d("40.00"), d("20.00"), InvoiceStatus::Pending, 1)
    );
    assert_eq!(inv.credit_notes, [cn1.clone(), cn2.clone()]);
    assert_eq!(fx.bs.get_credit_note(cn1.id).unwrap(), cn1);
    assert_eq!(fx.bs.find_credit_note("cn-0002").unwrap(), cn2);
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.find_credit_note("CN-0003")
    });
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.get_credit_note(uuid::Uuid::new_v4())
    });
    check_invariants(&fx.bs);
}

pub fn r_corr_3_write_off_gives_up_what_is_due<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let inv = fx.visit(&a, &seat, t(8, 0), t(10, 0)); // 60.00
    fx.bs
        .at(t(10, 0))
        .record_payment(inv.id, NewPayment::card(d("25")))
        .unwrap();
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.at(t(12, 0)).write_off(inv.id, " ")
    });
    let off = fx
        .bs
        .at(t(12, 0))
        .write_off(inv.id, "customer left the country")
        .unwrap();
    assert_eq!(
        (off.status, off.written_off_amount, off.due()),
        (InvoiceStatus::WrittenOff, d("35.00"), d("0.00"))
    );
    assert_eq!(fx.bs.get_customer(a.id).unwrap().balance, d("0.00"));
    assert_eq!(
        ledger_kinds(&fx, &a).last().copied(),
        Some((LedgerKind::WriteOff, d("35.00")))
    );
    // Paid, void or written-off invoices cannot be written off; nothing is paid on it later.
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.write_off(inv.id, "again")
    });
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.record_payment(inv.id, NewPayment::cash(d("1")))
    });
    let paid = fx.visit(&a, &seat, t(13, 0), t(14, 0));
    fx.bs
        .at(t(14, 0))
        .record_payment(paid.id, NewPayment::cash(d("30")))
        .unwrap();
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.write_off(paid.id, "no")
    });
    // What was paid on a written-off invoice can still be refunded.
    fx.bs
        .at(t(15, 0))
        .refund(inv.id, d("25"), M::Card, "settled")
        .unwrap();
    check_invariants(&fx.bs);
}

pub fn r_corr_4_closed_days_refuse_new_instants_and_keep_their_z_report<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let day = date(2026, 11, 24);
    // Yesterday in Cairo: 2026-11-23. A session, paid in part.
    let y = |h: u32| t(h, 0) - Duration::days(1);
    let inv = fx.visit(&a, &seat, y(8), y(10)); // 60.00
    fx.bs
        .at(y(10))
        .record_payment(inv.id, NewPayment::cash(d("50")))
        .unwrap();
    // Today (the 24th, 20:00 UTC = 22:00 Cairo) has not ended; tomorrow neither.
    for open in [day, day + Duration::days(1)] {
        let e = fails_unchanged(&fx.bs, ErrorKind::Validation, || fx.bs.close_day(open));
        assert!(e.to_string().contains("not ended"), "{e}");
    }
    let z = fx.bs.close_day(day - Duration::days(1)).unwrap();
    assert_eq!((z.date, z.closed_at), (day - Duration::days(1), t(20, 0)));
    assert_eq!(
        (z.revenue.sessions, z.revenue.cash, z.revenue.net),
        (d("60.00"), d("50.00"), d("60.00"))
    );
    assert_eq!(fx.bs.z_report(z.date).unwrap(), z);
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || fx.bs.z_report(day));
    // The closed date and every earlier one refuse new instants, naming the closed date.
    for at in [y(23) - Duration::hours(2), y(1) - Duration::days(30)] {
        let e = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
            fx.bs.at(at).deposit(a.id, d("5"), M::Cash)
        });
        assert!(e.to_string().contains("2026-11-23"), "{e}");
    }
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.at(y(12)).start_session(a.id, seat.id)
    });
    // Closing it (or an earlier date) again is refused.
    for again in [day - Duration::days(1), day - Duration::days(5)] {
        let e = fails_unchanged(&fx.bs, ErrorKind::Validation, || fx.bs.close_day(again));
        assert!(e.to_string().contains("already closed"), "{e}");
    }
    // Its invoices can still be paid, refunded, written off or voided today, dated today; a
    // discount would rewrite the closed day.
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.at(t(9, 0)).set_discount(inv.id, d("10"))
    });
    fx.bs
        .at(t(9, 0))
        .refund(inv.id, d("20"), M::Cash, "after closing")
        .unwrap();
    fx.bs.at(t(9, 30)).write_off(inv.id, "small rest").unwrap();
    // The Z report never changes; today's revenue shows the refund and the write-off.
    assert_eq!(fx.bs.z_report(z.date).unwrap(), z);
    let today = &fx.bs.revenue(day, day).unwrap()[0];
    assert_eq!(
        (today.refunds_cash, today.write_offs, today.net),
        (d("20.00"), d("10.00"), d("-30.00"))
    );
    let yesterday = &fx.bs.revenue(z.date, z.date).unwrap()[0];
    assert_eq!(yesterday, &z.revenue);
    check_invariants(&fx.bs);
}

pub fn r_corr_5_every_document_is_footprinted_and_the_trail_verifies<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    assert_eq!(fx.bs.verify_trail().unwrap().entries, 0);
    let inv = fx.visit(&a, &seat, t(8, 0), t(9, 0));
    let other = fx.visit(&a, &seat, t(9, 0), t(10, 0));
    assert_eq!(inv.footprint.len(), 64);
    assert!(
        inv.footprint
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert_ne!(inv.footprint, other.footprint);
    // A discount change writes the invoice to the trail again.
    let discounted = fx.bs.at(t(10, 0)).set_discount(inv.id, d("10")).unwrap();
    assert_ne!(discounted.footprint, inv.footprint);
    fx.bs
        .at(t(10, 5))
        .record_payment(other.id, NewPayment::cash(d("30")))
        .unwrap();
    let cn = fx
        .bs
        .at(t(10, 10))
        .refund(other.id, d("5"), M::Cash, "noise")
        .unwrap();
    let void = fx.bs.at(t(10, 15)).void_invoice(inv.id, "test").unwrap();
    let third = fx.visit(&a, &seat, t(11, 0), t(12, 0));
    let off = fx.bs.at(t(12, 5)).write_off(third.id, "gone").unwrap();
    assert_eq!(cn.footprint.len(), 64);
    assert_eq!(void.correction.unwrap().footprint.len(), 64);
    assert_eq!(off.correction.unwrap().footprint.len(), 64);
    // Invoice, invoice, discounted invoice, credit note, void, invoice, write-off.
    let report = fx.bs.verify_trail().unwrap();
    assert_eq!((report.entries, &report.first_broken), (7, &None));
    assert!(report.is_intact());
}

pub fn r_corr_6_revenue_counts_corrections_on_their_own_dates<S: Store>(store: S) {
    let fx = Fx::new(store);
    let (a, seat) = setup(&fx);
    let y = |h: u32| t(h, 0) - Duration::days(1);
    // Yesterday: three invoices of 60.00 (one with 10 % off), 40 paid in cash on the second.
    let i1 = fx.visit(&a, &seat, y(6), y(8));
    let i2 = fx.visit(&a, &seat, y(8), y(10));
    let s3 = fx.bs.at(y(10)).start_session(a.id, seat.id).unwrap();
    let i3 = fx
        .bs
        .at(y(12))
        .end_session(s3.id, EndSession::with_discount(d("10")))
        .unwrap();
    fx.bs
        .at(y(12))
        .record_payment(i2.id, NewPayment::cash(d("40")))
        .unwrap();
    fx.bs
        .at(y(13))
        .record_payment(i3.id, NewPayment::card(d("54")))
        .unwrap();
    // Today: void i1, refund 10 in cash and 5 to balance on i2, 20 by card on i3, write off i2.
    fx.bs.at(t(8, 0)).void_invoice(i1.id, "duplicate").unwrap();
    fx.bs
        .at(t(8, 5))
        .refund(i2.id, d("10"), M::Cash, "r")
        .unwrap();
    fx.bs
        .at(t(8, 6))
        .refund(i2.id, d("5"), M::Balance, "r")
        .unwrap();
    fx.bs
        .at(t(8, 7))
        .refund(i3.id, d("20"), M::Card, "r")
        .unwrap();
    fx.bs.at(t(8, 10)).write_off(i2.id, "rest").unwrap();
    let rows = fx
        .bs
        .revenue(date(2026, 11, 23), date(2026, 11, 24))
        .unwrap();
    let (yd, td) = (&rows[0], &rows[1]);
    assert_eq!(
        (yd.sessions, yd.discounts, yd.net, yd.cash, yd.card),
        (d("180.00"), d("6.00"), d("174.00"), d("40.00"), d("54.00"))
    );
    assert_eq!(
        (
            td.voids,
            td.refunds_cash,
            td.refunds_to_balance,
            td.refunds_card,
            td.write_offs
        ),
        (d("60.00"), d("10.00"), d("5.00"), d("20.00"), d("20.00"))
    );
    assert_eq!(td.net, d("-115.00"));
    // It ties out: Σ net = totals − voided − refunded − written off.
    let totals = i1.total + i2.total + i3.total;
    assert_eq!(yd.net + td.net, totals - d("60") - d("35") - d("20"));
    check_invariants(&fx.bs);
}
