//! A chain of branches on one database (R-CHAIN-2, R-CHAIN-3): per-branch numbers and records,
//! chain-wide customers, balances and subscriptions, and chain reports that are the sum of the
//! branches'.

use backspace_core::chrono::{DateTime, NaiveDate, TimeZone, Utc};
use backspace_core::reports::RevenueDay;
use backspace_core::{
    Backspace, EndSession, Error, ErrorKind, NewCustomer, NewPayment, NewSubscription,
    PaymentMethod, Plan, ResourceType, SettingsUpdate,
};
use backspace_postgres::{Chain, NewBranch, PostgresStore, testing};
use rust_decimal::Decimal;

type Desk = Backspace<PostgresStore>;

/// A chain with branches ALX and CAI, their desks and the chain view.
struct Fixture {
    chain: Chain,
    alx: Desk,
    cai: Desk,
    all: Desk,
    config: postgres::Config,
}

fn chain() -> Fixture {
    let config = testing::fresh_config();
    let chain = Chain::connect_config(&config).expect("connect");
    chain
        .add_branch(NewBranch::new("Alexandria", "ALX"))
        .expect("add ALX");
    chain
        .add_branch(NewBranch::new("Cairo", "CAI"))
        .expect("add CAI");
    let open = |code| {
        Backspace::new(PostgresStore::open_config(config.clone(), code).expect("open branch"))
    };
    Fixture {
        alx: open(Some("ALX")),
        cai: open(Some("CAI")),
        all: open(None),
        chain,
        config,
    }
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
        .single()
        .expect("valid instant")
}

fn money(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

#[test]
fn r_chain_2_branch_numbers_carry_the_code_and_customers_the_chains() {
    let f = chain();
    let mona = f
        .alx
        .register_customer(NewCustomer::new("Mona", "01012345678"))
        .expect("register at ALX");
    let omar = f
        .cai
        .register_customer(NewCustomer::new("Omar", "01112345678"))
        .expect("register at CAI");
    assert_eq!(
        (mona.human_id.as_str(), omar.human_id.as_str()),
        ("C-001", "C-002")
    );
    // Mona visits Alexandria in the morning and Cairo in the afternoon.
    for (desk, code, hour) in [(&f.alx, "ALX", 9), (&f.cai, "CAI", 14)] {
        let seat = desk
            .add_resource("Seat 1", ResourceType::Seat, money("30"))
            .expect("same name in each branch");
        let s = desk
            .at(at(2, hour))
            .start_session(mona.id, seat.id)
            .expect("start");
        let inv = desk
            .at(at(2, hour + 1))
            .end_session(s.id, EndSession::default())
            .expect("end");
        assert_eq!(inv.invoice_number, format!("INV-{code}-0001"));
        desk.at(at(2, hour + 1))
            .record_payment(inv.id, NewPayment::new(inv.total, PaymentMethod::Cash))
            .expect("pay");
        let note = desk
            .at(at(2, hour + 2))
            .refund(inv.id, money("5"), PaymentMethod::Cash, "coffee spilt")
            .expect("refund");
        assert_eq!(note.credit_note_number, format!("CN-{code}-0001"));
    }
}

#[test]
fn r_chain_2_balances_and_subscriptions_are_chain_wide() {
    let f = chain();
    f.alx
        .update_settings(SettingsUpdate {
            weekly_price: Some(Some(money("200"))),
            ..Default::default()
        })
        .expect("plan price at ALX");
    let mona = f
        .alx
        .register_customer(NewCustomer::new("Mona", "01012345678"))
        .expect("register");
    f.alx
        .at(at(2, 8))
        .deposit(mona.id, money("100"), PaymentMethod::Cash)
        .expect("deposit at ALX");
    assert_eq!(
        f.cai.get_customer(mona.id).expect("seen at CAI").balance,
        money("100")
    );
    let sub = f
        .alx
        .at(at(2, 8))
        .subscribe(NewSubscription::new(mona.id, Plan::Weekly))
        .expect("subscribe at ALX");
    let seat = f
        .cai
        .add_resource("Seat 1", ResourceType::Seat, money("30"))
        .expect("seat");
    let s = f
        .cai
        .at(at(3, 9))
        .start_session(mona.id, seat.id)
        .expect("start");
    let inv = f
        .cai
        .at(at(3, 12))
        .end_session(s.id, EndSession::default())
        .expect("end at CAI");
    assert_eq!(
        inv.total,
        Decimal::ZERO,
        "the ALX subscription covers a CAI session"
    );
    let ended = f.cai.get_session(s.id).expect("session");
    assert_eq!(ended.subscription_id, Some(sub.id));
}

#[test]
fn r_chain_2_branch_records_stay_in_their_branch() {
    let f = chain();
    let mona = f
        .alx
        .register_customer(NewCustomer::new("Mona", "01012345678"))
        .expect("register");
    let alx_seat = f
        .alx
        .add_resource("Seat 1", ResourceType::Seat, money("30"))
        .expect("seat");
    let cai_seat = f
        .cai
        .add_resource("Seat 9", ResourceType::Seat, money("30"))
        .expect("seat");
    assert_eq!(
        f.cai.list_resources().expect("list"),
        vec![cai_seat.clone()]
    );
    let err = f
        .cai
        .start_session(mona.id, alx_seat.id)
        .expect_err("ALX seat at CAI");
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let s = f
        .alx
        .at(at(2, 9))
        .start_session(mona.id, alx_seat.id)
        .expect("start");
    let busy = f
        .cai
        .start_session(mona.id, cai_seat.id)
        .expect_err("one active session per customer, chain-wide");
    assert_eq!(busy.kind(), ErrorKind::Conflict, "{busy}");
    let inv = f
        .alx
        .at(at(2, 10))
        .end_session(s.id, EndSession::default())
        .expect("end");
    let missing = f
        .cai
        .find_invoice(&inv.invoice_number)
        .expect_err("not at CAI");
    assert_eq!(missing.kind(), ErrorKind::NotFound);
    assert_eq!(
        f.all.get_invoice(inv.id).expect("chain view sees it").id,
        inv.id
    );
}

#[test]
fn r_chain_2_the_chain_view_only_reads() {
    let f = chain();
    let err = f
        .all
        .register_customer(NewCustomer::new("Mona", "01012345678"))
        .expect_err("chain view");
    assert!(matches!(err, Error::InvalidState(_)), "{err}");
    assert!(f.all.list_customers().expect("reads").is_empty());
}

#[test]
fn r_chain_2_add_branch_refuses_bad_and_taken_codes() {
    let f = chain();
    for (name, code, field) in [
        ("X", "alx", "code"),
        ("X", "A", "code"),
        (" ", "GIZ", "name"),
    ] {
        let err = f
            .chain
            .add_branch(NewBranch::new(name, code))
            .expect_err(code);
        assert!(
            matches!(&err, Error::Validation { field: f, .. } if f == field),
            "{err}"
        );
    }
    let taken = f
        .chain
        .add_branch(NewBranch::new("Alexandria 2", "ALX"))
        .expect_err("taken");
    assert_eq!(taken.kind(), ErrorKind::Conflict, "{taken}");
    let codes: Vec<String> = f
        .chain
        .branches()
        .expect("branches")
        .into_iter()
        .map(|b| b.code)
        .collect();
    assert_eq!(codes, ["ALX", "CAI"]);
    let unknown = PostgresStore::open_config(f.config.clone(), Some("GIZ")).expect_err("no GIZ");
    assert_eq!(unknown.kind(), ErrorKind::NotFound);
}

fn add(a: &RevenueDay, b: &RevenueDay) -> RevenueDay {
    RevenueDay {
        date: a.date,
        sessions: a.sessions + b.sessions,
        consumptions: a.consumptions + b.consumptions,
        subscriptions: a.subscriptions + b.subscriptions,
        reservation_fees: a.reservation_fees + b.reservation_fees,
        discounts: a.discounts + b.discounts,
        vat: a.vat + b.vat,
        vat_on_top: a.vat_on_top + b.vat_on_top,
        voids: a.voids + b.voids,
        refunds_cash: a.refunds_cash + b.refunds_cash,
        refunds_card: a.refunds_card + b.refunds_card,
        refunds_transfer: a.refunds_transfer + b.refunds_transfer,
        refunds_to_balance: a.refunds_to_balance + b.refunds_to_balance,
        write_offs: a.write_offs + b.write_offs,
        net: a.net + b.net,
        cash: a.cash + b.cash,
        card: a.card + b.card,
        transfer: a.transfer + b.transfer,
        received: a.received + b.received,
        credit_applied: a.credit_applied + b.credit_applied,
    }
}

/// A few days of work at a desk: sessions, discounts, split payments, a deposit, a refund, a
/// void and an unpaid invoice.
fn a_few_days(desk: &Desk, phone_prefix: &str, rate: &str) {
    let seat = desk
        .add_resource("Seat 1", ResourceType::Seat, money(rate))
        .expect("seat");
    for day in 2..5u32 {
        let c = desk
            .register_customer(NewCustomer::new("Guest", format!("{phone_prefix}{day}")))
            .expect("customer");
        desk.at(at(day, 7))
            .deposit(c.id, money("50"), PaymentMethod::Card)
            .expect("deposit");
        let s = desk
            .at(at(day, 8))
            .start_session(c.id, seat.id)
            .expect("start");
        let inv = desk
            .at(at(day, 11))
            .end_session(s.id, EndSession::with_discount(Decimal::from(day)))
            .expect("end");
        match day {
            2 => {
                desk.at(at(day, 11))
                    .record_payment(inv.id, NewPayment::new(money("10"), PaymentMethod::Cash))
                    .expect("cash");
                desk.at(at(day, 11))
                    .record_payment(
                        inv.id,
                        NewPayment::new(inv.total - money("10"), PaymentMethod::Transfer),
                    )
                    .expect("transfer");
                desk.at(at(day, 12))
                    .refund(inv.id, money("3"), PaymentMethod::Cash, "short stay")
                    .expect("refund");
            }
            3 => {
                desk.at(at(day, 12))
                    .void_invoice(inv.id, "wrong customer")
                    .expect("void");
            }
            _ => {}
        }
    }
}

#[test]
fn r_chain_3_chain_reports_are_the_sum_of_the_branches() {
    let f = chain();
    a_few_days(&f.alx, "0101000000", "30");
    a_few_days(&f.cai, "0102000000", "45");
    let (from, to) = (
        NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
        NaiveDate::from_ymd_opt(2026, 11, 6).expect("date"),
    );
    let alx = f.alx.revenue(from, to).expect("ALX revenue");
    let cai = f.cai.revenue(from, to).expect("CAI revenue");
    let all = f.all.revenue(from, to).expect("chain revenue");
    assert_eq!(all.len(), alx.len());
    let summed: Vec<RevenueDay> = alx.iter().zip(&cai).map(|(a, c)| add(a, c)).collect();
    assert_eq!(all, summed);
    assert!(all.iter().any(|d| d.net > Decimal::ZERO));
    assert!(all.iter().any(|d| d.voids > Decimal::ZERO));
    assert!(all.iter().any(|d| d.refunds_cash > Decimal::ZERO));

    let outstanding = |d: &Desk| d.outstanding_invoices().expect("outstanding").len();
    assert_eq!(
        outstanding(&f.all),
        outstanding(&f.alx) + outstanding(&f.cai)
    );
    assert!(outstanding(&f.alx) > 0);

    let occupied = |d: &Desk| -> i64 {
        d.utilization(from, to)
            .expect("utilization")
            .iter()
            .map(|u| u.occupied_minutes)
            .sum()
    };
    assert_eq!(occupied(&f.all), occupied(&f.alx) + occupied(&f.cai));
    assert_eq!(f.all.utilization(from, to).expect("chain").len(), 2);

    let invoiced = |d: &Desk| -> Decimal {
        d.top_customers(from, to, 100)
            .expect("top")
            .iter()
            .map(|t| t.invoiced)
            .sum()
    };
    assert_eq!(invoiced(&f.all), invoiced(&f.alx) + invoiced(&f.cai));
}
