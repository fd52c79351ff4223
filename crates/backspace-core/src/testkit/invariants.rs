//! The invariants every store must keep after any sequence of operations.

use std::collections::BTreeMap;

use super::*;
use crate::money::{percent_of, to_piastres};

fn numbers(ids: impl Iterator<Item = String>, prefix: &str) -> Vec<u64> {
    let mut n: Vec<u64> = ids
        .map(|id| id.trim_start_matches(prefix).parse().unwrap())
        .collect();
    n.sort_unstable();
    n
}

/// Checks every invariant through the public operations; panics with the first broken one.
pub fn check_invariants<S: Store>(bs: &Backspace<S>) {
    let customers = bs.list_customers().unwrap();
    let invoices = bs.list_invoices(&InvoiceFilter::default()).unwrap();

    // C-… and INV-… are gapless.
    let c = numbers(customers.iter().map(|c| c.human_id.clone()), "C-");
    assert_eq!(
        c,
        (1..=c.len() as u64).collect::<Vec<_>>(),
        "customer ids have gaps"
    );
    let i = numbers(invoices.iter().map(|i| i.invoice_number.clone()), "INV-");
    assert_eq!(
        i,
        (1..=i.len() as u64).collect::<Vec<_>>(),
        "invoice numbers have gaps"
    );

    // No two sessions of one resource or one customer overlap (R-SESS-7).
    assert_eq!(bs.session_overlaps().unwrap(), [], "sessions overlap");

    let mut outstanding: BTreeMap<uuid::Uuid, i64> = BTreeMap::new();
    let mut spent_credit: BTreeMap<uuid::Uuid, i64> = BTreeMap::new();
    for inv in &invoices {
        let amount: i64 = inv.line_items.iter().map(|l| to_piastres(l.amount)).sum();
        assert_eq!(
            to_piastres(inv.amount),
            amount,
            "{} amount is not the sum of its lines",
            inv.invoice_number
        );
        let discount = percent_of(amount, to_piastres(inv.discount));
        assert_eq!(
            to_piastres(inv.discount_amount),
            discount,
            "{} discount",
            inv.invoice_number
        );
        assert_eq!(
            to_piastres(inv.total),
            amount - discount,
            "{} total = amount − discount",
            inv.invoice_number
        );
        let paid: i64 = inv.payments.iter().map(|p| to_piastres(p.amount)).sum();
        assert_eq!(
            to_piastres(inv.paid_amount),
            paid,
            "{} paid = sum of payments",
            inv.invoice_number
        );
        assert!(
            paid <= to_piastres(inv.total),
            "{} is overpaid",
            inv.invoice_number
        );
        let status = if paid >= to_piastres(inv.total) {
            InvoiceStatus::Paid
        } else if paid > 0 {
            InvoiceStatus::Pending
        } else {
            InvoiceStatus::Unpaid
        };
        assert_eq!(inv.status, status, "{} status", inv.invoice_number);
        assert_eq!(
            inv.paid_date.is_some(),
            status == InvoiceStatus::Paid,
            "{} paid date",
            inv.invoice_number
        );
        *outstanding.entry(inv.customer_id).or_default() += to_piastres(inv.total) - paid;
        let by_credit: i64 = inv
            .payments
            .iter()
            .filter(|p| p.method == PaymentMethod::Balance)
            .map(|p| to_piastres(p.amount))
            .sum();
        *spent_credit.entry(inv.customer_id).or_default() += by_credit;
        if let Some(sid) = inv.session_id {
            let s = bs.get_session(sid).unwrap();
            assert!(
                !s.is_active && s.invoice_id == Some(inv.id),
                "{} bills a session that is still active",
                inv.invoice_number
            );
        }
    }

    for c in &customers {
        let ledger = bs.statement(c.id).unwrap();
        let sum: i64 = ledger.iter().map(|l| to_piastres(l.entry.amount)).sum();
        assert_eq!(
            to_piastres(c.balance),
            sum,
            "{} balance ≠ ledger sum",
            c.human_id
        );
        let deposits: i64 = ledger
            .iter()
            .filter(|l| l.entry.kind == LedgerKind::Deposit)
            .map(|l| to_piastres(l.entry.amount))
            .sum();
        let credit = deposits - spent_credit.get(&c.id).copied().unwrap_or(0);
        assert_eq!(
            to_piastres(c.credit),
            credit,
            "{} credit ≠ deposits − balance payments",
            c.human_id
        );
        assert!(credit >= 0, "{} credit is negative", c.human_id);
        let owed = outstanding.get(&c.id).copied().unwrap_or(0);
        assert_eq!(
            sum,
            credit - owed,
            "{} balance ≠ credit − outstanding",
            c.human_id
        );
        if let Some(last) = ledger.last() {
            assert_eq!(
                last.balance, c.balance,
                "{} statement does not end at the balance",
                c.human_id
            );
        }
    }

    for item in bs.list_inventory_items().unwrap() {
        assert!(item.quantity >= 0, "{} stock is negative", item.name);
        let moves = bs.stock_movements(item.id).unwrap();
        assert_eq!(
            moves.iter().map(|m| m.delta).sum::<i64>(),
            item.quantity,
            "{} stock ≠ its movements",
            item.name
        );
    }

    for r in bs.list_resources().unwrap() {
        let busy = bs
            .store()
            .read(|tx| tx.active_session_on_resource(r.id))
            .unwrap()
            .is_some();
        assert_eq!(
            r.is_available,
            !busy && !r.out_of_service,
            "{} availability",
            r.name
        );
    }
}
