//! Café stock (§8).

use super::*;
use crate::ErrorKind;
use crate::model::ItemUpdate;

fn running<S: Store>(fx: &Fx<S>) -> Session {
    let a = fx.customer("A", "01000000001");
    let seat = fx.seat("Seat 1", "30");
    fx.bs.at(t(8, 0)).start_session(a.id, seat.id).unwrap()
}

pub fn r_inv_1_items_are_added_with_opening_stock<S: Store>(store: S) {
    let fx = Fx::new(store);
    let item = fx
        .bs
        .at(t(6, 0))
        .add_inventory_item("Turkish coffee", Category::Beverage, d("25"), 40, 5)
        .unwrap();
    assert_eq!(
        (item.price, item.quantity, item.min_stock),
        (d("25.00"), 40, 5)
    );
    assert_eq!(fx.bs.get_inventory_item(item.id).unwrap(), item);
    let m = fx.bs.stock_movements(item.id).unwrap();
    assert_eq!(
        (m.len(), m[0].kind, m[0].delta, m[0].quantity_after),
        (1, MovementKind::Initial, 40, 40)
    );
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .add_inventory_item("X", Category::Snack, d("1"), -1, 0)
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .add_inventory_item("X", Category::Snack, d("1"), 1, -1)
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.add_inventory_item("", Category::Snack, d("1"), 1, 0)
    });
    let u = fx
        .bs
        .update_inventory_item(
            item.id,
            ItemUpdate {
                category: Some(Category::Meal),
                min_stock: Some(7),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (u.category, u.min_stock, u.quantity),
        (Category::Meal, 7, 40)
    );
}

pub fn r_inv_2_insufficient_stock_changes_nothing<S: Store>(store: S) {
    let fx = Fx::new(store);
    let s = running(&fx);
    let tea = fx.item("Tea", "15", 2, 0);
    let e = fails_unchanged(&fx.bs, ErrorKind::InsufficientStock, || {
        fx.bs.at(t(8, 5)).add_consumption(s.id, tea.id, 3)
    });
    assert!(
        matches!(
            e,
            crate::Error::InsufficientStock {
                available: 2,
                requested: 3,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("2 available"), "{e}");
}

pub fn r_inv_2_consumption_needs_active_session_and_quantity<S: Store>(store: S) {
    let fx = Fx::new(store);
    let s = running(&fx);
    let tea = fx.item("Tea", "15", 10, 0);
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.add_consumption(s.id, tea.id, 0)
    });
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.add_consumption(s.id, uuid::Uuid::new_v4(), 1)
    });
    fx.bs
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.add_consumption(s.id, tea.id, 1)
    });
}

pub fn r_inv_3_price_is_captured_at_consumption<S: Store>(store: S) {
    let fx = Fx::new(store);
    let s = running(&fx);
    let tea = fx.item("Tea", "15", 10, 0);
    let c = fx.bs.at(t(8, 5)).add_consumption(s.id, tea.id, 2).unwrap();
    fx.bs
        .update_inventory_item(
            tea.id,
            ItemUpdate {
                price: Some(d("20")),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(c.price_at_consumption, d("15.00"));
    let inv = fx
        .bs
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!(
        (inv.line_items[1].unit_price, inv.line_items[1].amount),
        (d("15.00"), d("30.00"))
    );
}

pub fn r_inv_4_stock_is_decremented_with_the_consumption<S: Store>(store: S) {
    let fx = Fx::new(store);
    let s = running(&fx);
    let tea = fx.item("Tea", "15", 3, 0);
    fx.bs.at(t(8, 5)).add_consumption(s.id, tea.id, 3).unwrap();
    assert_eq!(fx.bs.get_inventory_item(tea.id).unwrap().quantity, 0);
    fails_unchanged(&fx.bs, ErrorKind::InsufficientStock, || {
        fx.bs.add_consumption(s.id, tea.id, 1)
    });
    let last = fx.bs.stock_movements(tea.id).unwrap().pop().unwrap();
    assert_eq!(
        (last.kind, last.delta, last.quantity_after),
        (MovementKind::Consumption, -3, 0)
    );
}

pub fn r_inv_5_removed_consumption_returns_stock<S: Store>(store: S) {
    let fx = Fx::new(store);
    let s = running(&fx);
    let tea = fx.item("Tea", "15", 5, 0);
    let c = fx.bs.at(t(8, 5)).add_consumption(s.id, tea.id, 2).unwrap();
    let keep = fx.bs.at(t(8, 6)).add_consumption(s.id, tea.id, 1).unwrap();
    fx.bs.at(t(8, 10)).remove_consumption(c.id).unwrap();
    assert_eq!(fx.bs.get_inventory_item(tea.id).unwrap().quantity, 4);
    assert_eq!(
        fx.bs.session_consumptions(s.id).unwrap(),
        std::slice::from_ref(&keep)
    );
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.remove_consumption(c.id)
    });
    let inv = fx
        .bs
        .at(t(9, 0))
        .end_session(s.id, EndSession::default())
        .unwrap();
    assert_eq!(inv.line_items.len(), 2);
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.remove_consumption(keep.id)
    });
}

pub fn r_inv_6_restock_and_adjustment_keep_history<S: Store>(store: S) {
    let fx = Fx::new(store);
    let tea = fx.item("Tea", "15", 5, 0);
    fx.bs.at(t(7, 0)).restock(tea.id, 10).unwrap();
    fx.bs
        .at(t(7, 30))
        .adjust_stock(tea.id, -3, "broken cups")
        .unwrap();
    fails_unchanged(&fx.bs, ErrorKind::Validation, || fx.bs.restock(tea.id, 0));
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.adjust_stock(tea.id, 0, "x")
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.adjust_stock(tea.id, 1, "  ")
    });
    fails_unchanged(&fx.bs, ErrorKind::InsufficientStock, || {
        fx.bs.adjust_stock(tea.id, -13, "count")
    });
    let m = fx.bs.stock_movements(tea.id).unwrap();
    let rows: Vec<_> = m
        .iter()
        .map(|m| (m.kind, m.delta, m.quantity_after, m.reason.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (MovementKind::Initial, 5, 5, None),
            (MovementKind::Restock, 10, 15, None),
            (
                MovementKind::Adjustment,
                -3,
                12,
                Some("broken cups".to_string())
            ),
        ]
    );
    assert_eq!(m[2].at, t(7, 30));
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.stock_movements(uuid::Uuid::new_v4())
    });
}

pub fn r_inv_7_low_stock_includes_out_of_stock<S: Store>(store: S) {
    let fx = Fx::new(store);
    fx.item("Cola", "20", 0, 0);
    fx.item("Tea", "15", 5, 5);
    fx.item("Water", "10", 6, 5);
    let low: Vec<_> = fx
        .bs
        .low_stock()
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(low, ["Cola", "Tea"]);
}

pub fn r_inv_6_stock_card_chains_in_listed_order<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("Aya", "01000000001");
    let seat = fx.seat("Seat 1", "30");
    let tea = fx.item("Tea", "15", 5, 0);
    fx.bs.at(t(12, 0)).restock(tea.id, 10).unwrap();
    // A session entered late: its sale is recorded after the restock but happened before it.
    let s = fx.bs.at(t(9, 0)).start_session(a.id, seat.id).unwrap();
    fx.bs.at(t(9, 30)).add_consumption(s.id, tea.id, 3).unwrap();
    fx.bs
        .at(t(13, 0))
        .adjust_stock(tea.id, -2, "spilt")
        .unwrap();
    let card = fx.bs.stock_movements(tea.id).unwrap();
    let rows: Vec<_> = card
        .iter()
        .map(|m| (m.kind, m.at, m.delta, m.quantity_after))
        .collect();
    assert_eq!(
        rows,
        [
            (MovementKind::Initial, t(6, 0), 5, 5),
            (MovementKind::Consumption, t(9, 30), -3, 2),
            (MovementKind::Restock, t(12, 0), 10, 12),
            (MovementKind::Adjustment, t(13, 0), -2, 10),
        ]
    );
    for pair in card.windows(2) {
        assert_eq!(
            pair[1].quantity_after,
            pair[0].quantity_after + pair[1].delta
        );
    }
    assert_eq!(
        card.last().unwrap().quantity_after,
        fx.bs.get_inventory_item(tea.id).unwrap().quantity
    );
}
