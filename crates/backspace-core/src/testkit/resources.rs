//! Resources (§4).

use super::*;
use crate::ErrorKind;
use crate::model::ResourceUpdate;

pub fn r_res_1_resources_are_added_and_listed<S: Store>(store: S) {
    let fx = Fx::new(store);
    let room = fx
        .bs
        .at(t(6, 0))
        .add_resource("Room Nile", ResourceType::Room, d("150"))
        .unwrap();
    let seat = fx.seat("Seat 1", "30.5");
    assert_eq!(seat.rate_per_hour.to_string(), "30.50");
    assert!(seat.is_available);
    assert_eq!(room.resource_type, ResourceType::Room);
    let names: Vec<_> = fx
        .bs
        .list_resources()
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["Room Nile", "Seat 1"]);
    fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.add_resource("seat 1", ResourceType::Seat, d("1"))
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.add_resource("Seat 2", ResourceType::Seat, d("-1"))
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.add_resource("Seat 2", ResourceType::Seat, d("1.001"))
    });
}

pub fn r_res_2_busy_resource_is_unavailable_and_cannot_be_set_available<S: Store>(store: S) {
    let fx = Fx::new(store);
    let c = fx.customer("A", "01000000001");
    let seat = fx.seat("Seat 1", "30");
    let s = fx.bs.at(t(8, 0)).start_session(c.id, seat.id).unwrap();
    assert!(!fx.bs.get_resource(seat.id).unwrap().is_available);
    fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.set_resource_available(seat.id, true)
    });
    fx.bs
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert!(fx.bs.get_resource(seat.id).unwrap().is_available);
    let r = fx.bs.set_resource_available(seat.id, false).unwrap();
    assert!(!r.is_available);
    fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.at(t(10, 0)).start_session(c.id, seat.id)
    });
    assert!(
        fx.bs
            .set_resource_available(seat.id, true)
            .unwrap()
            .is_available
    );
}

pub fn r_res_2_out_of_service_stays_unavailable_after_session<S: Store>(store: S) {
    let fx = Fx::new(store);
    let c = fx.customer("A", "01000000001");
    let seat = fx.seat("Seat 1", "30");
    let s = fx.bs.at(t(8, 0)).start_session(c.id, seat.id).unwrap();
    fx.bs.set_resource_available(seat.id, false).unwrap();
    fx.bs
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert!(!fx.bs.get_resource(seat.id).unwrap().is_available);
}

pub fn r_res_3_rate_change_applies_to_later_sessions_only<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    let b = fx.customer("B", "01000000002");
    let seat = fx.seat("Seat 1", "30");
    let desk = fx.seat("Seat 2", "30");
    let s1 = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    fx.bs
        .update_resource(
            seat.id,
            ResourceUpdate {
                rate_per_hour: Some(d("60")),
                ..Default::default()
            },
        )
        .unwrap();
    fx.bs
        .update_resource(
            desk.id,
            ResourceUpdate {
                rate_per_hour: Some(d("60")),
                ..Default::default()
            },
        )
        .unwrap();
    let s2 = fx.bs.at(t(8, 0)).start_session(b.id, desk.id).unwrap();
    assert_eq!(s1.rate_per_hour, d("30.00"));
    assert_eq!(s2.rate_per_hour, d("60.00"));
    assert_eq!(
        fx.bs
            .at(t(9, 0))
            .end_session(s1.id, EndSession::default())
            .unwrap()
            .total,
        d("30.00")
    );
    assert_eq!(
        fx.bs
            .at(t(9, 0))
            .end_session(s2.id, EndSession::default())
            .unwrap()
            .total,
        d("60.00")
    );
}

pub fn r_res_4_resource_with_history_cannot_be_deleted<S: Store>(store: S) {
    let fx = Fx::new(store);
    let c = fx.customer("A", "01000000001");
    let used = fx.seat("Seat 1", "30");
    let unused = fx.seat("Seat 2", "30");
    fx.visit(&c, &used, t(8, 0), t(9, 0));
    let e = fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.delete_resource(used.id)
    });
    assert!(e.to_string().contains("Seat 1"));
    fx.bs.delete_resource(unused.id).unwrap();
    assert_eq!(
        fx.bs.get_resource(unused.id).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        fx.bs.delete_resource(unused.id).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

/// Renames and a new phone are kept, and a name or phone that is taken is refused with nothing
/// written, on every store — including while a session runs on the renamed seat and after it
/// ends (stores may write the columns that rarely change apart from the others).
pub fn renames_and_new_phones_are_kept_and_clashes_refused<S: Store>(store: S) {
    use crate::model::{CustomerUpdate, ItemUpdate};
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    fx.customer("B", "01000000002");
    let seat = fx.seat("Seat 1", "30");
    fx.seat("Seat 2", "30");
    let tea = fx.item("Tea", "15", 10, 0);
    let s = fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap();
    let renamed = fx
        .bs
        .update_resource(
            seat.id,
            ResourceUpdate {
                name: Some("Window Seat".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.is_available),
        ("Window Seat", false)
    );
    fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.update_resource(
            seat.id,
            ResourceUpdate {
                name: Some("SEAT 2".into()),
                ..Default::default()
            },
        )
    });
    let moved = fx
        .bs
        .update_customer(
            a.id,
            CustomerUpdate {
                phone: Some("01000000003".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(moved.phone, "+201000000003");
    assert_eq!(fx.bs.find_customer("01000000003").unwrap().id, a.id);
    assert_eq!(
        fx.bs.find_customer("01000000001").map_err(|e| e.kind()),
        Err(ErrorKind::NotFound)
    );
    let mint = fx
        .bs
        .update_inventory_item(
            tea.id,
            ItemUpdate {
                name: Some("Mint tea".into()),
                price: Some(d("17")),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((mint.name.as_str(), mint.price), ("Mint tea", d("17.00")));
    fx.bs.at(t(8, 5)).add_consumption(s.id, tea.id, 1).unwrap();
    let inv = fx
        .bs
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    let ended = fx.bs.get_session(s.id).unwrap();
    assert_eq!(
        (
            ended.customer_id,
            ended.resource_id,
            ended.started_at,
            ended.is_active
        ),
        (a.id, seat.id, t(8, 0), false)
    );
    assert_eq!(inv.line_items[1].description, "Mint tea");
    let after = fx.bs.get_resource(seat.id).unwrap();
    assert_eq!(
        (after.name.as_str(), after.is_available),
        ("Window Seat", true)
    );
    assert_eq!(fx.bs.get_customer(a.id).unwrap().phone, "+201000000003");
    assert_eq!(fx.bs.get_inventory_item(tea.id).unwrap().name, "Mint tea");
}
