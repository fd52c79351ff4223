//! VAT (R-TAX-1): an invoice's discount spread over its lines, then each line's net amount and
//! VAT, rounded once each (R-MONEY-3), so that the lines always add up to the invoice.
//!
//! The invoice discount (R-INVC-3: round(amount × percent)) is shared among the lines in
//! proportion to their amounts, by largest remainder, so the shares add up to it exactly. On
//! each line's discounted amount `d`, at a rate of `r` percent:
//! - prices include VAT: VAT = round(d × r / (100 + r)), net = d − VAT;
//! - prices exclude VAT: net = d, VAT = round(d × r / 100).
//!
//! The invoice's net amount and VAT are the sums of its lines'; its total is the discounted
//! amount (prices with VAT) or net + VAT (prices without). An invoice keeps the rate and mode it
//! was issued with, so one issued before VAT was switched on keeps its figures.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::model::{Invoice, InvoiceLine};
use crate::money::{PercentHundredths, Piastres, parse_percent};

/// Shares of `discount` for lines of `amounts` (none negative), by largest remainder: each
/// line's exact share rounded down, then a piastre more for the largest remainders until the
/// shares add up to `discount`.
pub fn discount_shares(amounts: &[Piastres], discount: Piastres) -> Result<Vec<Piastres>> {
    let total = Piastres::sum(amounts.iter().copied())?;
    if !total.is_positive() || !discount.is_positive() {
        return Ok(vec![Piastres::ZERO; amounts.len()]);
    }
    // Products of two 64-bit amounts are exact in 128 bits.
    let (total, discount) = (i128::from(total.get()), i128::from(discount.get()));
    let mut shares: Vec<(i128, i128, usize)> = amounts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let exact = i128::from(a.get()) * discount;
            (exact / total, exact % total, i)
        })
        .collect();
    let mut left = discount - shares.iter().map(|s| s.0).sum::<i128>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| shares[b].1.cmp(&shares[a].1).then(a.cmp(&b)));
    for i in order {
        if left <= 0 {
            break;
        }
        shares[i].0 += 1;
        left -= 1;
    }
    shares
        .into_iter()
        .map(|s| {
            i64::try_from(s.0).map(Piastres::new).map_err(|_| {
                Error::validation(
                    "discount",
                    "a line's share is beyond the amounts Backspace can hold",
                )
            })
        })
        .collect()
}

/// The VAT in `amount` at `rate`: inside it when prices include VAT, on top of it otherwise.
pub fn vat_of(
    amount: Piastres,
    rate: PercentHundredths,
    prices_include_vat: bool,
) -> Result<Piastres> {
    if rate.is_zero() || !amount.is_positive() {
        return Ok(Piastres::ZERO);
    }
    if prices_include_vat {
        amount.mul_div_round(rate.get(), 10_000 + rate.get())
    } else {
        rate.of(amount)
    }
}

/// Fills each line's `net` and `vat`, and the invoice's `net_amount`, `vat_amount` and `total`,
/// from its lines, discount amount, VAT rate and mode.
pub fn apply(invoice: &mut Invoice) -> Result<()> {
    let (net, vat) = split_lines(invoice)?;
    invoice.total = net.checked_add(vat)?.to_decimal();
    Ok(())
}

/// Fills each line's `net` and `vat` and the invoice's `net_amount` and `vat_amount`, leaving its
/// stored total as it is; returns (net, VAT). Stores call it when they load an invoice, so these
/// figures are never stored twice.
pub fn split_lines(invoice: &mut Invoice) -> Result<(Piastres, Piastres)> {
    let (net, vat) = split_line_items(
        &mut invoice.line_items,
        Piastres::from_decimal("discount_amount", invoice.discount_amount)?,
        parse_percent("vat_rate", invoice.vat_rate)?,
        invoice.prices_include_vat,
    )?;
    invoice.net_amount = net.to_decimal();
    invoice.vat_amount = vat.to_decimal();
    Ok((net, vat))
}

/// Fills the `net` and `vat` of `lines` sharing `discount`, at `rate`; returns their sums.
pub fn split_line_items(
    lines: &mut [InvoiceLine],
    discount: Piastres,
    rate: PercentHundredths,
    prices_include_vat: bool,
) -> Result<(Piastres, Piastres)> {
    let amounts = lines
        .iter()
        .map(|l| Piastres::from_decimal("amount", l.amount))
        .collect::<Result<Vec<_>>>()?;
    let shares = discount_shares(&amounts, discount)?;
    let (mut net, mut vat) = (Piastres::ZERO, Piastres::ZERO);
    for ((line, amount), share) in lines.iter_mut().zip(amounts).zip(shares) {
        let discounted = amount.checked_sub(share)?;
        let line_vat = vat_of(discounted, rate, prices_include_vat)?;
        let line_net = if prices_include_vat {
            discounted.checked_sub(line_vat)?
        } else {
            discounted
        };
        line.net = line_net.to_decimal();
        line.vat = line_vat.to_decimal();
        net = net.checked_add(line_net)?;
        vat = vat.checked_add(line_vat)?;
    }
    Ok((net, vat))
}

/// A VAT rate as given (0–100, two decimals) in hundredths.
pub fn rate_hundredths(rate: Decimal) -> Result<PercentHundredths> {
    parse_percent("vat_rate", rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(piastres: i64) -> Piastres {
        Piastres::new(piastres)
    }

    fn ps(piastres: &[i64]) -> Vec<Piastres> {
        piastres.iter().copied().map(p).collect()
    }

    fn shares(amounts: &[i64], discount: i64) -> Vec<i64> {
        discount_shares(&ps(amounts), p(discount))
            .expect("shares in range")
            .into_iter()
            .map(Piastres::get)
            .collect()
    }

    fn vat(amount: i64, rate: i64, inclusive: bool) -> i64 {
        let rate = PercentHundredths::new("vat_rate", rate).expect("a rate");
        vat_of(p(amount), rate, inclusive)
            .expect("VAT in range")
            .get()
    }

    #[test]
    fn r_tax_1_discount_shares_add_up_exactly() {
        assert_eq!(shares(&[1000, 2000, 3000], 600), [100, 200, 300]);
        assert_eq!(shares(&[1, 1, 1], 2), [1, 1, 0]);
        assert_eq!(shares(&[333, 333, 334], 100).iter().sum::<i64>(), 100);
        assert_eq!(shares(&[0, 0], 0), [0, 0]);
    }

    #[test]
    fn r_tax_1_vat_inclusive_and_exclusive_round_once() {
        // 114.00 with 14 % inside: 14.00 VAT; 100.00 net at 14 %: 14.00 VAT.
        assert_eq!(vat(11400, 1400, true), 1400);
        assert_eq!(vat(10000, 1400, false), 1400);
        // 30.00 gross: 30 × 14 / 114 = 3.684… → 3.68.
        assert_eq!(vat(3000, 1400, true), 368);
        assert_eq!(vat(3000, 0, true), 0);
    }

    #[test]
    fn r_money_2_shares_of_the_largest_amounts_are_exact() {
        // Products beyond 64 bits are computed exactly, not clamped.
        let max = i64::MAX;
        assert_eq!(shares(&[max, 0], max), [max, 0]);
        assert_eq!(
            shares(&[max / 2, max / 2], max - 1).iter().sum::<i64>(),
            max - 1
        );
        // Lines adding up beyond 64-bit piastres are an error.
        assert!(discount_shares(&ps(&[max, 1]), p(1)).is_err());
        assert!(
            vat_of(
                p(max),
                PercentHundredths::new("vat_rate", 10_000).expect("a rate"),
                false
            )
            .is_ok()
        );
    }
}
