//! Reservations and opening hours (§17: R-OPEN-1, R-BOOK-1..4, R-REP-2's opening hours).

use chrono::{Duration, TimeZone};

use super::*;
use crate::ErrorKind;
use crate::booking::ReservationStatus as St;
use crate::ops::NewReservation;
use crate::settings::SettingsUpdate;

fn room<S: Store>(fx: &Fx<S>, name: &str, rate: &str) -> Resource {
    fx.bs
        .at(t(6, 0))
        .add_resource(name, ResourceType::Room, d(rate))
        .unwrap()
}

fn book<S: Store>(
    fx: &Fx<S>,
    who: &Customer,
    r: &Resource,
    from: (u32, u32),
    to: (u32, u32),
) -> crate::Result<crate::booking::Reservation> {
    fx.bs.at(t(6, 30)).reserve(NewReservation::new(
        who.id,
        r.id,
        t(from.0, from.1),
        t(to.0, to.1),
    ))
}

fn settings<S: Store>(fx: &Fx<S>, update: SettingsUpdate) {
    fx.bs.update_settings(update).unwrap();
}

pub fn r_book_1_reservations_of_a_resource_never_overlap<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let b = fx.customer("B", "01000000002");
    let nile = room(&fx, "Room Nile", "150");
    let delta = room(&fx, "Room Delta", "120");
    let first = book(&fx, &a, &nile, (9, 0), (11, 0)).unwrap();
    assert_eq!(
        (
            first.reservation_number.as_str(),
            first.status,
            first.rate_per_hour
        ),
        ("R-0001", St::Booked, d("150.00"))
    );
    assert_eq!(
        (first.start, first.end, first.created_at),
        (t(9, 0), t(11, 0), t(6, 30))
    );
    for (from, to) in [
        ((9, 0), (11, 0)),
        ((10, 59), (12, 0)),
        ((8, 0), (9, 1)),
        ((8, 0), (12, 0)),
    ] {
        let err = fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
            book(&fx, &b, &nile, from, to)
        });
        assert!(err.to_string().contains("R-0001"), "{err}");
    }
    // Back to back is fine; so is the other room; the numbers stay gapless.
    assert_eq!(
        book(&fx, &b, &nile, (11, 0), (12, 0))
            .unwrap()
            .reservation_number,
        "R-0002"
    );
    assert_eq!(
        book(&fx, &b, &delta, (9, 0), (11, 0))
            .unwrap()
            .reservation_number,
        "R-0003"
    );
    // With a buffer, the minutes after each booking stay free.
    settings(
        &fx,
        SettingsUpdate {
            buffer_minutes: Some(15),
            ..Default::default()
        },
    );
    let err = fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        book(&fx, &a, &nile, (12, 10), (13, 0))
    });
    assert!(err.to_string().contains("15 minutes"), "{err}");
    fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        book(&fx, &a, &delta, (8, 0), (8, 50))
    });
    book(&fx, &a, &nile, (12, 15), (13, 0)).unwrap();
    // A cancelled booking frees its slot.
    let r = book(&fx, &a, &delta, (14, 0), (15, 0)).unwrap();
    fx.bs.at(t(6, 40)).cancel_reservation(r.id).unwrap();
    book(&fx, &b, &delta, (14, 0), (15, 0)).unwrap();
}

pub fn r_book_1_bad_bookings_say_why_and_write_nothing<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let nile = room(&fx, "Room Nile", "150");
    let err = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        book(&fx, &a, &nile, (10, 0), (10, 0))
    });
    assert!(matches!(&err, crate::Error::Validation { field, .. } if field == "end"));
    let err = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        book(&fx, &a, &nile, (6, 0), (7, 0))
    });
    assert!(err.to_string().contains("in the past"), "{err}");
    let far = fx.bs.at(t(6, 30)).reserve(NewReservation::new(
        a.id,
        nile.id,
        t(9, 0) + Duration::days(91),
        t(10, 0) + Duration::days(91),
    ));
    assert!(far.unwrap_err().to_string().contains("90 days"));
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.at(t(6, 30)).reserve(NewReservation::new(
            uuid::Uuid::new_v4(),
            nile.id,
            t(9, 0),
            t(10, 0),
        ))
    });
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.at(t(6, 30)).reserve(NewReservation::new(
            a.id,
            uuid::Uuid::new_v4(),
            t(9, 0),
            t(10, 0),
        ))
    });
    fx.bs
        .at(t(6, 10))
        .set_resource_available(nile.id, false)
        .unwrap();
    let err = fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        book(&fx, &a, &nile, (9, 0), (10, 0))
    });
    assert!(err.to_string().contains("out of service"), "{err}");
    fx.bs
        .at(t(6, 10))
        .set_resource_available(nile.id, true)
        .unwrap();
    // Tuesday 2026-11-24 opens 09:00–23:00 Cairo (07:00–21:00 UTC).
    settings(
        &fx,
        SettingsUpdate {
            opening_hours: Some(Some(
                "sun-thu 09:00-23:00; fri closed; sat 10:00-02:00".into(),
            )),
            ..Default::default()
        },
    );
    for (from, to) in [((6, 45), (8, 0)), ((20, 0), (21, 30))] {
        let err = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
            book(&fx, &a, &nile, from, to)
        });
        assert!(err.to_string().contains("outside opening hours"), "{err}");
    }
    book(&fx, &a, &nile, (7, 0), (21, 0)).unwrap();
}

pub fn r_book_2_check_in_bills_at_least_the_reserved_minutes_at_the_booked_rate<S: Store>(
    store: S,
) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let nile = room(&fx, "Room Nile", "150");
    let r = book(&fx, &a, &nile, (10, 0), (12, 0)).unwrap();
    fx.bs
        .at(t(6, 45))
        .update_resource(
            nile.id,
            ResourceUpdate {
                rate_per_hour: Some(d("300")),
                ..Default::default()
            },
        )
        .unwrap();
    let err = fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.at(t(9, 44)).check_in(r.id)
    });
    assert!(err.to_string().contains("too early"), "{err}");
    let s = fx.bs.at(t(9, 50)).check_in(r.id).unwrap();
    assert_eq!(
        (s.reservation_id, s.rate_per_hour, s.customer_id),
        (Some(r.id), d("150.00"), a.id)
    );
    let r2 = fx.bs.get_reservation(r.id).unwrap();
    assert_eq!(
        (r2.status, r2.session_id, r2.closed_at),
        (St::CheckedIn, Some(s.id), Some(t(9, 50)))
    );
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.at(t(9, 51)).check_in(r.id)
    });
    // Leaves after 40 minutes: billed the 120 reserved minutes at the booked rate.
    let inv = fx
        .bs
        .at(t(10, 30))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!((inv.line_items[0].quantity, inv.total), (120, d("300.00")));
    // Booked after the new rate, and staying longer than booked: billed as usual.
    let r = book(&fx, &a, &nile, (13, 0), (14, 0)).unwrap();
    assert_eq!(r.rate_per_hour, d("300.00"));
    let s = fx.bs.at(t(13, 0)).check_in(r.id).unwrap();
    let inv = fx
        .bs
        .at(t(14, 30))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!((inv.line_items[0].quantity, inv.total), (90, d("450.00")));
}

pub fn r_book_2_a_room_reserved_by_another_customer_cannot_be_taken<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let b = fx.customer("B", "01000000002");
    let nile = room(&fx, "Room Nile", "150");
    let r = book(&fx, &a, &nile, (10, 0), (12, 0)).unwrap();
    let err = fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.at(t(10, 30)).start_session(b.id, nile.id)
    });
    assert!(err.to_string().contains("R-0001"), "{err}");
    // Its own customer may walk in; someone else before the booking starts too.
    let s = fx.bs.at(t(8, 0)).start_session(b.id, nile.id).unwrap();
    fx.bs
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    let mine = fx.bs.at(t(10, 5)).start_session(a.id, nile.id).unwrap();
    assert_eq!(mine.reservation_id, None);
    assert_eq!(fx.bs.get_reservation(r.id).unwrap().status, St::Booked);
}

pub fn r_book_2_a_booking_over_a_dst_change_keeps_its_real_minutes<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let nile = room(&fx, "Room Nile", "60");
    // Cairo springs forward at midnight on 2026-04-24: 23:00 → 02:00 local is two real hours.
    let cairo = chrono_tz::Africa::Cairo;
    let start = cairo
        .with_ymd_and_hms(2026, 4, 23, 23, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let end = cairo
        .with_ymd_and_hms(2026, 4, 24, 2, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let booking_desk = fx.bs.at(start - Duration::days(3));
    let r = booking_desk
        .reserve(NewReservation::new(a.id, nile.id, start, end))
        .unwrap();
    assert_eq!(r.minutes(), 120);
    let s = fx.bs.at(start).check_in(r.id).unwrap();
    let inv = fx
        .bs
        .at(start + Duration::minutes(30))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!((inv.line_items[0].quantity, inv.total), (120, d("120.00")));
}

pub fn r_book_3_late_cancellations_and_no_shows_are_invoiced_as_fees<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let nile = room(&fx, "Room Nile", "100");
    // Booked a week ahead, cancelled with notice: free.
    let early = fx
        .bs
        .at(t(6, 0) - Duration::days(7))
        .reserve(NewReservation::new(a.id, nile.id, t(8, 0), t(9, 0)))
        .unwrap();
    let cancelled = fx
        .bs
        .at(t(6, 0) - Duration::days(2))
        .cancel_reservation(early.id)
        .unwrap();
    assert_eq!(
        (cancelled.status, cancelled.fee_invoice_id),
        (St::Cancelled, None)
    );
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.at(t(6, 1)).cancel_reservation(early.id)
    });
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.at(t(7, 55)).check_in(early.id)
    });
    // Cancelled 2 hours before: 50 % of 2 × 100.
    let late = book(&fx, &a, &nile, (9, 0), (11, 0)).unwrap();
    let late = fx.bs.at(t(7, 0)).cancel_reservation(late.id).unwrap();
    let fee = fx.bs.get_invoice(late.fee_invoice_id.unwrap()).unwrap();
    assert_eq!(
        (fee.total, fee.line_items[0].kind),
        (d("100.00"), LineKind::ReservationFee)
    );
    assert!(
        fee.line_items[0].description.contains("R-0002"),
        "{:?}",
        fee.line_items[0]
    );
    // Not checked in by 12:15: no check-in after, and expiring invoices 100 %.
    let gone = book(&fx, &a, &nile, (12, 0), (13, 30)).unwrap();
    let err = fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.at(t(12, 16)).check_in(gone.id)
    });
    assert!(err.to_string().contains("no-show"), "{err}");
    assert_eq!(fx.bs.at(t(12, 15)).expire_reservations().unwrap(), []);
    let expired = fx.bs.at(t(12, 16)).expire_reservations().unwrap();
    assert_eq!(expired.len(), 1);
    assert_eq!((expired[0].id, expired[0].status), (gone.id, St::NoShow));
    let fee2 = fx
        .bs
        .get_invoice(expired[0].fee_invoice_id.unwrap())
        .unwrap();
    assert_eq!(fee2.total, d("150.00"));
    assert_eq!(fx.bs.at(t(12, 20)).expire_reservations().unwrap(), []);
    // Cancelling past the deadline records the no-show it is.
    settings(
        &fx,
        SettingsUpdate {
            no_show_percent: Some(d("40")),
            ..Default::default()
        },
    );
    let late_again = book(&fx, &a, &nile, (14, 0), (15, 0)).unwrap();
    let r = fx
        .bs
        .at(t(14, 30))
        .cancel_reservation(late_again.id)
        .unwrap();
    assert_eq!(r.status, St::NoShow);
    assert_eq!(
        fx.bs.get_invoice(r.fee_invoice_id.unwrap()).unwrap().total,
        d("40.00")
    );
    // Fees are revenue of their own (R-REP-1).
    let day = fx
        .bs
        .revenue(date(2026, 11, 24), date(2026, 11, 24))
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!((day.reservation_fees, day.net), (d("290.00"), d("290.00")));
    super::invariants::check_invariants(&fx.bs);
}

pub fn r_book_4_reservations_and_free_slots<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let nile = room(&fx, "Room Nile", "100");
    let delta = room(&fx, "Room Delta", "100");
    settings(
        &fx,
        SettingsUpdate {
            opening_hours: Some(Some(
                "sun-thu 09:00-23:00; fri closed; sat 09:00-23:00".into(),
            )),
            unit_minutes: Some(60),
            buffer_minutes: Some(30),
            ..Default::default()
        },
    );
    // Bookings on Wednesday 2026-11-25, made on Tuesday: 09:00–11:00 and 14:00–15:00 Cairo.
    let desk = fx.bs.at(t(8, 0));
    let tomorrow = |h: u32| t(h, 0) + Duration::days(1);
    desk.reserve(NewReservation::new(a.id, nile.id, tomorrow(7), tomorrow(9)))
        .unwrap();
    desk.reserve(NewReservation::new(
        a.id,
        nile.id,
        tomorrow(12),
        tomorrow(13),
    ))
    .unwrap();
    desk.reserve(NewReservation::new(
        a.id,
        delta.id,
        tomorrow(10),
        tomorrow(11),
    ))
    .unwrap();
    let wed = date(2026, 11, 25);
    let numbers = |v: Vec<crate::booking::Reservation>| {
        v.into_iter()
            .map(|r| r.reservation_number)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        numbers(fx.bs.reservations(wed, wed, None).unwrap()),
        ["R-0001", "R-0003", "R-0002"]
    );
    assert_eq!(
        numbers(fx.bs.reservations(wed, wed, nile.id).unwrap()),
        ["R-0001", "R-0002"]
    );
    assert!(
        fx.bs
            .reservations(date(2026, 11, 24), date(2026, 11, 24), None)
            .unwrap()
            .is_empty()
    );
    // Hour slots of one hour: 11:00 waits for the buffer; 13:00 would run into 14:00's;
    // 15:00 follows its buffer, so 16:00 is the next hour.
    let slots: Vec<String> = fx
        .bs
        .at(t(8, 0))
        .free_slots(nile.id, wed, 60)
        .unwrap()
        .iter()
        .map(|s| {
            s.with_timezone(&chrono_tz::Africa::Cairo)
                .format("%H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(
        slots,
        [
            "12:00", "16:00", "17:00", "18:00", "19:00", "20:00", "21:00", "22:00"
        ]
    );
    assert!(
        fx.bs
            .free_slots(nile.id, date(2026, 11, 27), 60)
            .unwrap()
            .is_empty(),
        "friday is closed"
    );
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.free_slots(nile.id, wed, 0)
    });
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.free_slots(uuid::Uuid::new_v4(), wed, 60)
    });
}

pub fn r_open_1_utilization_counts_against_opening_hours<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let seat = fx.seat("Seat 1", "30");
    // 06:00–10:00 Cairo on Tuesday 2026-11-24, 04:00–08:00 UTC; open from 09:00 Cairo.
    fx.visit(&a, &seat, t(4, 0), t(8, 0));
    settings(
        &fx,
        SettingsUpdate {
            opening_hours: Some(Some("sun-sat 09:00-21:00".into())),
            ..Default::default()
        },
    );
    let row = fx
        .bs
        .utilization(date(2026, 11, 24), date(2026, 11, 24))
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (row.occupied_minutes, row.range_minutes, row.utilization),
        (60, 720, d("0.0833"))
    );
    assert_eq!(
        (
            row.occupied_minutes_24h,
            row.range_minutes_24h,
            row.utilization_24h
        ),
        (240, 1440, d("0.1667"))
    );
    settings(
        &fx,
        SettingsUpdate {
            opening_hours: Some(None),
            ..Default::default()
        },
    );
    let row = fx
        .bs
        .utilization(date(2026, 11, 24), date(2026, 11, 24))
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!((row.occupied_minutes, row.range_minutes), (240, 1440));
    let err = fx
        .bs
        .update_settings(SettingsUpdate {
            opening_hours: Some(Some("sun 09:00-09:00".into())),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
}
