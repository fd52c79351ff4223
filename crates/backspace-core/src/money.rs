//! Money: EGP with two decimals (R-MONEY-1..3). The API speaks `Decimal`; the rules
//! compute in integer piastres so no rounding happens by accident.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};

/// Amounts must be below this many pounds (R-MONEY-2).
pub const MAX_POUNDS: i64 = 1_000_000_000;

/// Piastres (1/100 EGP) as a `Decimal` of scale 2: `3750` → `37.50`.
pub fn to_decimal(piastres: i64) -> Decimal {
    Decimal::new(piastres, 2)
}

/// A `Decimal` amount that has at most two decimals as piastres.
/// Callers pass values that already went through [`parse_amount`] or came out of [`to_decimal`].
pub fn to_piastres(amount: Decimal) -> i64 {
    amount
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|p| p.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
        .and_then(|p| p.to_i64())
        .unwrap_or(i64::MAX)
}

/// Whether zero is accepted for an input amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zero {
    /// Rates and prices may be 0.
    Allowed,
    /// Payments and deposits must be above 0.
    Refused,
}

/// Validates an input amount (R-MONEY-2) and returns it in piastres.
pub fn parse_amount(field: &str, amount: Decimal, zero: Zero) -> Result<i64> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(Error::validation(
            field,
            format!("must not be negative, got {amount}"),
        ));
    }
    if zero == Zero::Refused && amount.is_zero() {
        return Err(Error::validation(
            field,
            format!("must be greater than 0, got {amount}"),
        ));
    }
    if amount.normalize().scale() > 2 {
        return Err(Error::validation(
            field,
            format!("has more than 2 decimal places: {amount}"),
        ));
    }
    if amount >= Decimal::from(MAX_POUNDS) {
        return Err(Error::validation(
            field,
            format!("must be below 1,000,000,000, got {amount}"),
        ));
    }
    Ok(to_piastres(amount))
}

/// Normalizes an input amount to scale 2 (`10.1` → `10.10`) after validating it.
pub fn normalize_amount(field: &str, amount: Decimal, zero: Zero) -> Result<Decimal> {
    parse_amount(field, amount, zero).map(to_decimal)
}

/// `numerator / denominator` rounded half away from zero (R-MONEY-3); both non-negative.
pub fn div_round(numerator: i128, denominator: i128) -> i64 {
    debug_assert!(numerator >= 0 && denominator > 0);
    i64::try_from((2 * numerator + denominator) / (2 * denominator)).unwrap_or(i64::MAX)
}

/// A discount percentage 0–100 with at most 2 decimals, as hundredths of a percent (R-INVC-3).
pub fn parse_percent(field: &str, percent: Decimal) -> Result<i64> {
    if percent.is_sign_negative() && !percent.is_zero() || percent > Decimal::ONE_HUNDRED {
        return Err(Error::validation(
            field,
            format!("must be between 0 and 100, got {percent}"),
        ));
    }
    if percent.normalize().scale() > 2 {
        return Err(Error::validation(
            field,
            format!("has more than 2 decimal places: {percent}"),
        ));
    }
    Ok(to_piastres(percent))
}

/// round(amount × percent / 100) in piastres, with the percent in hundredths (R-INVC-3).
pub fn percent_of(amount: i64, percent_hundredths: i64) -> i64 {
    div_round(i128::from(amount) * i128::from(percent_hundredths), 10_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test decimal")
    }

    #[test]
    fn r_money_1_amounts_have_scale_2() {
        assert_eq!(to_decimal(3750).to_string(), "37.50");
        assert_eq!(to_decimal(0).to_string(), "0.00");
        assert_eq!(
            normalize_amount("rate", d("37.5"), Zero::Allowed).map(|a| a.to_string()),
            Ok("37.50".into())
        );
    }

    #[test]
    fn r_money_2_trailing_zeros_count_by_value() {
        assert_eq!(parse_amount("price", d("10.100"), Zero::Allowed), Ok(1010));
        assert_eq!(parse_amount("price", d("7"), Zero::Allowed), Ok(700));
    }

    #[test]
    fn r_money_2_rejects_negative_three_decimals_and_huge() {
        for bad in ["-0.01", "10.005", "1000000000", "1000000000.00", "-5"] {
            let err = parse_amount("price", d(bad), Zero::Allowed).expect_err(bad);
            assert_eq!(err.kind(), crate::ErrorKind::Validation, "{bad}");
        }
        assert_eq!(
            parse_amount("price", d("999999999.99"), Zero::Allowed),
            Ok(99_999_999_999)
        );
    }

    #[test]
    fn r_money_2_payments_must_be_positive() {
        assert!(parse_amount("amount", d("0"), Zero::Refused).is_err());
        assert!(parse_amount("amount", d("0.00"), Zero::Refused).is_err());
        assert_eq!(parse_amount("rate", d("0"), Zero::Allowed), Ok(0));
    }

    #[test]
    fn r_money_3_rounds_half_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(15, 10), 2);
        assert_eq!(div_round(25, 10), 3);
        // 12.50 at 10% → 1.25; 12.55 at 10% → 1.255 → 1.26
        assert_eq!(percent_of(1250, 1000), 125);
        assert_eq!(percent_of(1255, 1000), 126);
    }

    #[test]
    fn r_invc_3_percent_bounds() {
        assert_eq!(parse_percent("discount", d("100")), Ok(10_000));
        assert_eq!(parse_percent("discount", d("12.5")), Ok(1250));
        assert!(parse_percent("discount", d("101")).is_err());
        assert!(parse_percent("discount", d("-1")).is_err());
        assert!(parse_percent("discount", d("1.001")).is_err());
    }
}
