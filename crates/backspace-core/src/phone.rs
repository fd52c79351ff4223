//! Egyptian phone numbers (R-CUST-4), normalized to E.164.
//!
//! The patterns are libphonenumber's metadata for Egypt, generated into `phone_metadata.rs`
//! (`scripts/gen-phone-patterns.py`, checked for freshness by the test command and compared
//! with the `phonenumbers` package over tens of thousands of inputs in the Python suite). Only
//! mobile and geographic numbers are accepted; toll-free `800…` and premium `900…` are refused,
//! and so are letters and extensions. The `phonenumber` crate would do the same with about 4 MB
//! of world-wide metadata that mobile apps would carry for one country.

use std::sync::LazyLock;

use regex_lite::Regex;

use crate::error::{Error, Result};
use crate::phone_metadata::{FIXED_LINE, MOBILE};

/// Which kind of Egyptian number a phone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// `1[0125]` + 8 digits.
    Mobile,
    /// A geographic number (Cairo `2…`, Alexandria `3…`, `13…`, …).
    Landline,
}

/// A metadata pattern matched against a whole national number.
fn whole(pattern: &str) -> Regex {
    Regex::new(&format!("^(?:{pattern})$")).unwrap_or_else(|e| {
        // The patterns are generated from libphonenumber and tested: this cannot happen.
        unreachable!("bad phone pattern {pattern}: {e}")
    })
}

static MOBILE_RE: LazyLock<Regex> = LazyLock::new(|| whole(MOBILE));
static FIXED_LINE_RE: LazyLock<Regex> = LazyLock::new(|| whole(FIXED_LINE));

/// Parses any accepted form of an Egyptian number and returns its E.164 form (`+201012345678`).
pub fn normalize_phone(input: &str) -> Result<String> {
    for national in national_numbers(input)? {
        if classify(&national).is_some() {
            return Ok(format!("+20{national}"));
        }
    }
    Err(invalid(
        input,
        "is not a valid Egyptian mobile or landline number",
    ))
}

/// The kind of an Egyptian national number (without trunk `0`), or `None` if it is not valid.
pub fn classify(national: &str) -> Option<PhoneKind> {
    if MOBILE_RE.is_match(national) {
        Some(PhoneKind::Mobile)
    } else if FIXED_LINE_RE.is_match(national) {
        Some(PhoneKind::Landline)
    } else {
        None
    }
}

fn invalid(input: &str, why: &str) -> Error {
    Error::validation("phone", format!("{input:?} {why}"))
}

/// Strips separators, maps Arabic-Indic digits, removes the country code and trunk `0`: the
/// national numbers the input may stand for, most likely first. Digits starting `20` with no
/// `+` or `00` are the country code when what follows is a valid number, else a national
/// number (a Cairo `20…` landline written without its trunk `0`).
fn national_numbers(input: &str) -> Result<Vec<String>> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Error::validation("phone", "is required"));
    }
    let mut digits = String::with_capacity(trimmed.len());
    let mut plus = false;
    for ch in trimmed.chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            '\u{0660}'..='\u{0669}' => digits.push(char::from(b'0' + (ch as u32 - 0x0660) as u8)),
            '\u{06F0}'..='\u{06F9}' => digits.push(char::from(b'0' + (ch as u32 - 0x06F0) as u8)),
            // `+` opens the number: first, or after an opening parenthesis (`(+20) 10 …`).
            '+' if digits.is_empty() && !plus => plus = true,
            ' ' | '-' | '.' | '(' | ')' | '\u{00A0}' => {}
            _ => {
                return Err(invalid(
                    input,
                    &format!(
                        "contains {ch:?}; only digits, +, spaces, dashes, dots and parentheses are allowed"
                    ),
                ));
            }
        }
    }
    let candidates: Vec<&str> = if plus {
        vec![
            digits
                .strip_prefix("20")
                .ok_or_else(|| invalid(input, "is not an Egyptian number (+20)"))?,
        ]
    } else if let Some(intl) = digits.strip_prefix("00") {
        vec![
            intl.strip_prefix("20")
                .ok_or_else(|| invalid(input, "is not an Egyptian number (0020)"))?,
        ]
    } else if let Some(r) = digits.strip_prefix("20") {
        vec![r, &digits[..]]
    } else {
        vec![&digits[..]]
    };
    // The trunk prefix `0` may follow the country code (`+20 010…`) or start a national number.
    Ok(candidates
        .into_iter()
        .map(|rest| rest.strip_prefix('0').unwrap_or(rest).to_string())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCEPTED: &[(&str, &str)] = &[
        ("01012345678", "+201012345678"),
        ("01112345678", "+201112345678"),
        ("01212345678", "+201212345678"),
        ("01512345678", "+201512345678"),
        ("1012345678", "+201012345678"),
        ("+20 10 1234 5678", "+201012345678"),
        ("+201012345678", "+201012345678"),
        ("+20 010 1234 5678", "+201012345678"),
        ("+20-010-1234-5678", "+201012345678"),
        ("00201012345678", "+201012345678"),
        ("0020 10 1234 5678", "+201012345678"),
        ("201012345678", "+201012345678"),
        ("2001012345678", "+201012345678"),
        ("010.1234.5678", "+201012345678"),
        ("(010) 1234-5678", "+201012345678"),
        ("  010 1234 5678  ", "+201012345678"),
        ("٠١٠١٢٣٤٥٦٧٨", "+201012345678"),
        ("۰۱۰۱۲۳۴۵۶۷۸", "+201012345678"),
        ("+٢٠ ١٠ ١٢٣٤ ٥٦٧٨", "+201012345678"),
        ("0222345678", "+20222345678"),
        ("02 2234 5678", "+20222345678"),
        ("+20 2 2234 5678", "+20222345678"),
        ("222345678", "+20222345678"),
        ("0223456789", "+20223456789"),
        ("033456789", "+2033456789"),
        ("+20 3 345 6789", "+2033456789"),
        ("013 2123456", "+20132123456"),
        ("0133123456", "+20133123456"),
        ("0402123456", "+20402123456"),
        ("0552123456", "+20552123456"),
        ("0572123456", "+20572123456"),
        ("057123456", "+2057123456"),
        ("0882123456", "+20882123456"),
        ("0972123456", "+20972123456"),
        ("0152123456", "+20152123456"),
        ("(+20) 10 1234 5678", "+201012345678"),
    ];

    const REFUSED: &[&str] = &[
        "",
        "   ",
        "01312345678",     // mobile-shaped, prefix 013
        "01412345678",     // mobile-shaped, prefix 014
        "01612345678",     // mobile-shaped, prefix 016
        "01912345678",     // mobile-shaped, prefix 019
        "0101234567",      // too short
        "010123456789",    // too long
        "0142123456",      // 014 is no area code
        "0134123456",      // 013 needs 2 or 3 next
        "08001234567",     // toll-free
        "09001234567",     // premium rate
        "+1 202 555 0100", // not Egypt
        "+966501234567",   // Saudi
        "0096650123456",   // not Egypt
        "010-1234-567a",   // letter
        "phone",           // letters
        "01012345678 ext 5",
        "01012345678#12",
        "0102+12345678", // + in the middle
        "02234",         // too short
        "0223456789012", // too long
        "021234567",     // Cairo needs 8 digits after the 2
        "03345678",      // Alexandria needs 7 digits
        "0334567890",    // Alexandria too long
        "+20",
        "0",
    ];

    #[test]
    fn r_cust_4_every_accepted_form_normalizes_to_e164() {
        for (input, e164) in ACCEPTED {
            assert_eq!(normalize_phone(input).as_deref(), Ok(*e164), "{input}");
        }
    }

    #[test]
    fn r_cust_4_everything_else_is_a_validation_error() {
        for input in REFUSED {
            let err = normalize_phone(input).expect_err(input);
            assert_eq!(err.kind(), crate::ErrorKind::Validation, "{input}");
            assert!(err.to_string().starts_with("invalid phone"), "{err}");
        }
        assert!(ACCEPTED.len() + REFUSED.len() >= 40);
    }

    #[test]
    fn r_cust_4_cairo_landlines_02_plus_8_digits_are_accepted() {
        for (input, e164) in [
            ("0291417776", "+20291417776"),
            ("0212345678", "+20212345678"),
            ("0253374068", "+20253374068"),
            ("+20 2 9141 7776", "+20291417776"),
            // Written without the trunk 0, a Cairo number starting 20 is still Cairo.
            ("201234567", "+20201234567"),
        ] {
            assert_eq!(normalize_phone(input).as_deref(), Ok(e164), "{input}");
        }
        assert_eq!(crate::phone_metadata::METADATA_VERSION, "9.0.33");
    }

    #[test]
    fn r_cust_4_classifies_mobiles_and_landlines() {
        assert_eq!(classify("1012345678"), Some(PhoneKind::Mobile));
        assert_eq!(classify("222345678"), Some(PhoneKind::Landline));
        assert_eq!(classify("33456789"), Some(PhoneKind::Landline));
        assert_eq!(classify("8001234567"), None);
    }
}
