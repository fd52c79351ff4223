//! Sessions, pricing through settings, time (§2, §5, §6).

use super::*;
use crate::ErrorKind;
use crate::settings::{Rounding, SettingsUpdate};

pub fn r_sess_1_busy_resource_or_customer_is_a_conflict<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let b = fx.customer("B", "01000000002");
    let s1 = fx.seat("Seat 1", "30");
    let s2 = fx.seat("Seat 2", "30");
    fx.bs.at(t(8, 0)).start_session(a.id, s1.id).unwrap();
    let e = fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.at(t(8, 5)).start_session(b.id, s1.id)
    });
    assert!(e.to_string().contains("Seat 1"), "{e}");
    let e = fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.at(t(8, 5)).start_session(a.id, s2.id)
    });
    assert!(e.to_string().contains("C-001"), "{e}");
    fx.bs.at(t(8, 5)).start_session(b.id, s2.id).unwrap();
}

pub fn r_sess_1_unknown_ids_are_not_found<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let s1 = fx.seat("Seat 1", "30");
    let nobody = uuid::Uuid::new_v4();
    let e = fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.start_session(nobody, s1.id)
    });
    assert!(e.to_string().contains(&nobody.to_string()));
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.start_session(a.id, nobody)
    });
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.end_session(nobody, EndSession::default())
    });
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || fx.bs.quote_session(nobody));
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || fx.bs.get_session(nobody));
}

pub fn r_sess_2_only_an_active_session_ends<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let s1 = fx.seat("Seat 1", "30");
    let s = fx.bs.at(t(8, 0)).start_session(a.id, s1.id).unwrap();
    let inv = fx
        .bs
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    let ended = fx.bs.get_session(s.id).unwrap();
    assert!(!ended.is_active);
    assert_eq!(ended.ended_at, Some(t(9, 0)));
    assert_eq!(ended.invoice_id, Some(inv.id));
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.at(t(9, 30)).end_session(s.id, EndSession::default())
    });
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.at(t(9, 30)).quote_session(s.id)
    });
}

pub fn r_sess_2_end_before_start_is_a_validation_error<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let s1 = fx.seat("Seat 1", "30");
    let s = fx.bs.at(t(8, 0)).start_session(a.id, s1.id).unwrap();
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.at(t(7, 59)).end_session(s.id, EndSession::default())
    });
    // A zero-length session is allowed and free.
    let inv = fx
        .bs
        .at(t(8, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!(inv.total, d("0.00"));
    assert_eq!(inv.status, InvoiceStatus::Paid);
}

pub fn r_sess_4_duration_is_whole_elapsed_minutes<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let s1 = fx.seat("Seat 1", "60");
    let s = fx.bs.at(t(8, 0)).start_session(a.id, s1.id).unwrap();
    fx.bs
        .at(t(8, 10) + Duration::seconds(59))
        .end_session(s.id, EndSession::default())
        .unwrap();
    let s = fx.bs.get_session(s.id).unwrap();
    assert_eq!(s.duration_minutes, Some(10));
    assert_eq!(s.billed_minutes, Some(11));
    assert_eq!(s.amount, Some(d("11.00")));
}

pub fn r_sess_5_amount_follows_the_pricing_policy<S: Store>(store: S) {
    let fx = Fx::new(store);
    fx.bs
        .update_settings(SettingsUpdate {
            unit_minutes: Some(15),
            rounding: Some(Rounding::Up),
            ..Default::default()
        })
        .unwrap();
    let a = fx.customer("A", "01000000001");
    let s1 = fx.seat("Seat 1", "30");
    // The worked example of §6: 61 minutes at 30/h in 15-minute units → 75 billed → 37.50.
    let inv = fx.visit(&a, &s1, t(8, 0), t(9, 1));
    assert_eq!(inv.line_items[0].quantity, 75);
    assert_eq!(inv.line_items[0].amount.to_string(), "37.50");
    assert_eq!(inv.total.to_string(), "37.50");
    fx.bs
        .update_settings(SettingsUpdate {
            grace_minutes: Some(10),
            minimum_minutes: Some(20),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(fx.visit(&a, &s1, t(10, 0), t(10, 10)).total, d("0"));
    assert_eq!(
        fx.visit(&a, &s1, t(11, 0), t(11, 11)).line_items[0].quantity,
        30
    );
}

pub fn r_sess_6_quote_matches_the_invoice_and_writes_nothing<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let s1 = fx.seat("Seat 1", "45");
    let tea = fx.item("Tea", "15", 10, 2);
    let s = fx.bs.at(t(8, 0)).start_session(a.id, s1.id).unwrap();
    fx.bs.at(t(8, 30)).add_consumption(s.id, tea.id, 2).unwrap();
    let before = snapshot(&fx.bs);
    let q = fx.bs.at(t(9, 20)).quote_session(s.id).unwrap();
    assert_eq!(snapshot(&fx.bs), before);
    assert_eq!((q.duration_minutes, q.billed_minutes), (80, 80));
    assert_eq!(q.charge, d("60.00"));
    assert_eq!(q.amount, d("90.00"));
    let inv = fx
        .bs
        .at(t(9, 20))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!(inv.line_items, q.lines);
    assert_eq!(inv.amount, q.amount);
}

pub fn r_time_3_future_at_is_refused_and_default_is_now<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let s1 = fx.seat("Seat 1", "30");
    let e = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.at(t(20, 6)).start_session(a.id, s1.id)
    });
    assert!(e.to_string().contains("future"), "{e}");
    let s = fx.bs.at(t(20, 5)).start_session(a.id, s1.id).unwrap();
    assert_eq!(s.started_at, t(20, 5));
    fx.clock.set(t(21, 5));
    let inv = fx.bs.end_session(s.id, EndSession::default()).unwrap();
    assert_eq!(inv.issued_at, t(21, 5));
    // Back-dating is allowed (where it overlaps no other session, R-SESS-7).
    let b = fx.customer("B", "01000000002");
    let s2 = fx.seat("Seat 2", "30");
    let s = fx.bs.at(t(1, 0)).start_session(b.id, s2.id).unwrap();
    assert_eq!(s.started_at, t(1, 0));
}

pub fn r_time_4_default_instant_is_read_inside_the_operation<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let s1 = fx.seat("Seat 1", "30");
    fx.clock.set(t(9, 0) + Duration::nanoseconds(123_456_789));
    let s = fx.bs.start_session(a.id, s1.id).unwrap();
    // The instant comes from the clock at the time of the write, kept to the microsecond.
    assert_eq!(s.started_at, t(9, 0) + Duration::microseconds(123_456));
    assert_eq!(fx.bs.get_session(s.id).unwrap().started_at, s.started_at);
}

pub fn r_price_6_daily_cap_from_settings<S: Store>(store: S) {
    let fx = Fx::new(store);
    fx.bs
        .update_settings(SettingsUpdate {
            daily_cap: Some(Some(d("100"))),
            ..Default::default()
        })
        .unwrap();
    let a = fx.customer("A", "01000000001");
    let s1 = fx.seat("Seat 1", "30");
    // 20:00 → 02:00 UTC: two business days, cap 200; 6 hours = 180 stays.
    assert_eq!(
        fx.visit(
            &a,
            &s1,
            t(20, 0) - Duration::days(2),
            t(2, 0) - Duration::days(1)
        )
        .total,
        d("180.00")
    );
    // 20:00 → 06:00 UTC is 22:00 → 08:00 Cairo: two business days, cap 200; 10 hours = 300.
    let inv = fx.visit(&a, &s1, t(20, 0) - Duration::days(1), t(6, 0));
    assert_eq!(inv.total, d("200.00"));
    // 8 hours at 30/h = 240, capped at 100 for one business day.
    assert_eq!(fx.visit(&a, &s1, t(6, 0), t(14, 0)).total, d("100.00"));
}

pub fn settings_updates_are_validated_and_kept<S: Store>(store: S) {
    let fx = Fx::new(store);
    let s = fx.bs.settings().unwrap();
    assert_eq!(s.time_zone.name(), "Africa/Cairo");
    assert_eq!(
        (
            s.pricing.unit_minutes,
            s.pricing.rounding,
            s.invoice_due_days
        ),
        (1, Rounding::Up, 7)
    );
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.update_settings(SettingsUpdate {
            unit_minutes: Some(0),
            ..Default::default()
        })
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.update_settings(SettingsUpdate {
            time_zone: Some("Mars/Olympus".into()),
            ..Default::default()
        })
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.update_settings(SettingsUpdate {
            weekly_price: Some(Some(d("1.234"))),
            ..Default::default()
        })
    });
    let u = fx
        .bs
        .update_settings(SettingsUpdate {
            time_zone: Some("Europe/London".into()),
            unit_minutes: Some(30),
            rounding: Some(Rounding::Nearest),
            grace_minutes: Some(5),
            minimum_minutes: Some(60),
            daily_cap: Some(Some(d("200"))),
            weekly_price: Some(Some(d("350"))),
            half_monthly_price: Some(Some(d("600"))),
            monthly_price: Some(Some(d("1000.5"))),
            invoice_due_days: Some(14),
            currency: Some("EGP".into()),
            max_cashier_discount: Some(d("12.5")),
            require_shift: Some(true),
            opening_hours: Some(Some("sun-thu 09:00-23:00; sat 10:00-02:00".into())),
            buffer_minutes: Some(10),
            max_booking_days: Some(30),
            cancel_notice_hours: Some(48),
            late_cancel_percent: Some(d("25")),
            no_show_minutes: Some(20),
            no_show_percent: Some(d("75.5")),
            vat_percent: Some(d("14")),
            prices_include_vat: Some(false),
            seller: Some(crate::settings::SellerSettings {
                rin: Some(" 123 ".into()),
                street: Some("  ".into()),
                ..Default::default()
            }),
        })
        .unwrap();
    assert_eq!(
        u.opening_hours.map(|h| h.to_string()).as_deref(),
        Some(
            "sun 09:00-23:00; mon 09:00-23:00; tue 09:00-23:00; wed 09:00-23:00; \
             thu 09:00-23:00; fri closed; sat 10:00-02:00"
        )
    );
    assert_eq!(
        (u.booking.buffer_minutes, u.booking.no_show_percent),
        (10, d("75.50"))
    );
    assert_eq!((u.vat_percent, u.prices_include_vat), (d("14.00"), false));
    assert_eq!(
        (u.seller.rin.as_deref(), u.seller.street.as_deref()),
        (Some("123"), None)
    );
    assert_eq!(u.max_cashier_discount, d("12.50"));
    assert!(u.require_shift);
    assert_eq!(u.plan_prices.monthly, Some(d("1000.50")));
    assert_eq!(fx.bs.settings().unwrap(), u);
    let cleared = fx
        .bs
        .update_settings(SettingsUpdate {
            daily_cap: Some(None),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(cleared.pricing.daily_cap, None);
    assert_eq!(fx.bs.settings().unwrap(), cleared);
}

pub fn active_sessions_show_elapsed_and_running_charge<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("Aya", "01000000001");
    let b = fx.customer("Omar", "01000000002");
    let s1 = fx.seat("Seat 1", "30");
    let s2 = fx.seat("Seat 2", "60");
    fx.bs.at(t(8, 0)).start_session(a.id, s1.id).unwrap();
    fx.bs.at(t(9, 0)).start_session(b.id, s2.id).unwrap();
    let active = fx.bs.at(t(10, 0)).active_sessions().unwrap();
    let rows: Vec<_> = active
        .iter()
        .map(|a| {
            (
                a.customer_name.as_str(),
                a.resource_name.as_str(),
                a.elapsed_minutes,
                a.running_charge,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Aya", "Seat 1", 120, d("60.00")),
            ("Omar", "Seat 2", 60, d("60.00"))
        ]
    );
}

pub fn r_sess_3_rate_is_captured_when_the_session_starts<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let seat = fx.seat("Seat 1", "30");
    let s = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    fx.bs
        .update_resource(
            seat.id,
            crate::model::ResourceUpdate {
                rate_per_hour: Some(d("90")),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(fx.bs.get_session(s.id).unwrap().rate_per_hour, d("30.00"));
    let inv = fx
        .bs
        .at(t(10, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!(
        (inv.line_items[0].unit_price, inv.total),
        (d("30.00"), d("60.00"))
    );
}

pub fn r_rep_3_active_sessions_are_those_running_at_the_instant<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("Aya", "01000000001");
    let b = fx.customer("Omar", "01000000002");
    let s1 = fx.seat("Seat 1", "30");
    let s2 = fx.seat("Seat 2", "60");
    let early = fx.bs.at(t(8, 0)).start_session(a.id, s1.id).unwrap();
    fx.bs
        .at(t(9, 0))
        .end_session(early.id, EndSession::default())
        .unwrap();
    let late = fx.bs.at(t(11, 0)).start_session(b.id, s2.id).unwrap();
    let at = |h, m| {
        fx.bs
            .at(t(h, m))
            .active_sessions()
            .unwrap()
            .into_iter()
            .map(|r| {
                (
                    r.session.id,
                    r.session.is_active,
                    r.session.ended_at,
                    r.elapsed_minutes,
                )
            })
            .collect::<Vec<_>>()
    };
    // Before anything started: nothing. A session started later is not running yet.
    assert_eq!(at(7, 0), []);
    // While the early one ran it is listed as it stood then: active, no end yet.
    assert_eq!(at(8, 30), [(early.id, true, None, 30)]);
    // Ended by the instant: gone. At its start instant a session is running (0 minutes).
    assert_eq!(at(9, 0), []);
    assert_eq!(at(11, 0), [(late.id, true, None, 0)]);
    assert_eq!(at(12, 0), [(late.id, true, None, 60)]);
    // Now (20:00 on the test clock) only the running session.
    let now: Vec<_> = fx.bs.active_sessions().unwrap();
    assert_eq!(now.len(), 1);
    assert_eq!(
        (now[0].session.id, now[0].running_charge),
        (late.id, d("540.00"))
    );
}

pub fn r_sess_7_back_dated_sessions_never_overlap<S: Store>(store: S) {
    let fx = Fx::new(store);
    let c1 = fx.customer("Aya", "01000000001");
    let c2 = fx.customer("Omar", "01000000002");
    let seat = fx.seat("Seat 1", "30");
    let seat2 = fx.seat("Seat 2", "30");
    let first = fx.visit(&c1, &seat, t(10, 0), t(14, 0));
    let first_session = first.session_id.unwrap();
    // The seat was taken from 10:00 to 14:00: another customer cannot be put on it at 12:00.
    let e = fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.at(t(12, 0)).start_session(c2.id, seat.id)
    });
    assert!(e.to_string().contains(&first_session.to_string()), "{e}");
    // Nor can the customer sit on another seat at 11:00.
    let e = fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.at(t(11, 0)).start_session(c1.id, seat2.id)
    });
    assert!(e.to_string().contains(&first_session.to_string()), "{e}");
    // A running session reaches to now: a start at 09:00 would run over the 10:00 session.
    fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.at(t(9, 0)).start_session(c2.id, seat.id)
    });
    // Back to back is fine: intervals are half-open.
    let next = fx.visit(&c2, &seat, t(14, 0), t(16, 0));
    assert_eq!(next.issued_at, t(16, 0));
    fx.visit(&c1, &seat2, t(14, 0), t(15, 0));
    // Six hours of real use on the seat that day, not ten.
    let u = fx
        .bs
        .utilization(date(2026, 11, 24), date(2026, 11, 24))
        .unwrap();
    let seat_row = u.iter().find(|r| r.resource_id == seat.id).unwrap();
    assert_eq!(seat_row.occupied_minutes, 360);
    assert_eq!(fx.bs.session_overlaps().unwrap(), []);
}

pub fn r_time_2_time_zone_changes_only_before_money_is_recorded<S: Store>(store: S) {
    let fx = Fx::new(store);
    let to = |zone: &str| SettingsUpdate {
        time_zone: Some(zone.into()),
        ..Default::default()
    };
    // Before any money: the zone can change, and back.
    fx.bs.update_settings(to("Asia/Riyadh")).unwrap();
    fx.bs.update_settings(to("Africa/Cairo")).unwrap();
    let a = fx.customer("Aya", "01000000001");
    fx.bs
        .at(t(8, 0))
        .deposit(a.id, d("50"), PaymentMethod::Cash)
        .unwrap();
    // Once money is recorded, days would mix two zones: refused, naming the zone kept.
    let e = fails_unchanged(&fx.bs, crate::ErrorKind::InvalidState, || {
        fx.bs.update_settings(to("Asia/Riyadh"))
    });
    assert!(e.to_string().contains("Africa/Cairo"), "{e}");
    // Setting the same zone again, or anything else, is fine.
    fx.bs.update_settings(to("Africa/Cairo")).unwrap();
}
