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

use crate::model::{Invoice, InvoiceLine};
use crate::money::{div_round, to_decimal, to_piastres};

/// Shares of `discount` piastres for lines of `amounts`, by largest remainder.
pub fn discount_shares(amounts: &[i64], discount: i64) -> Vec<i64> {
    let total: i64 = amounts.iter().sum();
    if total <= 0 || discount <= 0 {
        return vec![0; amounts.len()];
    }
    let mut shares: Vec<(i64, i128, usize)> = amounts
        .iter()
        .enumerate()
        .map(|(i, &a)| {
            let exact = i128::from(a) * i128::from(discount);
            let whole = i64::try_from(exact / i128::from(total)).unwrap_or(0);
            (whole, exact % i128::from(total), i)
        })
        .collect();
    let mut left = discount - shares.iter().map(|s| s.0).sum::<i64>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| shares[b].1.cmp(&shares[a].1).then(a.cmp(&b)));
    for i in order {
        if left <= 0 {
            break;
        }
        shares[i].0 += 1;
        left -= 1;
    }
    shares.into_iter().map(|s| s.0).collect()
}

/// The VAT in `piastres` at `rate` hundredths of a percent.
pub fn vat_of(piastres: i64, rate: i64, prices_include_vat: bool) -> i64 {
    if rate <= 0 || piastres <= 0 {
        return 0;
    }
    if prices_include_vat {
        div_round(
            i128::from(piastres) * i128::from(rate),
            10_000 + i128::from(rate),
        )
    } else {
        div_round(i128::from(piastres) * i128::from(rate), 10_000)
    }
}

/// Fills each line's `net` and `vat`, and the invoice's `net_amount`, `vat_amount` and `total`,
/// from its lines, discount amount, VAT rate and mode.
pub fn apply(invoice: &mut Invoice) {
    let (net, vat) = split_lines(invoice);
    invoice.total = to_decimal(net + vat);
}

/// Fills each line's `net` and `vat` and the invoice's `net_amount` and `vat_amount`, leaving its
/// stored total as it is; returns (net, VAT) in piastres. Stores call it when they load an
/// invoice, so these figures are never stored twice.
pub fn split_lines(invoice: &mut Invoice) -> (i64, i64) {
    let (net, vat) = split_line_items(
        &mut invoice.line_items,
        to_piastres(invoice.discount_amount),
        to_piastres(invoice.vat_rate),
        invoice.prices_include_vat,
    );
    invoice.net_amount = to_decimal(net);
    invoice.vat_amount = to_decimal(vat);
    (net, vat)
}

/// Fills the `net` and `vat` of `lines` sharing `discount` piastres, at `rate` hundredths;
/// returns their sums.
pub fn split_line_items(
    lines: &mut [InvoiceLine],
    discount: i64,
    rate: i64,
    prices_include_vat: bool,
) -> (i64, i64) {
    let amounts: Vec<i64> = lines.iter().map(|l| to_piastres(l.amount)).collect();
    let shares = discount_shares(&amounts, discount);
    let (mut net, mut vat) = (0i64, 0i64);
    for ((line, amount), share) in lines.iter_mut().zip(amounts).zip(shares) {
        let discounted = amount - share;
        let line_vat = vat_of(discounted, rate, prices_include_vat);
        let line_net = if prices_include_vat {
            discounted - line_vat
        } else {
            discounted
        };
        line.net = to_decimal(line_net);
        line.vat = to_decimal(line_vat);
        net += line_net;
        vat += line_vat;
    }
    (net, vat)
}

/// A VAT rate as given (0–100, two decimals) in hundredths.
pub fn rate_hundredths(rate: Decimal) -> i64 {
    to_piastres(rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_tax_1_discount_shares_add_up_exactly() {
        assert_eq!(discount_shares(&[1000, 2000, 3000], 600), [100, 200, 300]);
        assert_eq!(discount_shares(&[1, 1, 1], 2), [1, 1, 0]);
        assert_eq!(
            discount_shares(&[333, 333, 334], 100).iter().sum::<i64>(),
            100
        );
        assert_eq!(discount_shares(&[0, 0], 0), [0, 0]);
    }

    #[test]
    fn r_tax_1_vat_inclusive_and_exclusive_round_once() {
        // 114.00 with 14 % inside: 14.00 VAT; 100.00 net at 14 %: 14.00 VAT.
        assert_eq!(vat_of(11400, 1400, true), 1400);
        assert_eq!(vat_of(10000, 1400, false), 1400);
        // 30.00 gross: 30 × 14 / 114 = 3.684… → 3.68.
        assert_eq!(vat_of(3000, 1400, true), 368);
        assert_eq!(vat_of(3000, 0, true), 0);
    }
}
