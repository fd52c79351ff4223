//! R-MONEY-2, R-INVC-3: the money and percent parsers never panic on any decimal, and accept
//! exactly the amounts of the rule (≥ 0, at most 2 places by value, below 1,000,000,000).
#![no_main]

use std::str::FromStr;

use backspace_core::ErrorKind;
use backspace_core::money::{MAX_POUNDS, Piastres, Zero, parse_amount, parse_percent};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fn check(amount: Decimal) {
    let rule = (amount.is_zero() || !amount.is_sign_negative())
        && amount.normalize().scale() <= 2
        && amount < Decimal::from(MAX_POUNDS);
    for zero in [Zero::Allowed, Zero::Refused] {
        let expected = rule && !(zero == Zero::Refused && amount.is_zero());
        match parse_amount("amount", amount, zero) {
            Ok(p) => {
                assert!(expected, "{amount} accepted");
                assert_eq!(p.to_decimal(), amount);
            }
            Err(e) => {
                assert!(!expected, "{amount} refused: {e}");
                assert_eq!(e.kind(), ErrorKind::Validation);
            }
        }
    }
    if let Ok(h) = parse_percent("discount", amount) {
        assert!((0..=10_000).contains(&h.get()));
        let largest = Piastres::new(99_999_999_999);
        let off = h.of(largest).expect("a share of an amount fits");
        assert!((Piastres::ZERO..=largest).contains(&off));
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() >= 13 {
        let word = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
        let (lo, mid, hi) = (word(0), word(4), word(8));
        let negative = data[12] & 0x80 != 0;
        let scale = u32::from(data[12] & 0x7f) % 29;
        check(Decimal::from_parts(lo, mid, hi, negative, scale));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(d) = Decimal::from_str(text).or_else(|_| Decimal::from_scientific(text)) {
            check(d);
        }
    }
});
