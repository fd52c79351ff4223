//! Mirrors of the core's entities (Kotlin `data class`, Swift `struct`), converted from the core's
//! structs. Each `From` destructures the core struct whole, so a field added there fails to compile here.

use backspace_core as bs;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::enums::*;

/// Converts every element.
pub(crate) fn list<T, U: From<T>>(v: Vec<T>) -> Vec<U> {
    v.into_iter().map(U::from).collect()
}

/// A customer (R-CUST-1).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Customer {
    /// UUID v4.
    pub id: Uuid,
    /// `C-001`, `C-002`, … (R-CUST-2).
    pub human_id: String,
    /// Display name, any script.
    pub name: String,
    /// E.164 (`+201012345678`).
    pub phone: String,
    /// Optional email, domain lower-cased.
    pub email: Option<String>,
    /// Derived from the current subscription (R-CUST-7).
    pub customer_type: CustomerType,
    /// Credit − outstanding; negative means the customer owes (R-BAL-1).
    pub balance: Decimal,
    /// Money held for the customer: deposits − `balance` payments.
    pub credit: Decimal,
    /// Free notes.
    pub notes: Option<String>,
    /// When registered.
    pub created_at: DateTime<Utc>,
}

impl From<bs::Customer> for Customer {
    fn from(c: bs::Customer) -> Self {
        let bs::Customer {
            id,
            human_id,
            name,
            phone,
            email,
            customer_type,
            balance,
            credit,
            notes,
            created_at,
        } = c;
        Customer {
            id,
            human_id,
            name,
            phone,
            email,
            customer_type: customer_type.into(),
            balance,
            credit,
            notes,
            created_at,
        }
    }
}

/// A seat, desk or room (R-RES-1).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Resource {
    /// UUID v4.
    pub id: Uuid,
    /// Display name, unique per space.
    pub name: String,
    /// Seat, room or desk.
    pub resource_type: ResourceType,
    /// Hourly rate for sessions started from now on.
    pub rate_per_hour: Decimal,
    /// False while a session runs on it or while it is out of service (R-RES-2).
    pub is_available: bool,
    /// Set out of service by staff; it stays unavailable after a running session ends.
    pub out_of_service: bool,
    /// When added.
    pub created_at: DateTime<Utc>,
}

impl From<bs::Resource> for Resource {
    fn from(r: bs::Resource) -> Self {
        let bs::Resource {
            id,
            name,
            resource_type,
            rate_per_hour,
            is_available,
            out_of_service,
            created_at,
        } = r;
        Resource {
            id,
            name,
            resource_type: resource_type.into(),
            rate_per_hour,
            is_available,
            out_of_service,
            created_at,
        }
    }
}

/// A timed session of a customer on a resource (§5).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Session {
    /// UUID v4.
    pub id: Uuid,
    /// Who.
    pub customer_id: Uuid,
    /// Where.
    pub resource_id: Uuid,
    /// Start instant.
    pub started_at: DateTime<Utc>,
    /// End instant; null while active.
    pub ended_at: Option<DateTime<Utc>>,
    /// The resource's rate when the session started (R-SESS-3).
    pub rate_per_hour: Decimal,
    /// True until ended.
    pub is_active: bool,
    /// Whole elapsed minutes, set at end (R-SESS-4).
    pub duration_minutes: Option<i64>,
    /// Billed minutes under the pricing policy, set at end.
    pub billed_minutes: Option<i64>,
    /// The session charge, 0 when covered by a subscription (R-SESS-5), set at end.
    pub amount: Option<Decimal>,
    /// The subscription that covered it, if any (R-SUB-3).
    pub subscription_id: Option<Uuid>,
    /// The invoice issued when it ended.
    pub invoice_id: Option<Uuid>,
    /// The reservation it was checked in from (R-BOOK-2).
    pub reservation_id: Option<Uuid>,
}

impl From<bs::Session> for Session {
    fn from(s: bs::Session) -> Self {
        let bs::Session {
            id,
            customer_id,
            resource_id,
            started_at,
            ended_at,
            rate_per_hour,
            is_active,
            duration_minutes,
            billed_minutes,
            amount,
            subscription_id,
            invoice_id,
            reservation_id,
        } = s;
        Session {
            id,
            customer_id,
            resource_id,
            started_at,
            ended_at,
            rate_per_hour,
            is_active,
            duration_minutes,
            billed_minutes,
            amount,
            subscription_id,
            invoice_id,
            reservation_id,
        }
    }
}

/// A café item (R-INV-1).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InventoryItem {
    /// UUID v4.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Beverage, snack or meal.
    pub category: Category,
    /// Current unit price.
    pub price: Decimal,
    /// Units in stock, never negative.
    pub quantity: i64,
    /// Low stock when quantity ≤ this (R-INV-7).
    pub min_stock: i64,
    /// When added.
    pub created_at: DateTime<Utc>,
}

impl From<bs::InventoryItem> for InventoryItem {
    fn from(i: bs::InventoryItem) -> Self {
        let bs::InventoryItem {
            id,
            name,
            category,
            price,
            quantity,
            min_stock,
            created_at,
        } = i;
        InventoryItem {
            id,
            name,
            category: category.into(),
            price,
            quantity,
            min_stock,
            created_at,
        }
    }
}

/// Items consumed during a session (R-INV-2, R-INV-3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InventoryConsumption {
    /// UUID v4.
    pub id: Uuid,
    /// The session that consumed it.
    pub session_id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// The item's name at that moment (for the invoice line).
    pub item_name: String,
    /// Units, ≥ 1.
    pub quantity: i64,
    /// The unit price at that moment.
    pub price_at_consumption: Decimal,
    /// When consumed.
    pub consumed_at: DateTime<Utc>,
}

impl From<bs::InventoryConsumption> for InventoryConsumption {
    fn from(c: bs::InventoryConsumption) -> Self {
        let bs::InventoryConsumption {
            id,
            session_id,
            item_id,
            item_name,
            quantity,
            price_at_consumption,
            consumed_at,
        } = c;
        InventoryConsumption {
            id,
            session_id,
            item_id,
            item_name,
            quantity,
            price_at_consumption,
            consumed_at,
        }
    }
}

/// One change of an item's stock (R-INV-6).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StockMovement {
    /// UUID v4.
    pub id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// Why.
    pub kind: MovementKind,
    /// Signed change of quantity.
    pub delta: i64,
    /// Quantity after the change.
    pub quantity_after: i64,
    /// Staff's reason (adjustments), or the session it came from.
    pub reason: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

impl From<bs::StockMovement> for StockMovement {
    fn from(m: bs::StockMovement) -> Self {
        let bs::StockMovement {
            id,
            item_id,
            kind,
            delta,
            quantity_after,
            reason,
            at,
        } = m;
        StockMovement {
            id,
            item_id,
            kind: kind.into(),
            delta,
            quantity_after,
            reason,
            at,
        }
    }
}

/// A subscription (§7).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Subscription {
    /// UUID v4.
    pub id: Uuid,
    /// Subscriber.
    pub customer_id: Uuid,
    /// Plan (the data model's `planType`).
    pub plan_type: Plan,
    /// First covered business date.
    pub start_date: NaiveDate,
    /// Last covered business date (inclusive).
    pub end_date: NaiveDate,
    /// Price invoiced.
    pub price: Decimal,
    /// False once cancelled or expired.
    pub is_active: bool,
    /// The invoice issued for it.
    pub invoice_id: Uuid,
    /// When subscribed.
    pub created_at: DateTime<Utc>,
}

impl From<bs::Subscription> for Subscription {
    fn from(s: bs::Subscription) -> Self {
        let bs::Subscription {
            id,
            customer_id,
            plan_type,
            start_date,
            end_date,
            price,
            is_active,
            invoice_id,
            created_at,
        } = s;
        Subscription {
            id,
            customer_id,
            plan_type: plan_type.into(),
            start_date,
            end_date,
            price,
            is_active,
            invoice_id,
            created_at,
        }
    }
}

/// One line of an invoice (R-INVC-2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InvoiceLine {
    /// Session, consumption or subscription.
    pub kind: LineKind,
    /// Resource name, item name or plan label.
    pub description: String,
    /// Billed minutes, units, or 1.
    pub quantity: i64,
    /// Hourly rate, unit price or plan price.
    pub unit_price: Decimal,
    /// Line amount, before the invoice's discount.
    pub amount: Decimal,
    /// Net after its share of the discount (R-TAX-1).
    pub net: Decimal,
    /// VAT after its share of the discount.
    pub vat: Decimal,
}

impl From<bs::InvoiceLine> for InvoiceLine {
    fn from(l: bs::InvoiceLine) -> Self {
        let bs::InvoiceLine {
            kind,
            description,
            quantity,
            unit_price,
            amount,
            net,
            vat,
        } = l;
        InvoiceLine {
            kind: kind.into(),
            description,
            quantity,
            unit_price,
            amount,
            net,
            vat,
        }
    }
}

/// A payment on an invoice (R-INVC-7).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Payment {
    /// UUID v4.
    pub id: Uuid,
    /// The invoice paid.
    pub invoice_id: Uuid,
    /// Amount, > 0.
    pub amount: Decimal,
    /// How.
    pub method: PaymentMethod,
    /// When.
    pub paid_at: DateTime<Utc>,
    /// Optional note (receipt number, …).
    pub note: Option<String>,
}

impl From<bs::Payment> for Payment {
    fn from(p: bs::Payment) -> Self {
        let bs::Payment {
            id,
            invoice_id,
            amount,
            method,
            paid_at,
            note,
        } = p;
        Payment {
            id,
            invoice_id,
            amount,
            method: method.into(),
            paid_at,
            note,
        }
    }
}

/// An invoice with its lines and payments (§9).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Invoice {
    /// UUID v4.
    pub id: Uuid,
    /// `INV-0001`, … (R-INVC-1).
    pub invoice_number: String,
    /// Billed customer.
    pub customer_id: Uuid,
    /// The session it bills, if any.
    pub session_id: Option<Uuid>,
    /// The subscription it bills, if any.
    pub subscription_id: Option<Uuid>,
    /// Issue instant.
    pub issued_at: DateTime<Utc>,
    /// Business date of issue.
    pub issue_date: NaiveDate,
    /// Issue date + `invoice_due_days`.
    pub due_date: NaiveDate,
    /// Sum of lines.
    pub amount: Decimal,
    /// Discount percentage, 0–100.
    pub discount: Decimal,
    /// round(amount × discount / 100).
    pub discount_amount: Decimal,
    /// amount − discount amount.
    pub total: Decimal,
    /// Sum of payments, ≤ total.
    pub paid_amount: Decimal,
    /// Unpaid, pending or paid.
    pub status: InvoiceStatus,
    /// Business date of the payment that completed it.
    pub paid_date: Option<NaiveDate>,
    /// Lines, in order.
    pub line_items: Vec<InvoiceLine>,
    /// Payments, in order.
    pub payments: Vec<Payment>,
    /// Refunded through credit notes (R-CORR-2).
    pub refunded_amount: Decimal,
    /// Written off (R-CORR-3).
    pub written_off_amount: Decimal,
    /// Its void or write-off.
    pub correction: Option<Correction>,
    /// Its credit notes.
    pub credit_notes: Vec<CreditNote>,
    /// SHA-256 footprint in the trail (R-CORR-5).
    pub footprint: String,
    /// The VAT rate it was issued with (R-TAX-1).
    pub vat_rate: Decimal,
    /// Whether its prices included VAT.
    pub prices_include_vat: bool,
    /// Σ of its lines' net amounts.
    pub net_amount: Decimal,
    /// Σ of its lines' VAT.
    pub vat_amount: Decimal,
}

/// A payment to record at checkout (R-INVC-7).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NewPayment {
    /// Amount, > 0.
    pub amount: Decimal,
    /// Cash, card, transfer or the customer's balance.
    pub method: PaymentMethod,
    /// Optional note.
    #[uniffi(default = None)]
    pub note: Option<String>,
}

impl From<NewPayment> for bs::NewPayment {
    fn from(p: NewPayment) -> Self {
        let NewPayment {
            amount,
            method,
            note,
        } = p;
        bs::NewPayment {
            amount,
            method: method.into(),
            note,
        }
    }
}

/// A void or write-off of an invoice (R-CORR-1, R-CORR-3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Correction {
    /// When.
    pub at: DateTime<Utc>,
    /// Business date it is reported on.
    pub date: NaiveDate,
    /// Why.
    pub reason: String,
    /// Footprint in the trail.
    pub footprint: String,
}

impl From<bs::Correction> for Correction {
    fn from(c: bs::Correction) -> Self {
        let bs::Correction {
            at,
            date,
            reason,
            footprint,
        } = c;
        Correction {
            at,
            date,
            reason,
            footprint,
        }
    }
}

/// Money given back on an invoice (R-CORR-2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CreditNote {
    /// UUID v7.
    pub id: Uuid,
    /// `CN-0001`, …
    pub credit_note_number: String,
    /// The invoice refunded.
    pub invoice_id: Uuid,
    /// Its number.
    pub invoice_number: String,
    /// The customer.
    pub customer_id: Uuid,
    /// Amount.
    pub amount: Decimal,
    /// Paid out in cash, card or transfer, or kept as credit.
    pub method: PaymentMethod,
    /// Why.
    pub reason: String,
    /// When.
    pub issued_at: DateTime<Utc>,
    /// Business date.
    pub issue_date: NaiveDate,
    /// Footprint in the trail.
    pub footprint: String,
}

impl From<bs::CreditNote> for CreditNote {
    fn from(c: bs::CreditNote) -> Self {
        let bs::CreditNote {
            id,
            credit_note_number,
            invoice_id,
            invoice_number,
            customer_id,
            amount,
            method,
            reason,
            issued_at,
            issue_date,
            footprint,
        } = c;
        CreditNote {
            id,
            credit_note_number,
            invoice_id,
            invoice_number,
            customer_id,
            amount,
            method: method.into(),
            reason,
            issued_at,
            issue_date,
            footprint,
        }
    }
}

impl From<bs::Invoice> for Invoice {
    fn from(i: bs::Invoice) -> Self {
        let bs::Invoice {
            id,
            invoice_number,
            customer_id,
            session_id,
            subscription_id,
            issued_at,
            issue_date,
            due_date,
            amount,
            discount,
            discount_amount,
            total,
            paid_amount,
            status,
            paid_date,
            line_items,
            payments,
            refunded_amount,
            written_off_amount,
            correction,
            credit_notes,
            footprint,
            vat_rate,
            prices_include_vat,
            net_amount,
            vat_amount,
        } = i;
        Invoice {
            id,
            invoice_number,
            customer_id,
            session_id,
            subscription_id,
            issued_at,
            issue_date,
            due_date,
            amount,
            discount,
            discount_amount,
            total,
            paid_amount,
            status: status.into(),
            paid_date,
            line_items: list(line_items),
            payments: list(payments),
            refunded_amount,
            written_off_amount,
            correction: correction.map(Into::into),
            credit_notes: list(credit_notes),
            footprint,
            vat_rate,
            prices_include_vat,
            net_amount,
            vat_amount,
        }
    }
}

/// A change of a customer's balance (R-BAL-3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LedgerEntry {
    /// UUID v4.
    pub id: Uuid,
    /// Whose balance.
    pub customer_id: Uuid,
    /// Why.
    pub kind: LedgerKind,
    /// Signed change of balance.
    pub amount: Decimal,
    /// Invoice number the entry refers to, or the deposit's method.
    pub reference: String,
    /// When.
    pub at: DateTime<Utc>,
}

impl From<bs::LedgerEntry> for LedgerEntry {
    fn from(e: bs::LedgerEntry) -> Self {
        let bs::LedgerEntry {
            id,
            customer_id,
            kind,
            amount,
            reference,
            at,
        } = e;
        LedgerEntry {
            id,
            customer_id,
            kind: kind.into(),
            amount,
            reference,
            at,
        }
    }
}

/// One line of a customer's statement: an entry and the balance after it (R-BAL-3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StatementLine {
    /// The ledger entry.
    pub entry: LedgerEntry,
    /// Balance after this entry.
    pub balance: Decimal,
}

impl From<bs::StatementLine> for StatementLine {
    fn from(l: bs::StatementLine) -> Self {
        let bs::StatementLine { entry, balance } = l;
        StatementLine {
            entry: entry.into(),
            balance,
        }
    }
}

/// A running session as the front desk sees it (R-REP-3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ActiveSession {
    /// The session.
    pub session: Session,
    /// Customer's name.
    pub customer_name: String,
    /// Resource's name.
    pub resource_name: String,
    /// Whole minutes elapsed so far.
    pub elapsed_minutes: i64,
    /// The session charge if it ended now (0 when covered).
    pub running_charge: Decimal,
}

impl From<bs::ActiveSession> for ActiveSession {
    fn from(a: bs::ActiveSession) -> Self {
        let bs::ActiveSession {
            session,
            customer_name,
            resource_name,
            elapsed_minutes,
            running_charge,
        } = a;
        ActiveSession {
            session: session.into(),
            customer_name,
            resource_name,
            elapsed_minutes,
            running_charge,
        }
    }
}

/// What a running session would cost if ended at `at` (R-SESS-6).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Quote {
    /// The session.
    pub session_id: Uuid,
    /// The instant quoted.
    pub at: DateTime<Utc>,
    /// Whole elapsed minutes.
    pub duration_minutes: i64,
    /// Billed minutes under the pricing policy.
    pub billed_minutes: i64,
    /// The session charge alone (0 when covered).
    pub charge: Decimal,
    /// The subscription that would cover it.
    pub subscription_id: Option<Uuid>,
    /// The lines the invoice would get.
    pub lines: Vec<InvoiceLine>,
    /// Sum of the lines.
    pub amount: Decimal,
}

impl From<bs::Quote> for Quote {
    fn from(q: bs::Quote) -> Self {
        let bs::Quote {
            session_id,
            at,
            duration_minutes,
            billed_minutes,
            charge,
            subscription_id,
            lines,
            amount,
        } = q;
        Quote {
            session_id,
            at,
            duration_minutes,
            billed_minutes,
            charge,
            subscription_id,
            lines: list(lines),
            amount,
        }
    }
}

/// Which invoices `list_invoices` returns; every field given narrows the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct InvoiceFilter {
    /// Only this customer's.
    #[uniffi(default = None)]
    pub customer_id: Option<Uuid>,
    /// Only with this status.
    #[uniffi(default = None)]
    pub status: Option<InvoiceStatus>,
    /// Issued on or after this business date.
    #[uniffi(default = None)]
    pub from: Option<NaiveDate>,
    /// Issued on or before this business date.
    #[uniffi(default = None)]
    pub to: Option<NaiveDate>,
}

impl From<InvoiceFilter> for bs::InvoiceFilter {
    fn from(f: InvoiceFilter) -> Self {
        let InvoiceFilter {
            customer_id,
            status,
            from,
            to,
        } = f;
        bs::InvoiceFilter {
            customer_id,
            status: status.map(Into::into),
            from,
            to,
        }
    }
}

/// A closed day's revenue row, as it stood when the day was closed (R-CORR-4).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ZReport {
    /// The business date closed.
    pub date: NaiveDate,
    /// When it was closed.
    pub closed_at: DateTime<Utc>,
    /// Its revenue row then.
    pub revenue: crate::reports::RevenueDay,
}

impl From<bs::ZReport> for ZReport {
    fn from(z: bs::ZReport) -> Self {
        let bs::ZReport {
            date,
            closed_at,
            revenue,
        } = z;
        ZReport {
            date,
            closed_at,
            revenue: revenue.into(),
        }
    }
}

/// A document whose stored fields, or whose trail entry, no longer match (R-CORR-5).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BrokenDocument {
    /// `invoice`, `credit_note`, `void`, `write_off` or `audit`.
    pub kind: String,
    /// The invoice or credit note number.
    pub number: String,
    /// The trail entry.
    pub seq: u64,
    /// What does not match.
    pub reason: String,
}

/// What `verify_trail` found (R-CORR-5).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TrailReport {
    /// Entries checked.
    pub entries: u64,
    /// Audit log entries checked (R-STAFF-4).
    pub audit_entries: u64,
    /// The first broken document, or null when the trail is intact.
    pub first_broken: Option<BrokenDocument>,
}

impl From<bs::TrailReport> for TrailReport {
    fn from(r: bs::TrailReport) -> Self {
        let bs::TrailReport {
            entries,
            audit_entries,
            first_broken,
        } = r;
        TrailReport {
            entries,
            audit_entries,
            first_broken: first_broken.map(|b| {
                let bs::BrokenDocument {
                    kind,
                    number,
                    seq,
                    reason,
                } = b;
                BrokenDocument {
                    kind: kind.as_str().to_string(),
                    number,
                    seq,
                    reason,
                }
            }),
        }
    }
}

/// Two overlapping sessions of one resource or customer in a file written before R-SESS-7.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SessionOverlap {
    /// The earlier session.
    pub first: Uuid,
    /// The session that starts before it ends.
    pub second: Uuid,
    /// `resource` or `customer`.
    pub shared: String,
}

impl From<bs::SessionOverlap> for SessionOverlap {
    fn from(o: bs::SessionOverlap) -> Self {
        let bs::SessionOverlap {
            first,
            second,
            shared,
        } = o;
        SessionOverlap {
            first,
            second,
            shared: match shared {
                bs::Shared::Resource => "resource",
                bs::Shared::Customer => "customer",
            }
            .to_string(),
        }
    }
}
