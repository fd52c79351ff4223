//! Money beyond 64-bit piastres never reaches the file (R-MONEY-2): binding such an amount fails
//! the statement, so the write is a storage error and nothing changes, never a clamped amount.

#![allow(clippy::unwrap_used)]

mod common;

use backspace_core::{Decimal, ErrorKind, NewCustomer, Store};
use backspace_sqlite::SqliteStore;
use common::{dec, desk};

#[test]
fn r_money_2_an_amount_beyond_64_bit_piastres_is_never_written_clamped() {
    let (bs, _) = desk(SqliteStore::in_memory().unwrap());
    let mona = bs
        .register_customer(NewCustomer::new("Mona", "010 1234 5678"))
        .unwrap();
    for huge in [
        Decimal::from(i64::MAX),
        dec("92233720368547758.08"),
        Decimal::MAX,
    ] {
        let err = bs
            .store()
            .write(|tx| {
                let mut c = tx.customer(mona.id)?.unwrap();
                c.balance = huge;
                tx.update_customer(&c)
            })
            .expect_err("beyond 64-bit piastres");
        assert_eq!(err.kind(), ErrorKind::Storage, "{huge}: {err}");
        assert!(!err.is_retryable(), "{err}");
        assert!(err.to_string().contains("invalid amount"), "{err}");
    }
    // The largest amount that fits is written as it is.
    let largest = dec("92233720368547758.07");
    bs.store()
        .write(|tx| {
            let mut c = tx.customer(mona.id)?.unwrap();
            c.balance = largest;
            tx.update_customer(&c)
        })
        .unwrap();
    assert_eq!(bs.get_customer(mona.id).unwrap().balance, largest);
}
