//! Row-level security (schema version 2): a branch's own database role sees and changes only its
//! branch's sessions, invoices, shifts and stock — checked with raw SQL as that role — while
//! the chain's customers stay shared, and a desk connected as that role works as usual.

use backspace_core::chrono::{TimeZone, Utc};
use backspace_core::{
    Backspace, Category, EndSession, NewCustomer, NewPayment, OpenShift, PaymentMethod,
    ResourceType,
};
use backspace_postgres::{Chain, NewBranch, PostgresStore, testing};
use rust_decimal::Decimal;

fn count(client: &mut postgres::Client, sql: &str) -> i64 {
    client.query_one(sql, &[]).expect(sql).get(0)
}

/// Records a day's work at a desk: a customer, a session, its paid invoice, a shift and an item.
fn work(desk: &Backspace<PostgresStore>, phone: &str) {
    let day = |h| {
        Utc.with_ymd_and_hms(2026, 11, 2, h, 0, 0)
            .single()
            .expect("instant")
    };
    let c = desk
        .register_customer(NewCustomer::new("Guest", phone))
        .expect("customer");
    let seat = desk
        .add_resource("Seat 1", ResourceType::Seat, Decimal::new(3000, 2))
        .expect("seat");
    desk.add_inventory_item("Tea", Category::Beverage, Decimal::new(1500, 2), 10, 2)
        .expect("item");
    desk.at(day(8))
        .open_shift(OpenShift::new(Decimal::new(50000, 2)))
        .expect("shift");
    let s = desk.at(day(9)).start_session(c.id, seat.id).expect("start");
    let inv = desk
        .at(day(10))
        .end_session(s.id, EndSession::default())
        .expect("end");
    desk.at(day(10))
        .record_payment(inv.id, NewPayment::new(inv.total, PaymentMethod::Cash))
        .expect("pay");
}

#[test]
fn r_chain_2_a_branch_role_is_kept_to_its_branch() {
    let admin = testing::fresh_config();
    let chain = Chain::connect_config(&admin).expect("chain");
    chain
        .add_branch(NewBranch::new("Alexandria", "ALX"))
        .expect("ALX");
    let cai = chain
        .add_branch(NewBranch::new("Cairo", "CAI"))
        .expect("CAI");
    let role = format!(
        "alx_desk_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let mut superuser = admin.connect(postgres::NoTls).expect("connect");
    superuser
        .batch_execute(&format!("CREATE ROLE {role} LOGIN"))
        .expect("create the branch's role");
    chain.grant_branch_role(&role, "ALX").expect("grant");

    let open = |config: &postgres::Config, code| {
        Backspace::new(PostgresStore::open_config(config.clone(), Some(code)).expect("open"))
    };
    work(&open(&admin, "CAI"), "01012345678");
    let mut as_role = admin.clone();
    as_role.user(&role);
    // The branch's desk, connected as its role, works as usual.
    work(&open(&as_role, "ALX"), "01112345678");

    let mut client = as_role
        .connect(postgres::NoTls)
        .expect("connect as the role");
    let cai_id = cai.id;
    for table in [
        "sessions",
        "invoices",
        "shifts",
        "inventory_items",
        "resources",
    ] {
        assert_eq!(
            count(
                &mut client,
                &format!("SELECT count(*) FROM {table} WHERE branch_id = {cai_id}")
            ),
            0,
            "{table} of CAI are hidden"
        );
        assert_eq!(
            count(&mut client, &format!("SELECT count(*) FROM {table}")),
            1,
            "{table} of ALX are seen"
        );
    }
    for child in [
        "invoice_lines",
        "payments",
        "drawer_entries",
        "stock_movements",
    ] {
        let seen = count(&mut client, &format!("SELECT count(*) FROM {child}"));
        let all = count(&mut superuser, &format!("SELECT count(*) FROM {child}"));
        assert!(seen > 0 && seen < all, "{child}: {seen} of {all} seen");
    }
    assert_eq!(
        count(&mut client, "SELECT count(*) FROM customers"),
        2,
        "customers are shared"
    );

    for change in [
        format!("UPDATE invoices SET paid_amount_piastres = 0 WHERE branch_id = {cai_id}"),
        format!("UPDATE inventory_items SET quantity = 0 WHERE branch_id = {cai_id}"),
        format!("DELETE FROM resources WHERE branch_id = {cai_id}"),
        format!("UPDATE sessions SET amount_piastres = 0 WHERE branch_id = {cai_id}"),
    ] {
        assert_eq!(
            client.execute(change.as_str(), &[]).expect(&change),
            0,
            "{change}"
        );
    }
    let insert = format!(
        "INSERT INTO shifts (id, branch_id, drawer, opened_at, opening_float_piastres)
         VALUES (gen_random_uuid(), {cai_id}, 'x', now(), 0)"
    );
    let denied = client.batch_execute(&insert).expect_err("a shift in CAI");
    let said = denied.as_db_error().map(|d| d.message().to_string());
    assert!(
        said.as_deref()
            .is_some_and(|m| m.contains("row-level security")),
        "{said:?}"
    );
    let escalate = format!("UPDATE branch_roles SET branch_id = {cai_id}");
    let denied = client
        .batch_execute(&escalate)
        .expect_err("re-assign itself");
    let said = denied.as_db_error().map(|d| d.message().to_string());
    assert!(
        said.as_deref()
            .is_some_and(|m| m.contains("permission denied")),
        "{said:?}"
    );
    assert_eq!(
        count(
            &mut superuser,
            &format!(
                "SELECT count(*) FROM invoices WHERE branch_id = {cai_id} AND paid_amount_piastres > 0"
            )
        ),
        1,
        "CAI's invoice is untouched"
    );
    drop(client);
    let _ = superuser.batch_execute(&format!(
        "REASSIGN OWNED BY {role} TO CURRENT_USER; DROP OWNED BY {role}; DROP ROLE {role}"
    ));
}
