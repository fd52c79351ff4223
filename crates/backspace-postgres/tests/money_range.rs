//! Money beyond 64-bit piastres never reaches the database (R-MONEY-2): binding such an amount
//! fails the statement, so the write is a storage error and nothing changes, never a clamped
//! amount.

use std::str::FromStr;

use backspace_core::{Backspace, Decimal, ErrorKind, NewCustomer, Store};
use backspace_postgres::testing;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("a decimal")
}

#[test]
fn r_money_2_an_amount_beyond_64_bit_piastres_is_never_written_clamped() {
    let bs = Backspace::new(testing::fresh_store());
    let mona = bs
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
        .expect("register");
    for huge in [
        Decimal::from(i64::MAX),
        dec("92233720368547758.08"),
        Decimal::MAX,
    ] {
        let err = bs
            .store()
            .write(|tx| {
                let mut c = tx.customer(mona.id)?.expect("the customer");
                c.balance = huge;
                tx.update_customer(&c)
            })
            .expect_err("beyond 64-bit piastres");
        assert_eq!(err.kind(), ErrorKind::Storage, "{huge}: {err}");
        assert!(!err.is_retryable(), "{err}");
        assert!(err.to_string().contains("invalid amount"), "{err}");
        assert_eq!(
            bs.get_customer(mona.id).expect("read").balance,
            Decimal::new(0, 2)
        );
    }
    // The largest amount that fits is written as it is.
    let largest = dec("92233720368547758.07");
    bs.store()
        .write(|tx| {
            let mut c = tx.customer(mona.id)?.expect("the customer");
            c.balance = largest;
            tx.update_customer(&c)
        })
        .expect("the largest amount");
    assert_eq!(bs.get_customer(mona.id).expect("read").balance, largest);
}
