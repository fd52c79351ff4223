//! Invoices, payments and the customer balance ledger (§9, §10).

use chrono::{DateTime, Days, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{Backspace, NewPayment, Op, found};
use crate::clock::business_date;
use crate::error::{Error, Result};
use crate::model::*;
use crate::money::{
    MAX_POUNDS, Zero, parse_amount, parse_percent, percent_of, to_decimal, to_piastres,
};
use crate::settings::Settings;
use crate::staff::Permission;
use crate::store::{Counter, Store, StoreTx};
use crate::text::normalize_text;
use crate::trail::{TrailKind, invoice_text};

use super::shifts::attach;
use super::trail::record;
use crate::drawer::DrawerEntryKind;

/// Changes a customer's balance by `delta` piastres and records why (R-BAL-2, R-BAL-3).
/// A zero change is no change and writes no entry.
pub(super) fn post(
    tx: &mut dyn StoreTx,
    customer: &mut Customer,
    kind: LedgerKind,
    delta: i64,
    reference: String,
    at: DateTime<Utc>,
) -> Result<Option<LedgerEntry>> {
    let mut entry = None;
    if delta != 0 {
        customer.balance = to_decimal(to_piastres(customer.balance) + delta);
        let e = LedgerEntry {
            id: new_id(),
            customer_id: customer.id,
            kind,
            amount: to_decimal(delta),
            reference,
            at,
        };
        tx.insert_ledger_entry(&e)?;
        entry = Some(e);
    }
    tx.update_customer(customer)?;
    Ok(entry)
}

/// Sets amount-derived fields: discount amount, total, status and paid date (R-INVC-3, R-INVC-5).
fn settle(invoice: &mut Invoice, discount: i64, at: DateTime<Utc>, settings: &Settings) {
    let amount = to_piastres(invoice.amount);
    let discount_amount = percent_of(amount, discount);
    invoice.discount = to_decimal(discount);
    invoice.discount_amount = to_decimal(discount_amount);
    crate::vat::apply(invoice);
    let (total, paid) = (to_piastres(invoice.total), to_piastres(invoice.paid_amount));
    invoice.status = if paid >= total {
        InvoiceStatus::Paid
    } else if paid > 0 {
        InvoiceStatus::Pending
    } else {
        InvoiceStatus::Unpaid
    };
    invoice.paid_date = match invoice.status {
        InvoiceStatus::Paid => invoice
            .paid_date
            .or(Some(business_date(at, settings.time_zone))),
        _ => None,
    };
}

/// Issues an invoice for `lines` and lowers the customer's balance by its total (R-INVC-2, R-BAL-2).
#[allow(clippy::too_many_arguments)]
pub(crate) fn issue_invoice(
    tx: &mut dyn StoreTx,
    settings: &Settings,
    customer: &mut Customer,
    lines: Vec<InvoiceLine>,
    discount: i64,
    at: DateTime<Utc>,
    session_id: Option<Uuid>,
    subscription_id: Option<Uuid>,
) -> Result<Invoice> {
    let issue_date = business_date(at, settings.time_zone);
    let amount: i64 = lines.iter().map(|l| to_piastres(l.amount)).sum();
    // A computed amount obeys the input limit too (R-MONEY-2), so every balance and report sum
    // stays far inside integer piastres.
    if amount >= MAX_POUNDS * 100 {
        return Err(Error::validation(
            "amount",
            format!(
                "the invoice would come to {}, at or above 1,000,000,000; end the session at an earlier instant",
                to_decimal(amount)
            ),
        ));
    }
    let mut invoice = Invoice {
        id: new_id(),
        invoice_number: tx.next_document_number(Counter::Invoice)?,
        customer_id: customer.id,
        session_id,
        subscription_id,
        issued_at: at,
        issue_date,
        due_date: issue_date
            .checked_add_days(Days::new(u64::from(settings.invoice_due_days)))
            .unwrap_or(issue_date),
        amount: to_decimal(amount),
        discount: to_decimal(0),
        discount_amount: to_decimal(0),
        total: to_decimal(0),
        vat_rate: settings.vat_percent,
        prices_include_vat: settings.prices_include_vat,
        net_amount: to_decimal(0),
        vat_amount: to_decimal(0),
        paid_amount: to_decimal(0),
        status: InvoiceStatus::Unpaid,
        paid_date: None,
        line_items: lines,
        payments: Vec::new(),
        refunded_amount: to_decimal(0),
        written_off_amount: to_decimal(0),
        correction: None,
        credit_notes: Vec::new(),
        footprint: String::new(),
    };
    settle(&mut invoice, discount, at, settings);
    invoice.footprint = record(
        tx,
        TrailKind::Invoice,
        invoice.id,
        &invoice_text(&invoice),
        at,
    )?;
    tx.insert_invoice(&invoice)?;
    let total = to_piastres(invoice.total);
    post(
        tx,
        customer,
        LedgerKind::Invoice,
        -total,
        invoice.invoice_number.clone(),
        at,
    )?;
    Ok(invoice)
}

/// The invalid-state error for a change to an invoice that is paid, void or written off.
pub(super) fn not_open(invoice: &Invoice) -> Error {
    let why = match invoice.status {
        InvoiceStatus::Paid => "is already paid",
        InvoiceStatus::Void => "is void",
        InvoiceStatus::WrittenOff => "was written off",
        InvoiceStatus::Unpaid | InvoiceStatus::Pending => "is open",
    };
    Error::InvalidState(format!("{} {why}", invoice.invoice_number))
}

/// A payment's input, validated before any transaction (R-ERR-2).
pub(super) struct ValidPayment {
    pub(super) amount: i64,
    pub(super) method: PaymentMethod,
    note: Option<String>,
}

impl ValidPayment {
    pub(super) fn parse(payment: &NewPayment) -> Result<Self> {
        Ok(ValidPayment {
            amount: parse_amount("amount", payment.amount, Zero::Refused)?,
            method: payment.method,
            note: normalize_text("note", payment.note.as_deref())?,
        })
    }
}

/// Records `payment` on `invoice` at `at` and updates credit or balance (R-INVC-4, R-INVC-7,
/// R-BAL-2). `invoice` is left as stored, its new payment included.
pub(super) fn pay(
    tx: &mut dyn StoreTx,
    settings: &Settings,
    invoice: &mut Invoice,
    payment: &ValidPayment,
    at: DateTime<Utc>,
    operator: Option<Uuid>,
) -> Result<()> {
    let (paid, method) = (payment.amount, payment.method);
    if at < invoice.issued_at {
        return Err(Error::validation(
            "at",
            format!(
                "a payment cannot be before {} was issued",
                invoice.invoice_number
            ),
        ));
    }
    if !invoice.is_open() {
        return Err(not_open(invoice));
    }
    let due = to_piastres(invoice.due());
    if paid > due {
        return Err(Error::Overpayment {
            invoice: invoice.invoice_number.clone(),
            due: to_decimal(due),
            amount: to_decimal(paid),
            limit: "due",
        });
    }
    let mut customer = found(
        tx.customer(invoice.customer_id)?,
        "customer",
        invoice.customer_id,
    )?;
    let credit = to_piastres(customer.credit);
    if method == PaymentMethod::Balance && credit < paid {
        return Err(Error::InsufficientCredit {
            available: customer.credit,
            amount: to_decimal(paid),
        });
    }
    let record = Payment {
        id: new_id(),
        invoice_id: invoice.id,
        amount: to_decimal(paid),
        method,
        paid_at: at,
        note: payment.note.clone(),
    };
    tx.insert_payment(&record)?;
    attach(
        tx,
        operator,
        DrawerEntryKind::Payment,
        method,
        paid,
        invoice.invoice_number.clone(),
        at,
    )?;
    invoice.paid_amount = to_decimal(to_piastres(invoice.paid_amount) + paid);
    let discount = to_piastres(invoice.discount);
    settle(invoice, discount, at, settings);
    tx.update_invoice(invoice)?;
    invoice.payments.push(record);
    if method == PaymentMethod::Balance {
        customer.credit = to_decimal(credit - paid);
        tx.update_customer(&customer)?;
    } else {
        post(
            tx,
            &mut customer,
            LedgerKind::Payment,
            paid,
            invoice.invoice_number.clone(),
            at,
        )?;
    }
    Ok(())
}

impl<S: Store> Backspace<S> {
    /// An invoice with its lines and payments.
    pub fn get_invoice(&self, id: Uuid) -> Result<Invoice> {
        self.read(|tx| found(tx.invoice(id)?, "invoice", id))
    }

    /// An invoice by number (`INV-0042`, any case).
    pub fn find_invoice(&self, number: &str) -> Result<Invoice> {
        let wanted = number.trim().to_ascii_uppercase();
        self.read(|tx| found(tx.invoice_by_number(&wanted)?, "invoice", number))
    }

    /// Invoices passing `filter`, by number.
    pub fn list_invoices(&self, filter: &InvoiceFilter) -> Result<Vec<Invoice>> {
        self.read(|tx| tx.invoices(filter))
    }

    /// Sets an invoice's discount while nothing is paid on it (R-INVC-3); the balance follows.
    pub fn set_discount(&self, invoice_id: Uuid, percent: Decimal) -> Result<Invoice> {
        let discount = parse_percent("discount", percent)?;
        let op = Op::new("set_discount", Permission::Desk)
            .id(invoice_id)
            .arg("discount", crate::money::to_decimal(discount).to_string());
        self.write(op, |tx, at| {
            self.allow_discount(tx, discount, "set_discount")?;
            let mut invoice = found(tx.invoice(invoice_id)?, "invoice", invoice_id)?;
            if !invoice.payments.is_empty() {
                return Err(Error::InvalidState(format!(
                    "{} has payments; its discount can no longer change",
                    invoice.invoice_number
                )));
            }
            if matches!(
                invoice.status,
                InvoiceStatus::Void | InvoiceStatus::WrittenOff
            ) {
                return Err(not_open(&invoice));
            }
            if let Some(closed) = tx.closed_through()?
                && invoice.issue_date <= closed
            {
                return Err(Error::InvalidState(format!(
                    "{} was issued on {}, a closed day; its discount can no longer change",
                    invoice.invoice_number, invoice.issue_date
                )));
            }
            let settings = tx.settings()?;
            let before = to_piastres(invoice.total);
            settle(&mut invoice, discount, at, &settings);
            invoice.footprint = record(
                tx,
                TrailKind::Invoice,
                invoice.id,
                &invoice_text(&invoice),
                at,
            )?;
            tx.update_invoice(&invoice)?;
            let mut customer = found(
                tx.customer(invoice.customer_id)?,
                "customer",
                invoice.customer_id,
            )?;
            let change = before - to_piastres(invoice.total);
            post(
                tx,
                &mut customer,
                LedgerKind::Discount,
                change,
                invoice.invoice_number.clone(),
                at,
            )?;
            Ok(invoice)
        })
    }

    /// Records a payment (R-INVC-4, R-INVC-7, R-BAL-2).
    pub fn record_payment(&self, invoice_id: Uuid, payment: NewPayment) -> Result<Invoice> {
        let payment = ValidPayment::parse(&payment)?;
        let op = Op::new("record_payment", Permission::Desk)
            .id(invoice_id)
            .arg("amount", to_decimal(payment.amount).to_string())
            .arg("method", payment.method.as_str());
        self.write(op, |tx, at| {
            let mut invoice = found(tx.invoice(invoice_id)?, "invoice", invoice_id)?;
            let settings = tx.settings()?;
            pay(tx, &settings, &mut invoice, &payment, at, self.operator)?;
            Ok(invoice)
        })
    }

    /// Money left with the space as credit (R-BAL-2); method is cash, card or transfer.
    pub fn deposit(
        &self,
        customer_id: Uuid,
        amount: Decimal,
        method: PaymentMethod,
    ) -> Result<LedgerEntry> {
        let piastres = parse_amount("amount", amount, Zero::Refused)?;
        if method == PaymentMethod::Balance {
            return Err(Error::validation(
                "method",
                "a deposit is paid in cash, card or transfer, not from the balance",
            ));
        }
        let op = Op::new("deposit", Permission::Desk)
            .id(customer_id)
            .arg("amount", to_decimal(piastres).to_string())
            .arg("method", method.as_str());
        self.write(op, |tx, at| {
            let mut customer = found(tx.customer(customer_id)?, "customer", customer_id)?;
            attach(
                tx,
                self.operator,
                DrawerEntryKind::Deposit,
                method,
                piastres,
                customer.human_id.clone(),
                at,
            )?;
            customer.credit = to_decimal(to_piastres(customer.credit) + piastres);
            let entry = post(
                tx,
                &mut customer,
                LedgerKind::Deposit,
                piastres,
                method.as_str().to_string(),
                at,
            )?;
            entry.ok_or_else(|| Error::storage("a deposit wrote no ledger entry"))
        })
    }

    /// A customer's ledger in order, with the running balance (R-BAL-3).
    pub fn statement(&self, customer_id: Uuid) -> Result<Vec<StatementLine>> {
        self.read(|tx| {
            found(tx.customer(customer_id)?, "customer", customer_id)?;
            let mut running = 0;
            Ok(tx
                .ledger(customer_id)?
                .into_iter()
                .map(|entry| {
                    running += to_piastres(entry.amount);
                    StatementLine {
                        entry,
                        balance: to_decimal(running),
                    }
                })
                .collect())
        })
    }
}
