//! Money: EGP with two decimals (R-MONEY-1..3). The API speaks `Decimal`; the rules compute in
//! [`Piastres`], integer piastres whose arithmetic is checked: a sum, difference, product or
//! share that would leave 64-bit piastres is a validation error, never a clamped, wrapped or
//! panicking value. Percentages are [`PercentHundredths`], a type of their own, so a discount
//! or VAT rate cannot be added to or compared with money by mistake.

use std::fmt;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};

/// Amounts must be below this many pounds (R-MONEY-2).
pub const MAX_POUNDS: i64 = 1_000_000_000;

/// The error of an amount that does not fit in 64-bit piastres.
fn out_of_range(field: &str, what: impl fmt::Display) -> Error {
    Error::validation(
        field,
        format!("{what} is beyond the amounts Backspace can hold"),
    )
}

/// An amount of money in piastres (1/100 EGP), possibly negative (a balance, a ledger change,
/// a drawer's shortfall).
///
/// There is no `+`, `-` or `*`: every operation is checked and returns an [`Error`] when its
/// result would leave 64-bit piastres, and each rounding is done once, half away from zero
/// (R-MONEY-3). Money and percentages are different types:
///
/// ```
/// use backspace_core::money::{Piastres, parse_percent};
/// use rust_decimal::Decimal;
///
/// let price = Piastres::new(1255);
/// let ten = parse_percent("discount", Decimal::TEN)?;
/// assert_eq!(ten.of(price)?, Piastres::new(126)); // 1.255 → 1.26
/// assert_eq!(price.checked_add(Piastres::new(45))?, Piastres::new(1300));
/// # Ok::<(), backspace_core::Error>(())
/// ```
///
/// A percentage cannot be added to money:
///
/// ```compile_fail,E0308
/// use backspace_core::money::{Piastres, parse_percent};
/// use rust_decimal::Decimal;
///
/// let price = Piastres::new(1255);
/// let ten = parse_percent("discount", Decimal::TEN)?;
/// let wrong = price.checked_add(ten)?;
/// # Ok::<(), backspace_core::Error>(())
/// ```
///
/// nor money added without a check:
///
/// ```compile_fail,E0369
/// use backspace_core::money::Piastres;
///
/// let total = Piastres::new(1255) + Piastres::new(45);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Piastres(i64);

impl Piastres {
    /// No money.
    pub const ZERO: Piastres = Piastres(0);

    /// The first amount R-MONEY-2 refuses: 1,000,000,000 pounds.
    pub const LIMIT: Piastres = Piastres(MAX_POUNDS * 100);

    /// `piastres` piastres: `Piastres::new(3750)` is 37.50.
    pub const fn new(piastres: i64) -> Self {
        Piastres(piastres)
    }

    /// The number of piastres, as stores keep it.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// A `Decimal` amount in piastres, rounded half away from zero to 0.01 (R-MONEY-3); an
    /// amount beyond 64-bit piastres is a validation error on `field`.
    pub fn from_decimal(field: &str, amount: Decimal) -> Result<Self> {
        amount
            .checked_mul(Decimal::ONE_HUNDRED)
            .map(|p| p.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
            .and_then(|p| p.to_i64())
            .map(Piastres)
            .ok_or_else(|| out_of_range(field, amount))
    }

    /// The amount as a `Decimal` of scale 2 (R-MONEY-1): `3750` → `37.50`. Every `i64` of
    /// piastres fits a `Decimal`, so this cannot fail.
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// `self + other`.
    pub fn checked_add(self, other: Piastres) -> Result<Self> {
        self.0
            .checked_add(other.0)
            .map(Piastres)
            .ok_or_else(|| out_of_range("amount", format_args!("{self} + {other}")))
    }

    /// `self − other`.
    pub fn checked_sub(self, other: Piastres) -> Result<Self> {
        self.0
            .checked_sub(other.0)
            .map(Piastres)
            .ok_or_else(|| out_of_range("amount", format_args!("{self} − {other}")))
    }

    /// `−self`.
    pub fn checked_neg(self) -> Result<Self> {
        self.0
            .checked_neg()
            .map(Piastres)
            .ok_or_else(|| out_of_range("amount", format_args!("−({self})")))
    }

    /// `self × quantity`, e.g. a unit price times the units sold.
    pub fn checked_mul(self, quantity: i64) -> Result<Self> {
        self.0
            .checked_mul(quantity)
            .map(Piastres)
            .ok_or_else(|| out_of_range("amount", format_args!("{self} × {quantity}")))
    }

    /// The sum of `amounts`; an empty sum is zero.
    pub fn sum(amounts: impl IntoIterator<Item = Piastres>) -> Result<Self> {
        amounts
            .into_iter()
            .try_fold(Piastres::ZERO, Piastres::checked_add)
    }

    /// The sum of `amounts` given as `Decimal`s (entities' `field`), in piastres.
    pub fn sum_of(field: &str, amounts: impl IntoIterator<Item = Decimal>) -> Result<Self> {
        amounts.into_iter().try_fold(Piastres::ZERO, |sum, amount| {
            sum.checked_add(Piastres::from_decimal(field, amount)?)
        })
    }

    /// `self × numerator ÷ denominator`, computed exactly and rounded once to the piastre,
    /// half away from zero (R-MONEY-3): a rate for some minutes, a share, a percentage. A
    /// `denominator` of 0 or below, or a result beyond 64-bit piastres, is an error.
    pub fn mul_div_round(self, numerator: i64, denominator: i64) -> Result<Self> {
        let what = || format!("{self} × {numerator} ÷ {denominator}");
        if denominator <= 0 {
            return Err(Error::validation(
                "amount",
                format!("{} divides by a number that is not positive", what()),
            ));
        }
        // |self × numerator| ≤ 2^126 fits u128, as does twice a remainder below 2^63.
        let product = i128::from(self.0) * i128::from(numerator);
        let d = u128::from(denominator.unsigned_abs());
        let magnitude = product.unsigned_abs();
        let (quotient, remainder) = (magnitude / d, magnitude % d);
        let rounded = quotient + u128::from(2 * remainder >= d);
        i128::try_from(rounded)
            .ok()
            .map(|r| if product < 0 { -r } else { r })
            .and_then(|r| i64::try_from(r).ok())
            .map(Piastres)
            .ok_or_else(|| out_of_range("amount", what()))
    }

    /// Whether the amount is 0.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Whether the amount is above 0.
    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }
}

impl fmt::Display for Piastres {
    /// As the API shows money: `37.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_decimal(), f)
    }
}

impl From<Piastres> for Decimal {
    fn from(amount: Piastres) -> Decimal {
        amount.to_decimal()
    }
}

/// A percentage 0–100 with at most two decimals, in hundredths of a percent: `12.5` % is
/// `1250` (discounts, VAT rates, reservation fees). It is not money: it only applies to money,
/// through [`PercentHundredths::of`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PercentHundredths(i64);

impl PercentHundredths {
    /// 0 %.
    pub const ZERO: PercentHundredths = PercentHundredths(0);

    /// `hundredths` hundredths of a percent, 0–10,000 (a validation error on `field` otherwise).
    pub fn new(field: &str, hundredths: i64) -> Result<Self> {
        if !(0..=10_000).contains(&hundredths) {
            return Err(Error::validation(
                field,
                format!("must be between 0 and 10000 hundredths of a percent, got {hundredths}"),
            ));
        }
        Ok(PercentHundredths(hundredths))
    }

    /// The hundredths of a percent, as stores keep them.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// The percentage as a `Decimal` of scale 2: `1250` → `12.50`.
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// Whether it is 0 %.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// round(`amount` × this percentage ÷ 100) (R-INVC-3, R-MONEY-3).
    pub fn of(self, amount: Piastres) -> Result<Piastres> {
        amount.mul_div_round(self.0, 10_000)
    }
}

impl fmt::Display for PercentHundredths {
    /// As the API shows a percentage: `12.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_decimal(), f)
    }
}

/// Stored piastres (or hundredths) as a `Decimal` of scale 2: `3750` → `37.50`.
pub fn to_decimal(piastres: i64) -> Decimal {
    Piastres(piastres).to_decimal()
}

/// A `Decimal` amount as piastres, rounded half away from zero to 0.01; an amount beyond
/// 64-bit piastres is a validation error, never a clamp.
pub fn to_piastres(amount: Decimal) -> Result<i64> {
    Piastres::from_decimal("amount", amount).map(Piastres::get)
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
pub fn parse_amount(field: &str, amount: Decimal, zero: Zero) -> Result<Piastres> {
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
    Piastres::from_decimal(field, amount)
}

/// Normalizes an input amount to scale 2 (`10.1` → `10.10`) after validating it.
pub fn normalize_amount(field: &str, amount: Decimal, zero: Zero) -> Result<Decimal> {
    parse_amount(field, amount, zero).map(Piastres::to_decimal)
}

/// A percentage 0–100 with at most 2 decimals, as hundredths of a percent (R-INVC-3).
pub fn parse_percent(field: &str, percent: Decimal) -> Result<PercentHundredths> {
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
    Piastres::from_decimal(field, percent).map(|h| PercentHundredths(h.get()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test decimal")
    }

    fn p(piastres: i64) -> Piastres {
        Piastres::new(piastres)
    }

    fn percent(hundredths: i64) -> PercentHundredths {
        PercentHundredths::new("percent", hundredths).expect("test percent")
    }

    #[test]
    fn r_money_1_amounts_have_scale_2() {
        assert_eq!(to_decimal(3750).to_string(), "37.50");
        assert_eq!(to_decimal(0).to_string(), "0.00");
        assert_eq!(
            normalize_amount("rate", d("37.5"), Zero::Allowed).map(|a| a.to_string()),
            Ok("37.50".into())
        );
        assert_eq!(p(-125).to_string(), "-1.25");
        assert_eq!(percent(1250).to_string(), "12.50");
    }

    #[test]
    fn r_money_2_trailing_zeros_count_by_value() {
        assert_eq!(
            parse_amount("price", d("10.100"), Zero::Allowed),
            Ok(p(1010))
        );
        assert_eq!(parse_amount("price", d("7"), Zero::Allowed), Ok(p(700)));
    }

    #[test]
    fn r_money_2_rejects_negative_three_decimals_and_huge() {
        for bad in ["-0.01", "10.005", "1000000000", "1000000000.00", "-5"] {
            let err = parse_amount("price", d(bad), Zero::Allowed).expect_err(bad);
            assert_eq!(err.kind(), ErrorKind::Validation, "{bad}");
        }
        assert_eq!(
            parse_amount("price", d("999999999.99"), Zero::Allowed),
            Ok(p(99_999_999_999))
        );
        assert!(p(99_999_999_999) < Piastres::LIMIT);
    }

    #[test]
    fn r_money_2_payments_must_be_positive() {
        assert!(parse_amount("amount", d("0"), Zero::Refused).is_err());
        assert!(parse_amount("amount", d("0.00"), Zero::Refused).is_err());
        assert_eq!(
            parse_amount("rate", d("0"), Zero::Allowed),
            Ok(Piastres::ZERO)
        );
    }

    #[test]
    fn r_money_2_sum_beyond_range_is_an_error_not_a_clamp() {
        let near = p(i64::MAX - 1);
        let err = near.checked_add(p(2)).expect_err("beyond i64");
        assert_eq!(err.kind(), ErrorKind::Validation);
        assert!(err.to_string().starts_with("invalid amount: "), "{err}");
        assert_eq!(near.checked_add(p(1)), Ok(p(i64::MAX)));
        assert!(Piastres::sum([near, p(1), p(1)]).is_err());
        assert_eq!(Piastres::sum([p(1), p(2), p(-3)]), Ok(Piastres::ZERO));
        assert_eq!(Piastres::sum([]), Ok(Piastres::ZERO));
        assert!(p(i64::MIN + 1).checked_sub(p(2)).is_err());
        assert!(p(i64::MIN).checked_neg().is_err());
        assert_eq!(p(i64::MAX).checked_neg(), Ok(p(-i64::MAX)));
        assert!(p(99_999_999_999).checked_mul(1_000_000_000).is_err());
        assert_eq!(p(250).checked_mul(3), Ok(p(750)));
    }

    #[test]
    fn r_money_2_to_piastres_beyond_64_bits_is_an_error_not_a_clamp() {
        // The largest amount 64-bit piastres hold converts exactly; one piastre more is an error.
        assert_eq!(to_piastres(d("92233720368547758.07")), Ok(i64::MAX));
        for huge in [
            d("92233720368547758.08"),
            Decimal::from(i64::MAX),
            Decimal::MAX,
        ] {
            let err = to_piastres(huge).expect_err("beyond i64");
            assert_eq!(err.kind(), ErrorKind::Validation, "{huge}");
        }
        let err = Piastres::from_decimal("price", Decimal::MIN).expect_err("beyond i64");
        assert!(
            matches!(&err, Error::Validation { field, .. } if field == "price"),
            "{err:?}"
        );
    }

    #[test]
    fn r_money_3_rounds_half_away_from_zero() {
        assert_eq!(p(5).mul_div_round(1, 10), Ok(p(1)));
        assert_eq!(p(4).mul_div_round(1, 10), Ok(p(0)));
        assert_eq!(p(15).mul_div_round(1, 10), Ok(p(2)));
        assert_eq!(p(25).mul_div_round(1, 10), Ok(p(3)));
        // 12.50 at 10% → 1.25; 12.55 at 10% → 1.255 → 1.26
        assert_eq!(percent(1000).of(p(1250)), Ok(p(125)));
        assert_eq!(percent(1000).of(p(1255)), Ok(p(126)));
        // Away from zero on both sides.
        assert_eq!(p(-5).mul_div_round(1, 10), Ok(p(-1)));
        assert_eq!(p(-4).mul_div_round(1, 10), Ok(p(0)));
        assert_eq!(p(-15).mul_div_round(1, 10), Ok(p(-2)));
        assert_eq!(p(5).mul_div_round(-1, 10), Ok(p(-1)));
        // Decimals are rounded the same way.
        assert_eq!(to_piastres(d("0.005")), Ok(1));
        assert_eq!(to_piastres(d("-0.005")), Ok(-1));
        assert_eq!(to_piastres(d("0.0049")), Ok(0));
    }

    #[test]
    fn r_money_3_division_beyond_range_is_an_error_not_a_clamp() {
        let max = p(i64::MAX);
        // The product is exact, so only a result beyond 64 bits fails.
        assert_eq!(max.mul_div_round(i64::MAX, i64::MAX), Ok(max));
        assert_eq!(
            p(i64::MIN).mul_div_round(i64::MAX, i64::MAX),
            Ok(p(i64::MIN))
        );
        assert!(max.mul_div_round(2, 1).is_err());
        assert!(p(i64::MIN).mul_div_round(-1, 1).is_err());
        assert!(max.mul_div_round(i64::MAX, 60).is_err());
        for zero_or_less in [0, -1] {
            let err = p(100)
                .mul_div_round(1, zero_or_less)
                .expect_err("no division");
            assert_eq!(err.kind(), ErrorKind::Validation);
        }
        // 100 % of the largest amount is itself.
        assert_eq!(percent(10_000).of(max), Ok(max));
    }

    #[test]
    fn r_invc_3_percent_bounds() {
        assert_eq!(parse_percent("discount", d("100")), Ok(percent(10_000)));
        assert_eq!(
            parse_percent("discount", d("12.5")).map(|h| h.get()),
            Ok(1250)
        );
        assert!(parse_percent("discount", d("101")).is_err());
        assert!(parse_percent("discount", d("-1")).is_err());
        assert!(parse_percent("discount", d("1.001")).is_err());
        assert!(PercentHundredths::new("discount", 10_001).is_err());
        assert!(PercentHundredths::new("discount", -1).is_err());
    }
}
