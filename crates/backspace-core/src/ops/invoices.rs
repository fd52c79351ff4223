//! Invoices, payments and the customer balance ledger (§9, §10).

use chrono::{DateTime, Days, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{Backspace, NewPayment, Op, found};
use crate::clock::business_date;
use crate::error::{Error, Result};
use crate::model::*;
use crate::money::{PercentHundredths, Piastres, Zero, parse_amount, parse_percent};
use crate::settings::Settings;
use crate::staff::Permission;
use crate::store::{Counter, Store, StoreTx};
use crate::text::normalize_text;
use crate::trail::{TrailKind, invoice_text};

use super::shifts::attach;
use super::trail::record;
use crate::drawer::DrawerEntryKind;

/// Changes a customer's balance by `delta` and records why (R-BAL-2, R-BAL-3).
/// A zero change is no change and writes no entry.
pub(super) fn post(
    tx: &mut dyn StoreTx,
    customer: &mut Customer,
    kind: LedgerKind,
    delta: Piastres,
    reference: String,
    at: DateTime<Utc>,
) -> Result<Option<LedgerEntry>> {
    let mut entry = None;
    if !delta.is_zero() {
        let balance = Piastres::from_decimal("balance", customer.balance)?.checked_add(delta)?;
        customer.balance = balance.to_decimal();
        let e = LedgerEntry {
            id: new_id(),
            customer_id: customer.id,
            kind,
            amount: delta.to_decimal(),
            reference,
            at,
        };
        tx.insert_ledger_entry(&e)?;
        entry = Some(e);
    }
    tx.update_customer(customer)?;
    Ok(entry)
}

/// What is still due on `invoice`: total − paid − written off, nothing when void.
pub(super) fn due(invoice: &Invoice) -> Result<Piastres> {
    if invoice.status == InvoiceStatus::Void {
        return Ok(Piastres::ZERO);
    }
    Piastres::from_decimal("total", invoice.total)?
        .checked_sub(Piastres::from_decimal("paid_amount", invoice.paid_amount)?)?
        .checked_sub(Piastres::from_decimal(
            "written_off_amount",
            invoice.written_off_amount,
        )?)
}

/// Sets amount-derived fields: discount amount, total, status and paid date (R-INVC-3, R-INVC-5).
fn settle(
    invoice: &mut Invoice,
    discount: PercentHundredths,
    at: DateTime<Utc>,
    settings: &Settings,
) -> Result<()> {
    let amount = Piastres::from_decimal("amount", invoice.amount)?;
    invoice.discount = discount.to_decimal();
    invoice.discount_amount = discount.of(amount)?.to_decimal();
    crate::vat::apply(invoice)?;
    let total = Piastres::from_decimal("total", invoice.total)?;
    let paid = Piastres::from_decimal("paid_amount", invoice.paid_amount)?;
    invoice.status = if paid >= total {
        InvoiceStatus::Paid
    } else if paid.is_positive() {
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
    Ok(())
}

/// Issues an invoice for `lines` and lowers the customer's balance by its total (R-INVC-2, R-BAL-2).
#[allow(clippy::too_many_arguments)]
pub(crate) fn issue_invoice(
    tx: &mut dyn StoreTx,
    settings: &Settings,
    customer: &mut Customer,
    lines: Vec<InvoiceLine>,
    discount: PercentHundredths,
    at: DateTime<Utc>,
    session_id: Option<Uuid>,
    subscription_id: Option<Uuid>,
) -> Result<Invoice> {
    let issue_date = business_date(at, settings.time_zone);
    let amount = Piastres::sum_of("amount", lines.iter().map(|l| l.amount))?;
    // A computed amount obeys the input limit too (R-MONEY-2), so every balance and report sum
    // stays far inside integer piastres.
    if amount >= Piastres::LIMIT {
        return Err(Error::validation(
            "amount",
            format!(
                "the invoice would come to {amount}, at or above 1,000,000,000; end the session at an earlier instant",
            ),
        ));
    }
    let zero = Piastres::ZERO.to_decimal();
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
        amount: amount.to_decimal(),
        discount: zero,
        discount_amount: zero,
        total: zero,
        vat_rate: settings.vat_percent,
        prices_include_vat: settings.prices_include_vat,
        net_amount: zero,
        vat_amount: zero,
        paid_amount: zero,
        status: InvoiceStatus::Unpaid,
        paid_date: None,
        line_items: lines,
        payments: Vec::new(),
        refunded_amount: zero,
        written_off_amount: zero,
        correction: None,
        credit_notes: Vec::new(),
        footprint: String::new(),
    };
    settle(&mut invoice, discount, at, settings)?;
    invoice.footprint = record(
        tx,
        TrailKind::Invoice,
        invoice.id,
        &invoice_text(&invoice),
        at,
    )?;
    tx.insert_invoice(&invoice)?;
    let total = Piastres::from_decimal("total", invoice.total)?;
    post(
        tx,
        customer,
        LedgerKind::Invoice,
        total.checked_neg()?,
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
    pub(super) amount: Piastres,
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
/// Who pays when, under which settings: what [`pay`] needs besides the invoice and customer.
pub(super) struct Paying<'a> {
    pub settings: &'a Settings,
    pub operator: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// Records `payment` on `invoice`, moving `customer`'s (the invoice's customer, as last
/// written) balance or credit with it.
pub(super) fn pay(
    tx: &mut dyn StoreTx,
    paying: &Paying<'_>,
    invoice: &mut Invoice,
    customer: &mut Customer,
    payment: &ValidPayment,
) -> Result<()> {
    let Paying {
        settings,
        operator,
        at,
    } = *paying;
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
    let due = due(invoice)?;
    if paid > due {
        return Err(Error::Overpayment {
            invoice: invoice.invoice_number.clone(),
            due: due.to_decimal(),
            amount: paid.to_decimal(),
            limit: "due",
        });
    }
    let credit = Piastres::from_decimal("credit", customer.credit)?;
    if method == PaymentMethod::Balance && credit < paid {
        return Err(Error::InsufficientCredit {
            available: customer.credit,
            amount: paid.to_decimal(),
        });
    }
    let record = Payment {
        id: new_id(),
        invoice_id: invoice.id,
        amount: paid.to_decimal(),
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
    invoice.paid_amount = Piastres::from_decimal("paid_amount", invoice.paid_amount)?
        .checked_add(paid)?
        .to_decimal();
    let discount = parse_percent("discount", invoice.discount)?;
    settle(invoice, discount, at, settings)?;
    tx.update_invoice(invoice)?;
    invoice.payments.push(record);
    if method == PaymentMethod::Balance {
        customer.credit = credit.checked_sub(paid)?.to_decimal();
        tx.update_customer(customer)?;
    } else {
        post(
            tx,
            customer,
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
            .arg("discount", discount.to_string());
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
            let before = Piastres::from_decimal("total", invoice.total)?;
            settle(&mut invoice, discount, at, &settings)?;
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
            let change = before.checked_sub(Piastres::from_decimal("total", invoice.total)?)?;
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
            .arg("amount", payment.amount.to_string())
            .arg("method", payment.method.as_str());
        self.write(op, |tx, at| {
            let mut invoice = found(tx.invoice(invoice_id)?, "invoice", invoice_id)?;
            let settings = tx.settings()?;
            let mut customer = found(
                tx.customer(invoice.customer_id)?,
                "customer",
                invoice.customer_id,
            )?;
            let paying = Paying {
                settings: &settings,
                operator: self.operator,
                at,
            };
            pay(tx, &paying, &mut invoice, &mut customer, &payment)?;
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
            .arg("amount", piastres.to_string())
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
            customer.credit = Piastres::from_decimal("credit", customer.credit)?
                .checked_add(piastres)?
                .to_decimal();
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
            let mut running = Piastres::ZERO;
            tx.ledger(customer_id)?
                .into_iter()
                .map(|entry| {
                    running =
                        running.checked_add(Piastres::from_decimal("amount", entry.amount)?)?;
                    Ok(StatementLine {
                        entry,
                        balance: running.to_decimal(),
                    })
                })
                .collect()
        })
    }
}
