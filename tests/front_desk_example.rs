//! The front-desk example's summary agrees with its raw records and with the day it simulates.

#[path = "../examples/front_desk.rs"]
mod front_desk;

use backspace::{Decimal, InvoiceFilter, InvoiceStatus, LedgerKind, LineKind, PaymentMethod};

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

#[test]
fn r_rep_1_example_summary_matches_its_records() {
    let path = std::env::temp_dir().join(format!(
        "backspace-example-{}.sqlite",
        backspace::Uuid::new_v4()
    ));
    let path = path.to_string_lossy().to_string();
    let desk = front_desk::simulate(&path).expect("simulate");
    let day = front_desk::business_day();
    let r = desk
        .revenue(day, day)
        .expect("revenue")
        .pop()
        .expect("one row");

    // Hand-computed: 4 weekly plans at 350 and 2 monthly at 1200; one 500 transfer deposit.
    assert_eq!(r.subscriptions, d("3800"));
    assert_eq!(r.transfer, d("500"));

    // Every figure equals the sum of the raw records it summarizes.
    let invoices = desk
        .list_invoices(&InvoiceFilter::default())
        .expect("invoices");
    // 6 plans, 24 visits, 2 meetings, and the fees of a no-show and a late cancellation.
    assert_eq!(invoices.len(), 6 + 24 + 2 + 2);
    let lines = |kind: LineKind| -> Decimal {
        invoices
            .iter()
            .flat_map(|i| &i.line_items)
            .filter(|l| l.kind == kind)
            .map(|l| l.amount)
            .sum()
    };
    assert_eq!(r.sessions, lines(LineKind::Session));
    assert_eq!(r.reservation_fees, lines(LineKind::ReservationFee));
    assert_eq!(r.reservation_fees, d("210"));
    assert_eq!(r.consumptions, lines(LineKind::Consumption));
    assert_eq!(
        r.discounts,
        invoices.iter().map(|i| i.discount_amount).sum::<Decimal>()
    );
    // The day's corrections: one void, one partial cash refund, one write-off (R-CORR-6).
    let voided: Decimal = invoices
        .iter()
        .filter(|i| i.status == InvoiceStatus::Void)
        .map(|i| i.total)
        .sum();
    let refunded: Decimal = invoices.iter().map(|i| i.refunded_amount).sum();
    let written_off: Decimal = invoices.iter().map(|i| i.written_off_amount).sum();
    assert_eq!(
        (r.voids, r.refunds_cash, r.write_offs),
        (voided, refunded, written_off)
    );
    assert!(voided > Decimal::ZERO && refunded == d("10") && written_off > Decimal::ZERO);
    assert_eq!(
        r.net,
        invoices.iter().map(|i| i.total).sum::<Decimal>() - voided - refunded - written_off
    );
    assert!(desk.verify_trail().expect("trail").is_intact());
    let paid = |m: PaymentMethod| -> Decimal {
        invoices
            .iter()
            .flat_map(|i| &i.payments)
            .filter(|p| p.method == m)
            .map(|p| p.amount)
            .sum()
    };
    let deposits: Decimal = desk
        .list_customers()
        .expect("customers")
        .iter()
        .flat_map(|c| desk.statement(c.id).expect("statement"))
        .filter(|l| l.entry.kind == LedgerKind::Deposit)
        .map(|l| l.entry.amount)
        .sum();
    assert_eq!(r.cash, paid(PaymentMethod::Cash));
    assert_eq!(r.card, paid(PaymentMethod::Card));
    assert_eq!(r.transfer, paid(PaymentMethod::Transfer) + deposits);
    assert_eq!(r.credit_applied, paid(PaymentMethod::Balance));
    assert!(r.credit_applied > Decimal::ZERO && r.discounts > Decimal::ZERO);

    let owed: Decimal = desk
        .outstanding_invoices()
        .expect("outstanding")
        .iter()
        .map(|o| o.due)
        .sum();
    let balances: Decimal = desk
        .list_customers()
        .expect("customers")
        .iter()
        .map(|c| c.balance - c.credit)
        .sum();
    assert_eq!(
        owed, -balances,
        "outstanding equals what the balances say is owed"
    );
    assert!(!desk.low_stock().expect("low stock").is_empty());
    for u in desk.utilization(day, day).expect("utilization") {
        // Open 09:00–23:00 on a Monday: 840 minutes; 1,440 around the clock.
        assert!(
            u.utilization <= Decimal::ONE && u.range_minutes == 840 && u.range_minutes_24h == 1440,
            "{u:?}"
        );
        assert!(u.occupied_minutes <= u.occupied_minutes_24h, "{u:?}");
    }
    drop(desk);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
}
