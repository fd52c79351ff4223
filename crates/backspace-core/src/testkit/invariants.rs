//! The invariants every store must keep after any sequence of operations.

use std::collections::BTreeMap;

use super::*;
use crate::money::{Piastres, parse_percent};

/// An amount the desk returned, in piastres: every one fits.
fn to_piastres(amount: Decimal) -> i64 {
    crate::money::to_piastres(amount).expect("an amount in 64-bit piastres")
}

/// round(`amount` × `percent` ÷ 100) in piastres (R-INVC-3).
fn percent_of(amount: i64, percent: Decimal) -> i64 {
    let percent = parse_percent("discount", percent).expect("a percentage");
    percent
        .of(Piastres::new(amount))
        .expect("a share in 64-bit piastres")
        .get()
}

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

    // CN-… is gapless too.
    let notes: Vec<_> = invoices.iter().flat_map(|i| &i.credit_notes).collect();
    let n = numbers(notes.iter().map(|c| c.credit_note_number.clone()), "CN-");
    assert_eq!(
        n,
        (1..=n.len() as u64).collect::<Vec<_>>(),
        "credit note numbers have gaps"
    );
    // Every document matches its footprint (R-CORR-5).
    let trail = bs.verify_trail().unwrap();
    assert!(trail.is_intact(), "the trail is broken: {trail:?}");

    let mut outstanding: BTreeMap<uuid::Uuid, i64> = BTreeMap::new();
    let mut refunded_to_balance: BTreeMap<uuid::Uuid, i64> = BTreeMap::new();
    let (mut issued_total, mut corrected) = (0i64, 0i64);
    let mut spent_credit: BTreeMap<uuid::Uuid, i64> = BTreeMap::new();
    for inv in &invoices {
        let amount: i64 = inv.line_items.iter().map(|l| to_piastres(l.amount)).sum();
        assert_eq!(
            to_piastres(inv.amount),
            amount,
            "{} amount is not the sum of its lines",
            inv.invoice_number
        );
        let discount = percent_of(amount, inv.discount);
        assert_eq!(
            to_piastres(inv.discount_amount),
            discount,
            "{} discount",
            inv.invoice_number
        );
        let on_top = if inv.prices_include_vat {
            0
        } else {
            to_piastres(inv.vat_amount)
        };
        assert_eq!(
            to_piastres(inv.total),
            amount - discount + on_top,
            "{} total = amount − discount (+ VAT when prices exclude it)",
            inv.invoice_number
        );
        assert_eq!(
            inv.total,
            inv.net_amount + inv.vat_amount,
            "{} total = net + VAT",
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
        let (refunded, written_off) = (
            to_piastres(inv.refunded_amount),
            to_piastres(inv.written_off_amount),
        );
        let notes: i64 = inv.credit_notes.iter().map(|c| to_piastres(c.amount)).sum();
        assert_eq!(
            refunded, notes,
            "{} refunded = its credit notes",
            inv.invoice_number
        );
        assert!(
            (0..=paid).contains(&refunded),
            "{} refunded more than was paid",
            inv.invoice_number
        );
        let status = match inv.status {
            InvoiceStatus::Void => {
                assert_eq!(paid, 0, "{} is void but has payments", inv.invoice_number);
                InvoiceStatus::Void
            }
            InvoiceStatus::WrittenOff => {
                assert_eq!(
                    written_off,
                    to_piastres(inv.total) - paid,
                    "{} wrote off other than what was due",
                    inv.invoice_number
                );
                InvoiceStatus::WrittenOff
            }
            _ if paid >= to_piastres(inv.total) => InvoiceStatus::Paid,
            _ if paid > 0 => InvoiceStatus::Pending,
            _ => InvoiceStatus::Unpaid,
        };
        assert_eq!(inv.status, status, "{} status", inv.invoice_number);
        assert_eq!(
            inv.correction.is_some(),
            matches!(status, InvoiceStatus::Void | InvoiceStatus::WrittenOff),
            "{} correction",
            inv.invoice_number
        );
        assert_eq!(
            inv.paid_date.is_some(),
            status == InvoiceStatus::Paid,
            "{} paid date",
            inv.invoice_number
        );
        *outstanding.entry(inv.customer_id).or_default() += to_piastres(inv.due());
        let to_balance: i64 = inv
            .credit_notes
            .iter()
            .filter(|c| c.method == PaymentMethod::Balance)
            .map(|c| to_piastres(c.amount))
            .sum();
        *refunded_to_balance.entry(inv.customer_id).or_default() += to_balance;
        issued_total += to_piastres(inv.total);
        corrected += refunded + written_off;
        if status == InvoiceStatus::Void {
            corrected += to_piastres(inv.total);
        }
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
        let credit = deposits + refunded_to_balance.get(&c.id).copied().unwrap_or(0)
            - spent_credit.get(&c.id).copied().unwrap_or(0);
        assert_eq!(
            to_piastres(c.credit),
            credit,
            "{} credit ≠ deposits + refunds to balance − balance payments",
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

    // Σ net revenue = issued totals − voided − refunded − written off (R-CORR-6), over every
    // business date that holds a document.
    if let Some((from, to)) = document_dates(&invoices) {
        let net: i64 = bs
            .revenue(from, to)
            .unwrap()
            .iter()
            .map(|d| to_piastres(d.net))
            .sum();
        assert_eq!(
            net,
            issued_total - corrected,
            "net revenue ≠ totals − voids − refunds − write-offs"
        );
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

/// The first and last business dates of every invoice, credit note, void and write-off.
fn document_dates(invoices: &[Invoice]) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let dates = invoices.iter().flat_map(|i| {
        std::iter::once(i.issue_date)
            .chain(i.correction.iter().map(|c| c.date))
            .chain(i.credit_notes.iter().map(|c| c.issue_date))
    });
    let (mut lo, mut hi) = (None::<chrono::NaiveDate>, None::<chrono::NaiveDate>);
    for d in dates {
        lo = Some(lo.map_or(d, |l| l.min(d)));
        hi = Some(hi.map_or(d, |h| h.max(d)));
    }
    Some((lo?, hi?))
}
