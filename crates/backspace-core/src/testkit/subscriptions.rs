//! Subscriptions and customer type (§7, R-CUST-7).

use super::*;
use crate::ErrorKind;
use crate::settings::SettingsUpdate;

fn with_prices<S: Store>(fx: &Fx<S>) {
    fx.bs
        .update_settings(SettingsUpdate {
            weekly_price: Some(Some(d("300"))),
            half_monthly_price: Some(Some(d("550"))),
            monthly_price: Some(Some(d("1000"))),
            ..Default::default()
        })
        .unwrap();
}

pub fn r_sub_1_plans_cover_7_15_30_business_dates<S: Store>(store: S) {
    let fx = Fx::new(store);
    with_prices(&fx);
    let a = fx.customer("A", "01000000001");
    // 23:30 UTC on Nov 24 is Nov 25 in Cairo: the default start is the business date.
    let w = fx
        .bs
        .at(t(23, 30) - Duration::days(1))
        .subscribe(NewSubscription::new(a.id, Plan::Weekly))
        .unwrap();
    assert_eq!(
        (w.start_date, w.end_date),
        (date(2026, 11, 24), date(2026, 11, 30))
    );
    let h = fx
        .bs
        .at(t(8, 0))
        .subscribe(NewSubscription::new(a.id, Plan::HalfMonthly).start_date(date(2026, 12, 1)))
        .unwrap();
    assert_eq!(h.end_date, date(2026, 12, 15));
    let m = fx
        .bs
        .at(t(8, 0))
        .subscribe(NewSubscription::new(a.id, Plan::Monthly).start_date(date(2027, 2, 1)))
        .unwrap();
    assert_eq!(m.end_date, date(2027, 3, 2));
}

pub fn r_sub_2_subscribe_invoices_the_plan_price<S: Store>(store: S) {
    let fx = Fx::new(store);
    with_prices(&fx);
    let a = fx.customer("A", "01000000001");
    let s = fx
        .bs
        .at(t(8, 0))
        .subscribe(NewSubscription::new(a.id, Plan::Weekly))
        .unwrap();
    let inv = fx.bs.get_invoice(s.invoice_id).unwrap();
    assert_eq!(inv.subscription_id, Some(s.id));
    assert_eq!(inv.line_items.len(), 1);
    assert_eq!(inv.line_items[0].kind, LineKind::Subscription);
    assert_eq!(
        inv.line_items[0].description,
        "Weekly plan 2026-11-24–2026-11-30"
    );
    assert_eq!((inv.total, s.price), (d("300.00"), d("300.00")));
    assert_eq!(fx.bs.get_customer(a.id).unwrap().balance, d("-300.00"));
    let custom = fx
        .bs
        .at(t(8, 0))
        .subscribe(NewSubscription::new(a.id, Plan::Monthly).price(d("900")))
        .unwrap();
    assert_eq!(
        fx.bs.get_invoice(custom.invoice_id).unwrap().total,
        d("900.00")
    );
}

pub fn r_sub_2_no_price_is_a_validation_error<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let e = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.subscribe(NewSubscription::new(a.id, Plan::Weekly))
    });
    assert!(e.to_string().contains("price"));
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .subscribe(NewSubscription::new(a.id, Plan::Weekly).price(d("-1")))
    });
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs
            .subscribe(NewSubscription::new(uuid::Uuid::new_v4(), Plan::Weekly).price(d("1")))
    });
}

pub fn r_sub_3_covered_session_has_a_zero_session_line<S: Store>(store: S) {
    let fx = Fx::new(store);
    with_prices(&fx);
    let a = fx.customer("A", "01000000001");
    let seat = fx.seat("Seat 1", "30");
    let tea = fx.item("Tea", "15", 10, 0);
    let sub = fx
        .bs
        .at(t(7, 0))
        .subscribe(NewSubscription::new(a.id, Plan::Weekly).start_date(date(2026, 11, 20)))
        .unwrap();
    let s = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    fx.bs.at(t(8, 10)).add_consumption(s.id, tea.id, 1).unwrap();
    let q = fx.bs.at(t(10, 0)).quote_session(s.id).unwrap();
    assert_eq!((q.charge, q.subscription_id), (d("0.00"), Some(sub.id)));
    let inv = fx
        .bs
        .at(t(10, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!(inv.line_items[0].kind, LineKind::Session);
    assert_eq!(
        (inv.line_items[0].quantity, inv.line_items[0].amount),
        (120, d("0.00"))
    );
    assert_eq!(inv.total, d("15.00"));
    let s = fx.bs.get_session(s.id).unwrap();
    assert_eq!(
        (s.amount, s.subscription_id),
        (Some(d("0.00")), Some(sub.id))
    );
    // After the plan's last date, sessions are charged again.
    fx.clock.set(t(20, 0) + Duration::days(3));
    let inv = fx.visit(
        &a,
        &seat,
        t(8, 0) + Duration::days(3),
        t(9, 0) + Duration::days(3),
    );
    assert_eq!(inv.total, d("30.00"));
}

pub fn r_sub_4_cancel_and_expire_keep_history<S: Store>(store: S) {
    let fx = Fx::new(store);
    with_prices(&fx);
    let a = fx.customer("A", "01000000001");
    let b = fx.customer("B", "01000000002");
    let sa = fx
        .bs
        .at(t(7, 0))
        .subscribe(NewSubscription::new(a.id, Plan::Weekly).start_date(date(2026, 11, 10)))
        .unwrap();
    let sb = fx
        .bs
        .at(t(7, 0))
        .subscribe(NewSubscription::new(b.id, Plan::Weekly).start_date(date(2026, 11, 10)))
        .unwrap();
    let overlap = fx
        .bs
        .at(t(7, 0))
        .subscribe(NewSubscription::new(b.id, Plan::Monthly).start_date(date(2026, 11, 20)))
        .unwrap();
    let cancelled = fx.bs.at(t(8, 0)).cancel_subscription(sa.id).unwrap();
    assert!(!cancelled.is_active);
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.cancel_subscription(sa.id)
    });
    assert_eq!(fx.bs.list_subscriptions(a.id).unwrap(), [cancelled]);
    // Cancelling keeps the invoice.
    assert_eq!(fx.bs.get_invoice(sa.invoice_id).unwrap().total, d("300.00"));
    let expired = fx.bs.at(t(8, 0)).expire_subscriptions().unwrap();
    assert_eq!(expired.iter().map(|s| s.id).collect::<Vec<_>>(), [sb.id]);
    assert!(fx.bs.get_subscription(overlap.id).unwrap().is_active);
    assert_eq!(
        fx.bs.get_customer(b.id).unwrap().customer_type,
        CustomerType::Monthly
    );
    assert!(fx.bs.at(t(8, 0)).expire_subscriptions().unwrap().is_empty());
}

pub fn r_cust_7_customer_type_follows_the_current_subscription<S: Store>(store: S) {
    let fx = Fx::new(store);
    with_prices(&fx);
    let a = fx.customer("A", "01000000001");
    let sub = |plan, start: NaiveDate, minute| {
        fx.bs
            .at(t(7, minute))
            .subscribe(NewSubscription::new(a.id, plan).start_date(start))
            .unwrap()
    };
    let kind = || fx.bs.get_customer(a.id).unwrap().customer_type;
    // A subscription that starts later is not current yet.
    sub(Plan::Monthly, date(2026, 12, 1), 0);
    assert_eq!(kind(), CustomerType::Visitor);
    let monthly = sub(Plan::Monthly, date(2026, 11, 1), 0);
    assert_eq!(kind(), CustomerType::Monthly);
    // Overlapping: the latest start date wins.
    let weekly = sub(Plan::Weekly, date(2026, 11, 20), 0);
    assert_eq!(kind(), CustomerType::Weekly);
    // Same start date: the latest created wins.
    let half = sub(Plan::HalfMonthly, date(2026, 11, 20), 1);
    assert_eq!(kind(), CustomerType::HalfMonthly);
    // Cancelling falls back to the next current one, then to visitor.
    for (cancel, then) in [
        (half, CustomerType::Weekly),
        (weekly, CustomerType::Monthly),
        (monthly, CustomerType::Visitor),
    ] {
        fx.bs.at(t(8, 0)).cancel_subscription(cancel.id).unwrap();
        assert_eq!(kind(), then);
    }
    // Expiry as of Dec 2 makes the December plan current.
    fx.clock.set(t(8, 0) + Duration::days(8));
    fx.bs.expire_subscriptions().unwrap();
    assert_eq!(kind(), CustomerType::Monthly);
}
