//! The parsers that meet raw input never panic, and agree with their rules (R-CUST-4, R-MONEY-2,
//! R-INVC-3, R-CUST-3, R-CUST-6): property tests on stable Rust over arbitrary strings and
//! decimals. (`fuzz/` has cargo-fuzz targets for the same parsers, for nightly.)
//!
//! Size: 5,000 cases per property (`BACKSPACE_RELIABILITY_FULL=1`: 500,000;
//! `BACKSPACE_PARSER_CASES=n` overrides).

#![allow(clippy::unwrap_used)]

mod common;

use std::str::FromStr;

use backspace::chrono::{DateTime, TimeZone, Utc};
use backspace::money::{
    MAX_POUNDS, Piastres, Zero, normalize_amount, parse_amount, parse_percent, to_decimal,
};
use backspace::phone::{classify, normalize_phone};
use backspace::pricing::session_charge;
use backspace::text::{fold, normalize_email, normalize_name, normalize_text};
use backspace::{Decimal, ErrorKind, PricingPolicy, Rounding};
use common::{env_number, full_size};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn runner() -> TestRunner {
    let cases = env_number(
        "BACKSPACE_PARSER_CASES",
        if full_size() { 500_000 } else { 5_000 },
    ) as u32;
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Arbitrary text: any Unicode, or the characters a phone field sees.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9٠-٩۰-۹+ ().\\-]{0,24}",
        "(\\+20|0020|20|0)?[ -]?[0-9]{0,12}",
        "[\\x00-\\x1f\\u{200e}\\u{200f}\\u{202a}-\\u{202e}a-z'\";%_ ]{0,30}",
    ]
}

fn accepted_phone_form(e164: &str, input: &str) -> Result<(), TestCaseError> {
    prop_assert!(e164.starts_with("+20"), "{input:?} → {e164}");
    let national = &e164[3..];
    prop_assert!(
        national.bytes().all(|b| b.is_ascii_digit()),
        "{input:?} → {e164}"
    );
    prop_assert!(
        classify(national).is_some(),
        "{input:?} → {e164}: not a valid number"
    );
    // E.164 round-trips.
    let again = normalize_phone(e164);
    prop_assert_eq!(again.as_deref(), Ok(e164));
    Ok(())
}

#[test]
fn r_cust_4_phone_parser_never_panics_and_accepted_phones_round_trip() {
    let accepted = std::cell::Cell::new(0u32);
    runner()
        .run(&text(), |input| {
            match normalize_phone(&input) {
                Ok(e164) => {
                    accepted.set(accepted.get() + 1);
                    accepted_phone_form(&e164, &input)?;
                }
                Err(e) => {
                    prop_assert_eq!(e.kind(), ErrorKind::Validation);
                    prop_assert!(e.to_string().starts_with("invalid phone"), "{}", e);
                }
            }
            Ok(())
        })
        .unwrap();
    println!("RELIABILITY phones-arbitrary: accepted={}", accepted.get());
}

/// A valid Egyptian national number (no trunk 0): mobiles and the landline patterns.
fn national() -> impl Strategy<Value = String> {
    let two_digit = [
        "22", "23", "24", "40", "45", "46", "47", "48", "50", "55", "62", "64", "65", "66", "68",
        "69", "82", "84", "86", "88", "92", "93", "95", "96", "97",
    ];
    prop_oneof![
        4 => (prop::sample::select(vec!["10", "11", "12", "15"]), "[0-9]{8}").prop_map(|(p, r)| format!("{p}{r}")),
        1 => "3[0-9]{7}",
        1 => "13[23][0-9]{6}",
        1 => "(15|57)[0-9]{6,7}",
        2 => (prop::sample::select(two_digit.to_vec()), "[0-9]{7}").prop_map(|(p, r)| format!("{p}{r}")),
    ]
}

/// Writes a national number in one of the accepted forms: prefixes, separators, Arabic digits.
fn written(national: &str, prefix: u8, sep: u8, digits: u8, every: usize) -> String {
    let body = match prefix % 6 {
        0 => format!("0{national}"),
        1 => format!("+20{national}"),
        2 => format!("0020{national}"),
        3 => format!("20{national}"),
        4 => format!("+200{national}"),
        _ => national.to_string(),
    };
    let seps = [" ", "-", ".", "", " ", "\u{a0}"];
    let mut out = String::new();
    for (i, ch) in body.chars().enumerate() {
        if i > 0 && i % every.max(2) == 0 && ch != '+' {
            out.push_str(seps[usize::from(sep) % seps.len()]);
        }
        out.push(match (digits % 3, ch.to_digit(10)) {
            (1, Some(d)) => char::from_u32(0x0660 + d).unwrap(),
            (2, Some(d)) => char::from_u32(0x06F0 + d).unwrap(),
            _ => ch,
        });
    }
    if sep % 7 == 3 && !out.starts_with('+') {
        out = format!("  ({out})  ");
    }
    out
}

#[test]
fn r_cust_4_every_written_form_of_a_valid_number_normalizes_to_e164() {
    runner()
        .run(
            &(national(), any::<u8>(), any::<u8>(), any::<u8>(), 2usize..6),
            |(n, p, s, d, every)| {
                let input = written(&n, p, s, d, every);
                let want = format!("+20{n}");
                let got = normalize_phone(&input);
                prop_assert_eq!(got.as_deref(), Ok(want.as_str()), "input {:?}", input);
                accepted_phone_form(&want, &input)
            },
        )
        .unwrap();
}

/// Any `Decimal`: every mantissa, sign and scale, plus the money-sized ones.
fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        2 => (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
        1 => (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        2 => (-200_000_000_000i64..200_000_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s)),
        4 => (0i64..100_000_000_000, 0u32..=3).prop_map(|(m, s)| Decimal::new(m, s)),
        4 => (-10i64..1_000_000, 0u32..=3).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => prop_oneof![Just(Decimal::MAX), Just(Decimal::MIN), Just(Decimal::new(-0, 2))],
    ]
}

#[test]
fn r_money_2_money_parser_never_panics_and_keeps_the_rule() {
    let (ok, refused) = (std::cell::Cell::new(0u32), std::cell::Cell::new(0u32));
    runner()
        .run(&decimal(), |amount| {
            let rule = (amount.is_zero() || !amount.is_sign_negative())
                && amount.normalize().scale() <= 2
                && amount < Decimal::from(MAX_POUNDS);
            for zero in [Zero::Allowed, Zero::Refused] {
                let expected = rule && !(zero == Zero::Refused && amount.is_zero());
                match parse_amount("amount", amount, zero) {
                    Ok(p) => {
                        ok.set(ok.get() + 1);
                        prop_assert!(expected, "{} accepted", amount);
                        prop_assert!((Piastres::ZERO..Piastres::LIMIT).contains(&p));
                        prop_assert_eq!(p.to_decimal(), amount, "by value");
                        let normalized = normalize_amount("amount", amount, zero).unwrap();
                        prop_assert_eq!(normalized.scale(), 2);
                        prop_assert_eq!(normalized, amount);
                    }
                    Err(e) => {
                        refused.set(refused.get() + 1);
                        prop_assert!(!expected, "{} refused: {}", amount, e);
                        prop_assert_eq!(e.kind(), ErrorKind::Validation);
                        prop_assert!(e.to_string().starts_with("invalid amount"), "{}", e);
                    }
                }
            }
            let in_range = (amount.is_zero() || !amount.is_sign_negative())
                && amount <= Decimal::ONE_HUNDRED
                && amount.normalize().scale() <= 2;
            match parse_percent("discount", amount) {
                Ok(h) => {
                    prop_assert!(in_range, "{} accepted as a percent", amount);
                    prop_assert!((0..=10_000).contains(&h.get()));
                    // A discount never exceeds the amount it is taken from.
                    for base in [0i64, 1, 3_333, 99_999_999_999].map(Piastres::new) {
                        let off = h.of(base).unwrap();
                        prop_assert!((Piastres::ZERO..=base).contains(&off));
                    }
                }
                Err(e) => {
                    prop_assert!(!in_range, "{} refused as a percent: {}", amount, e);
                    prop_assert_eq!(e.kind(), ErrorKind::Validation);
                }
            }
            Ok(())
        })
        .unwrap();
    println!(
        "RELIABILITY money: accepted={} refused={}",
        ok.get(),
        refused.get()
    );
}

#[test]
fn r_money_2_decimal_text_as_the_bindings_read_it_never_panics() {
    // Python `Decimal` and Kotlin/Swift strings reach the core as text.
    runner()
        .run(
            &prop_oneof![
                any::<String>(),
                "[-+]?[0-9]{0,40}(\\.[0-9]{0,40})?([eE][-+]?[0-9]{0,5})?"
            ],
            |s| {
                if let Ok(d) = Decimal::from_str(&s).or_else(|_| Decimal::from_scientific(&s)) {
                    let _ = parse_amount("amount", d, Zero::Refused);
                    let _ = parse_percent("percent", d);
                }
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn r_cust_3_text_normalizers_never_panic() {
    runner()
        .run(&text(), |s| {
            match normalize_name("name", &s) {
                Ok(name) => {
                    prop_assert_eq!(name.as_str(), s.trim());
                    prop_assert!((1..=100).contains(&name.chars().count()));
                    prop_assert!(!name.chars().any(char::is_control));
                }
                Err(e) => prop_assert_eq!(e.kind(), ErrorKind::Validation),
            }
            match normalize_text("notes", Some(&s)) {
                Ok(Some(t)) => prop_assert_eq!(t.as_str(), s.trim()),
                Ok(None) => prop_assert!(s.trim().is_empty()),
                Err(e) => prop_assert_eq!(e.kind(), ErrorKind::Validation),
            }
            if let Err(e) = normalize_email(Some(&s)) {
                prop_assert_eq!(e.kind(), ErrorKind::Validation);
            }
            let _ = fold(&s);
            Ok(())
        })
        .unwrap();
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // Years 1 to 9999, as any binding can send.
    (-62_135_596_800i64..253_402_300_799, 0u32..1_000_000)
        .prop_map(|(s, us)| Utc.timestamp_opt(s, us * 1000).single().unwrap())
}

#[test]
fn r_price_session_charge_never_panics_on_any_policy_or_instants() {
    let policy = (
        1u32..=1440,
        0u8..3,
        0u32..=1440,
        0u32..=1440,
        proptest::option::of(0i64..100_000_000_000),
    )
        .prop_map(|(unit, r, grace, minimum, cap)| PricingPolicy {
            unit_minutes: unit,
            rounding: [Rounding::Up, Rounding::Nearest, Rounding::Down][usize::from(r)],
            grace_minutes: grace,
            minimum_minutes: minimum,
            daily_cap: cap.map(to_decimal),
        });
    runner()
        .run(
            &(policy, 0i64..100_000_000_000, instant(), instant()),
            |(policy, rate, a, b)| {
                let (start, end) = (a.min(b), a.max(b));
                // Over years 1–9999 at rates below 1,000,000,000 every charge fits 64-bit piastres.
                let c = session_charge(
                    &policy,
                    Piastres::new(rate),
                    start,
                    end,
                    backspace::chrono_tz::Africa::Cairo,
                )
                .unwrap();
                prop_assert!(
                    c.charge >= Piastres::ZERO && c.billed_minutes >= 0 && c.duration_minutes >= 0
                );
                if c.billed_minutes > 0 {
                    prop_assert_eq!(c.billed_minutes % i64::from(policy.unit_minutes), 0);
                }
                Ok(())
            },
        )
        .unwrap();
}
