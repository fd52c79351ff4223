//! R-CHAIN-4: a single-space SQLite file (the front-desk example's day: staff, shifts,
//! bookings, VAT, e-receipts, corrections) moved into a branch of a chain shows every report,
//! statement and invoice exactly as the file did; new work goes on with the next numbers.

#[path = "../examples/front_desk.rs"]
#[allow(dead_code)]
mod front_desk;

use backspace::{Backspace, InvoiceFilter, Store};
use backspace_postgres::{Chain, NewBranch, PostgresStore, testing};

/// The desk signed in as the example's owner (reports are a manager's).
fn as_owner<S: Store>(desk: Backspace<S>) -> Backspace<S> {
    let staff = desk.store().read(|tx| tx.operators()).expect("operators");
    let hany = staff
        .iter()
        .find(|r| r.operator.name == "Hany")
        .expect("the owner");
    desk.sign_in(hany.operator.id, "1960").expect("sign in")
}

/// Everything a desk shows, as comparable text (the audit log up to the day after the
/// example's: signing in to look is audited too).
fn everything<S: Store>(desk: &Backspace<S>) -> Vec<(String, String)> {
    let day = front_desk::business_day();
    let (from, to) = (
        day - backspace::chrono::Duration::days(30),
        day + backspace::chrono::Duration::days(30),
    );
    let mut seen = vec![
        (
            "revenue".into(),
            format!("{:?}", desk.revenue(from, to).expect("revenue")),
        ),
        (
            "utilization".into(),
            format!("{:?}", desk.utilization(from, to).expect("utilization")),
        ),
        (
            "outstanding".into(),
            format!("{:?}", desk.outstanding_invoices().expect("outstanding")),
        ),
        (
            "top".into(),
            format!("{:?}", desk.top_customers(from, to, 1000).expect("top")),
        ),
        (
            "customers".into(),
            format!("{:?}", desk.list_customers().expect("customers")),
        ),
        (
            "resources".into(),
            format!("{:?}", desk.list_resources().expect("resources")),
        ),
        (
            "items".into(),
            format!("{:?}", desk.list_inventory_items().expect("items")),
        ),
        (
            "trail".into(),
            // Its audit count grows by each sign-in to look.
            format!("{:?}", {
                let t = desk.verify_trail().expect("trail");
                (t.entries, t.first_broken)
            }),
        ),
        (
            "reservations".into(),
            format!(
                "{:?}",
                desk.reservations(from, to, None).expect("reservations")
            ),
        ),
        (
            "audit".into(),
            format!(
                "{:?}",
                desk.audit_log(from, day + backspace::chrono::Duration::days(1), None)
                    .expect("audit")
            ),
        ),
        (
            "settings".into(),
            format!("{:?}", desk.settings().expect("settings")),
        ),
    ];
    let invoices = desk
        .list_invoices(&InvoiceFilter::default())
        .expect("invoices");
    for c in desk.list_customers().expect("customers") {
        seen.push((
            format!("statement {}", c.human_id),
            format!("{:?}", desk.statement(c.id).expect("statement")),
        ));
    }
    for i in &invoices {
        seen.push((format!("invoice {}", i.invoice_number), format!("{i:?}")));
        seen.push((
            format!("e-receipt {}", i.invoice_number),
            format!("{:?}", desk.find_e_receipt(i.id).expect("e-receipt")),
        ));
    }
    for item in desk.list_inventory_items().expect("items") {
        seen.push((
            format!("stock {}", item.name),
            format!("{:?}", desk.stock_movements(item.id).expect("movements")),
        ));
    }
    seen
}

#[test]
fn r_chain_4_a_single_space_moves_into_a_branch_unchanged() {
    let path = std::env::temp_dir().join(format!(
        "backspace-migrate-{}.sqlite",
        backspace::Uuid::new_v4()
    ));
    let path_text = path.to_string_lossy().to_string();
    let space = front_desk::simulate(&path_text).expect("simulate the day");
    let space = as_owner(space);
    let before = everything(&space);
    assert!(before.len() > 40, "the example's day has records");
    drop(space);

    let config = testing::fresh_config();
    let chain = Chain::connect_config(&config).expect("chain");
    chain
        .add_branch(NewBranch::new("Alexandria", "ALX"))
        .expect("branch");
    let store = PostgresStore::open_config(config.clone(), Some("ALX")).expect("open");
    let source = backspace::SqliteStore::open(&path).expect("the file");
    let report = store.import_space(&source).expect("import");
    assert!(
        report.count("invoices") >= 30 && report.count("e-receipts") >= 30,
        "{report:?}"
    );

    let branch = as_owner(Backspace::new(store));
    let after = everything(&branch);
    assert_eq!(before.len(), after.len());
    for ((what, was), (_, is)) in before.iter().zip(&after) {
        assert_eq!(was, is, "{what} differs after the move");
    }

    // A second import into the same chain is refused, and writes nothing.
    let again = PostgresStore::open_config(config.clone(), Some("ALX")).expect("open");
    let err = again
        .import_space(&source)
        .expect_err("not into a branch with records");
    assert_eq!(err.kind(), backspace::ErrorKind::Conflict, "{err}");
    assert_eq!(everything(&as_owner(Backspace::new(again))), after);
    let _ = std::fs::remove_file(&path);
}
