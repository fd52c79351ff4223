//! Reports (§11), checked against hand-computed days.

use super::*;
use crate::ErrorKind;
use crate::model::PaymentMethod as M;
use crate::reports::RevenueDay;
use crate::settings::SettingsUpdate;

pub fn r_rep_1_revenue_per_day_by_category_and_method<S: Store>(store: S) {
    let fx = Fx::new(store);
    fx.bs
        .update_settings(SettingsUpdate {
            weekly_price: Some(Some(d("300"))),
            ..Default::default()
        })
        .unwrap();
    let a = fx.customer("A", "01000000001");
    let b = fx.customer("B", "01000000002");
    let seat = fx.seat("Seat 1", "30");
    let tea = fx.item("Tea", "15", 10, 0);
    // Nov 23: B, one hour, paid in cash on Nov 24.
    let old = fx.visit(
        &b,
        &seat,
        t(8, 0) - Duration::days(1),
        t(9, 0) - Duration::days(1),
    );
    // Nov 24: A, two hours + 2 teas = 90, 10% off = 81; 50 cash + 31 card.
    let s = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    fx.bs.at(t(8, 30)).add_consumption(s.id, tea.id, 2).unwrap();
    let inv = fx
        .bs
        .at(t(10, 0))
        .end_session(s.id, EndSession::with_discount(d("10")))
        .unwrap();
    fx.bs
        .at(t(10, 0))
        .record_payment(inv.id, NewPayment::new(d("50"), M::Cash))
        .unwrap();
    fx.bs
        .at(t(11, 0))
        .record_payment(inv.id, NewPayment::new(d("31"), M::Card))
        .unwrap();
    // Nov 24: B subscribes (300): 100 by transfer, 200 from a card deposit.
    let sub = fx
        .bs
        .at(t(12, 0))
        .subscribe(NewSubscription::new(b.id, Plan::Weekly))
        .unwrap();
    fx.bs
        .at(t(12, 0))
        .record_payment(sub.invoice_id, NewPayment::new(d("100"), M::Transfer))
        .unwrap();
    fx.bs.at(t(13, 0)).deposit(b.id, d("200"), M::Card).unwrap();
    fx.bs
        .at(t(13, 30))
        .record_payment(sub.invoice_id, NewPayment::new(d("200"), M::Balance))
        .unwrap();
    fx.bs.at(t(13, 0)).deposit(a.id, d("40"), M::Cash).unwrap();
    fx.bs
        .at(t(14, 0))
        .record_payment(old.id, NewPayment::new(d("30"), M::Cash))
        .unwrap();

    let rows = fx
        .bs
        .revenue(date(2026, 11, 22), date(2026, 11, 24))
        .unwrap();
    assert_eq!(rows.len(), 3);
    let z = d("0.00");
    let day = |r: &RevenueDay| {
        (
            r.date,
            r.sessions,
            r.consumptions,
            r.subscriptions,
            r.discounts,
            r.net,
            r.cash,
            r.card,
            r.transfer,
            r.received,
            r.credit_applied,
        )
    };
    assert_eq!(
        day(&rows[0]),
        (date(2026, 11, 22), z, z, z, z, z, z, z, z, z, z)
    );
    assert_eq!(
        day(&rows[1]),
        (date(2026, 11, 23), d("30"), z, z, z, d("30"), z, z, z, z, z)
    );
    assert_eq!(
        day(&rows[2]),
        (
            date(2026, 11, 24),
            d("60"),
            d("30"),
            d("300"),
            d("9"),
            d("381"),
            d("120"),
            d("231"),
            d("100"),
            d("451"),
            d("200")
        )
    );
    assert_eq!(rows[2].net.to_string(), "381.00");
}

pub fn r_rep_1_revenue_across_midnight_and_dst<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let seat = fx.seat("Seat 1", "60");
    // 23:00 Cairo Nov 23 → 01:00 Cairo Nov 24: invoiced on the business date it ended.
    let inv = fx.visit(
        &a,
        &seat,
        t(21, 0) - Duration::days(1),
        t(23, 0) - Duration::days(1),
    );
    assert_eq!(
        (inv.issue_date, inv.total),
        (date(2026, 11, 24), d("120.00"))
    );
    // Egypt springs forward at 00:00 on Friday 2026-04-24 (22:00 UTC on the 23rd).
    let utc = |h: u32, m: u32| Utc.with_ymd_and_hms(2026, 4, 23, h, m, 0).single().unwrap();
    let (b, room) = (fx.customer("B", "01000000002"), fx.seat("Seat 2", "60"));
    let spring = fx.visit(&b, &room, utc(20, 0), utc(21, 30)); // 22:00 → 23:30 EET
    fx.bs
        .at(utc(21, 59))
        .record_payment(spring.id, NewPayment::new(d("40"), M::Cash))
        .unwrap(); // 23:59 EET, Apr 23
    fx.bs
        .at(utc(22, 0))
        .record_payment(spring.id, NewPayment::new(d("50"), M::Card))
        .unwrap(); // 01:00 EEST, Apr 24
    let rows = fx.bs.revenue(date(2026, 4, 23), date(2026, 4, 24)).unwrap();
    assert_eq!(
        (rows[0].sessions, rows[0].cash, rows[0].card),
        (d("90"), d("40"), d("0"))
    );
    assert_eq!(
        (rows[1].sessions, rows[1].cash, rows[1].card),
        (d("0"), d("0"), d("50"))
    );
    let rows = fx
        .bs
        .revenue(date(2026, 11, 23), date(2026, 11, 24))
        .unwrap();
    assert_eq!((rows[0].sessions, rows[1].sessions), (d("0"), d("120")));
}

pub fn r_rep_2_utilization_clips_sessions_to_the_range<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let b = fx.customer("B", "01000000002");
    let room = fx
        .bs
        .at(t(6, 0))
        .add_resource("Room", ResourceType::Room, d("100"))
        .unwrap();
    let s1 = fx.seat("Seat 1", "30");
    let s2 = fx.seat("Seat 2", "30");
    // 23:00 Nov 23 → 02:00 Nov 24 Cairo: two hours fall on Nov 24.
    fx.visit(&a, &s1, t(21, 0) - Duration::days(1), t(0, 0));
    fx.visit(&a, &s1, t(8, 0), t(10, 0));
    // Running since 18:00 UTC; the clock says 20:00.
    fx.bs.at(t(18, 0)).start_session(b.id, s2.id).unwrap();
    let rows = fx
        .bs
        .utilization(date(2026, 11, 24), date(2026, 11, 24))
        .unwrap();
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.resource_name.as_str(),
                r.occupied_minutes,
                r.range_minutes,
                r.utilization,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Room", 0, 1440, d("0")),
            ("Seat 1", 240, 1440, d("0.1667")),
            ("Seat 2", 120, 1440, d("0.0833"))
        ]
    );
    assert_eq!(rows[0].resource_id, room.id);
    // The spring-forward day has 23 hours.
    let dst = fx
        .bs
        .utilization(date(2026, 4, 24), date(2026, 4, 24))
        .unwrap();
    assert_eq!(dst[0].range_minutes, 1380);
}

pub fn r_rep_3_outstanding_overdue_and_top_customers<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let b = fx.customer("B", "01000000002");
    let c = fx.customer("C", "01000000003");
    let seat = fx.seat("Seat 1", "30");
    let ib = fx.visit(
        &b,
        &seat,
        t(8, 0) - Duration::days(14),
        t(9, 0) - Duration::days(14),
    );
    let ia = fx.visit(&a, &seat, t(8, 0), t(10, 0));
    let ic = fx.visit(&c, &seat, t(11, 0), t(14, 0));
    fx.bs
        .record_payment(ic.id, NewPayment::new(d("90"), M::Cash))
        .unwrap();
    fx.bs
        .record_payment(ia.id, NewPayment::new(d("15"), M::Cash))
        .unwrap();
    let out = fx.bs.at(t(12, 0)).outstanding_invoices().unwrap();
    let got: Vec<_> = out
        .iter()
        .map(|o| {
            (
                o.invoice.id,
                o.customer_human_id.as_str(),
                o.due,
                o.is_overdue,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (ib.id, "C-002", d("30.00"), true),
            (ia.id, "C-001", d("45.00"), false)
        ]
    );
    assert_eq!(out[0].invoice.due_date, date(2026, 11, 17));
    let top = fx
        .bs
        .top_customers(date(2026, 11, 1), date(2026, 11, 30), 2)
        .unwrap();
    let got: Vec<_> = top
        .iter()
        .map(|t| {
            (
                t.human_id.as_str(),
                t.name.as_str(),
                t.invoiced,
                t.invoice_count,
            )
        })
        .collect();
    assert_eq!(
        got,
        [("C-003", "C", d("90.00"), 1), ("C-001", "A", d("60.00"), 1)]
    );
    let low = fx.bs.low_stock_report().unwrap();
    assert!(low.is_empty());
}

pub fn reports_refuse_reversed_ranges<S: Store>(store: S) {
    let fx = Fx::new(store);
    assert_eq!(
        fx.bs
            .revenue(date(2026, 11, 2), date(2026, 11, 1))
            .unwrap_err()
            .kind(),
        ErrorKind::Validation
    );
    assert_eq!(
        fx.bs
            .utilization(date(2026, 11, 2), date(2026, 11, 1))
            .unwrap_err()
            .kind(),
        ErrorKind::Validation
    );
    assert_eq!(
        fx.bs
            .top_customers(date(2006, 11, 2), date(2026, 11, 1), 3)
            .unwrap_err()
            .kind(),
        ErrorKind::Validation
    );
}
