//! The entities of the data model. Money fields are `Decimal` of scale 2; instants are UTC;
//! calendar dates are business dates in the space's time zone.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::error::Error;

/// Declares a string-valued enum with `as_str`, `FromStr` (validation error naming `field`) and `ALL`.
macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident, $field:literal { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The lower-case name used in storage and bindings.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                // `pad`, so widths and alignment (`{:<10}`) apply.
                f.pad(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                // `_` and `-` are one ("half_monthly" is "half-monthly", "written-off" is
                // "written_off").
                let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
                $name::ALL.iter().copied().find(|v| v.as_str().replace('_', "-") == wanted).ok_or_else(|| {
                    let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    Error::validation($field, format!("must be one of {}, got {s:?}", names.join(", ")))
                })
            }
        }
    };
}

string_enum!(
    /// What a customer is, derived from their current subscription (R-CUST-7).
    CustomerType, "customer_type" {
        /// No current subscription.
        Visitor = "visitor",
        /// Holds a current weekly plan.
        Weekly = "weekly",
        /// Holds a current half-monthly plan.
        HalfMonthly = "half-monthly",
        /// Holds a current monthly plan.
        Monthly = "monthly",
    }
);

string_enum!(
    /// A subscription plan (R-SUB-1).
    Plan, "plan_type" {
        /// 7 days.
        Weekly = "weekly",
        /// 15 days.
        HalfMonthly = "half-monthly",
        /// 30 days.
        Monthly = "monthly",
    }
);

impl Plan {
    /// Number of business dates the plan covers.
    pub fn days(self) -> u32 {
        match self {
            Plan::Weekly => 7,
            Plan::HalfMonthly => 15,
            Plan::Monthly => 30,
        }
    }

    /// Name shown on invoices.
    pub fn label(self) -> &'static str {
        match self {
            Plan::Weekly => "Weekly",
            Plan::HalfMonthly => "Half-monthly",
            Plan::Monthly => "Monthly",
        }
    }

    /// The customer type a current subscription of this plan gives.
    pub fn customer_type(self) -> CustomerType {
        match self {
            Plan::Weekly => CustomerType::Weekly,
            Plan::HalfMonthly => CustomerType::HalfMonthly,
            Plan::Monthly => CustomerType::Monthly,
        }
    }
}

string_enum!(
    /// What a resource is (R-RES-1).
    ResourceType, "resource_type" {
        /// A seat in the open space.
        Seat = "seat",
        /// A meeting room.
        Room = "room",
        /// A dedicated desk.
        Desk = "desk",
    }
);

string_enum!(
    /// Café item category (R-INV-1).
    Category, "category" {
        /// Tea, coffee, juice…
        Beverage = "beverage",
        /// Biscuits, chips…
        Snack = "snack",
        /// Sandwiches, plates…
        Meal = "meal",
    }
);

string_enum!(
    /// Why a stock quantity changed (R-INV-6).
    MovementKind, "kind" {
        /// The quantity the item was created with.
        Initial = "initial",
        /// Stock received.
        Restock = "restock",
        /// A counted correction, with a reason.
        Adjustment = "adjustment",
        /// Sold to a session.
        Consumption = "consumption",
        /// A consumption removed from a running session.
        ConsumptionRemoved = "consumption-removed",
    }
);

string_enum!(
    /// The kind of an invoice line (R-INVC-2, R-SUB-2).
    LineKind, "kind" {
        /// Time on a resource.
        Session = "session",
        /// A café item.
        Consumption = "consumption",
        /// A subscription plan.
        Subscription = "subscription",
        /// A late-cancellation or no-show fee of a reservation (R-BOOK-3).
        ReservationFee = "reservation_fee",
    }
);

string_enum!(
    /// Payment status of an invoice (R-INVC-5).
    InvoiceStatus, "status" {
        /// Nothing paid.
        Unpaid = "unpaid",
        /// Partly paid.
        Pending = "pending",
        /// Fully paid.
        Paid = "paid",
        /// Cancelled before anything was paid; the number stays taken (R-CORR-1).
        Void = "void",
        /// The unpaid remainder was given up (R-CORR-3).
        WrittenOff = "written_off",
    }
);

string_enum!(
    /// How money was paid (R-INVC-7).
    PaymentMethod, "method" {
        /// Cash at the desk.
        Cash = "cash",
        /// Card terminal.
        Card = "card",
        /// Bank or wallet transfer.
        Transfer = "transfer",
        /// From the customer's credit.
        Balance = "balance",
    }
);

string_enum!(
    /// Why a customer's balance changed (R-BAL-3).
    LedgerKind, "kind" {
        /// An invoice was issued (negative).
        Invoice = "invoice",
        /// A cash, card or transfer payment (positive).
        Payment = "payment",
        /// Money left with the space as credit (positive).
        Deposit = "deposit",
        /// A discount changed after issue (positive when it grew).
        Discount = "discount",
        /// An invoice was voided (positive: its total).
        Void = "void",
        /// Money refunded as credit on the balance (positive).
        Refund = "refund",
        /// An invoice's unpaid remainder was written off (positive).
        WriteOff = "write_off",
    }
);

/// A customer (R-CUST-1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Customer {
    /// UUID v7 (v4 for records written before 0.2).
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

/// A seat, desk or room (R-RES-1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Resource {
    /// UUID v7 (v4 for records written before 0.2).
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

/// A timed session of a customer on a resource (§5).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Session {
    /// UUID v7 (v4 for records written before 0.2).
    pub id: Uuid,
    /// Who.
    pub customer_id: Uuid,
    /// Where.
    pub resource_id: Uuid,
    /// Start instant.
    pub started_at: DateTime<Utc>,
    /// End instant; `None` while active.
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
    /// The reservation it was checked in from (R-BOOK-2), billed at least its minutes.
    pub reservation_id: Option<Uuid>,
}

impl Session {
    /// The session as it stood while it was running: active, with no end or bill.
    pub fn as_running(self) -> Session {
        Session {
            ended_at: None,
            is_active: true,
            duration_minutes: None,
            billed_minutes: None,
            amount: None,
            subscription_id: None,
            invoice_id: None,
            ..self
        }
    }
}

/// What two overlapping sessions share (R-SESS-7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Shared {
    /// The same seat, desk or room.
    Resource,
    /// The same customer.
    Customer,
}

/// Two sessions of one resource or customer whose times overlap: only in files written before
/// R-SESS-7 (see `Backspace::session_overlaps`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SessionOverlap {
    /// The earlier session (by start).
    pub first: Uuid,
    /// The session that starts before `first` ends.
    pub second: Uuid,
    /// Whether they share the resource or the customer.
    pub shared: Shared,
}

/// A café item (R-INV-1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InventoryItem {
    /// UUID v7 (v4 for records written before 0.2).
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Beverage, snack or meal.
    pub category: Category,
    /// Current unit price.
    pub price: Decimal,
    /// Units in stock, never negative.
    pub quantity: i64,
    /// Low stock when quantity ≤ this.
    pub min_stock: i64,
    /// When added.
    pub created_at: DateTime<Utc>,
}

impl InventoryItem {
    /// Low stock: quantity ≤ min_stock (R-INV-7).
    pub fn is_low(&self) -> bool {
        self.quantity <= self.min_stock
    }
}

/// Items consumed during a session (R-INV-2, R-INV-3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InventoryConsumption {
    /// UUID v7 (v4 for records written before 0.2).
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

/// One change of an item's stock (R-INV-6).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StockMovement {
    /// UUID v7 (v4 for records written before 0.2).
    pub id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// Why.
    pub kind: MovementKind,
    /// Signed change of quantity.
    pub delta: i64,
    /// Quantity after the change.
    pub quantity_after: i64,
    /// Staff's reason (adjustments), or the session/consumption it came from.
    pub reason: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

/// A subscription (§7).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Subscription {
    /// UUID v7 (v4 for records written before 0.2).
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

impl Subscription {
    /// Whether `date` is one of the covered dates.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.is_active && self.start_date <= date && date <= self.end_date
    }
}

/// One line of an invoice (R-INVC-2).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InvoiceLine {
    /// Session, consumption or subscription.
    pub kind: LineKind,
    /// Resource name, item name or plan label.
    pub description: String,
    /// Billed minutes, units, or 1.
    pub quantity: i64,
    /// Hourly rate, unit price or plan price.
    pub unit_price: Decimal,
    /// Line amount: quantity × price as priced, before the invoice's discount.
    pub amount: Decimal,
    /// Its net amount after its share of the discount (R-TAX-1).
    pub net: Decimal,
    /// Its VAT after its share of the discount (R-TAX-1).
    pub vat: Decimal,
}

/// A payment on an invoice (R-INVC-7).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Payment {
    /// UUID v7 (v4 for records written before 0.2).
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

/// An invoice with its lines and payments (§9).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Invoice {
    /// UUID v7 (v4 for records written before 0.2).
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
    /// Discount percentage, 0–100 (R-INVC-3).
    pub discount: Decimal,
    /// round(amount × discount / 100).
    pub discount_amount: Decimal,
    /// What the customer owes: amount − discount amount, plus VAT when prices exclude it.
    pub total: Decimal,
    /// The VAT rate it was issued with, in percent (0 before VAT was switched on, R-TAX-1).
    pub vat_rate: Decimal,
    /// Whether its prices included VAT when issued.
    pub prices_include_vat: bool,
    /// Σ of its lines' net amounts.
    pub net_amount: Decimal,
    /// Σ of its lines' VAT.
    pub vat_amount: Decimal,
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
    /// Money given back through credit notes (R-CORR-2); total and paid both fall by it.
    pub refunded_amount: Decimal,
    /// The unpaid remainder given up (R-CORR-3).
    pub written_off_amount: Decimal,
    /// The void or write-off, when there was one.
    pub correction: Option<Correction>,
    /// Credit notes refunding it, in order (R-CORR-2).
    pub credit_notes: Vec<CreditNote>,
    /// SHA-256 footprint of the invoice as last written to the trail (R-CORR-5).
    pub footprint: String,
}

impl Invoice {
    /// What is still due: total − paid − written off; nothing on a void invoice. Refunds lower
    /// the net total and the net paid alike, so they leave it as it is.
    pub fn due(&self) -> Decimal {
        if self.status == InvoiceStatus::Void {
            return Decimal::new(0, 2);
        }
        self.total - self.paid_amount - self.written_off_amount
    }

    /// Still waiting for money: unpaid or partly paid.
    pub fn is_open(&self) -> bool {
        matches!(self.status, InvoiceStatus::Unpaid | InvoiceStatus::Pending)
    }

    /// Overdue: still open and due before `today` (R-INVC-6).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due_date < today
    }
}

/// A void (R-CORR-1) or write-off (R-CORR-3) of an invoice: when, why, and on which business date
/// it is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Correction {
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// Business date it is reported on (R-CORR-6).
    pub date: NaiveDate,
    /// Staff's reason, 1–500 characters.
    pub reason: String,
    /// SHA-256 footprint of the correction in the trail (R-CORR-5).
    pub footprint: String,
}

/// Money given back on an invoice (R-CORR-2): a numbered credit note, never edited.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CreditNote {
    /// UUID v7.
    pub id: Uuid,
    /// `CN-0001`, … (gapless, like invoice numbers).
    pub credit_note_number: String,
    /// The invoice refunded.
    pub invoice_id: Uuid,
    /// Its number.
    pub invoice_number: String,
    /// The customer refunded.
    pub customer_id: Uuid,
    /// Amount given back, > 0.
    pub amount: Decimal,
    /// Cash, card or transfer (paid out), or balance (kept as credit).
    pub method: PaymentMethod,
    /// Staff's reason, 1–500 characters.
    pub reason: String,
    /// When.
    pub issued_at: DateTime<Utc>,
    /// Business date it is reported on.
    pub issue_date: NaiveDate,
    /// SHA-256 footprint in the trail (R-CORR-5).
    pub footprint: String,
}

/// A change of a customer's balance (R-BAL-3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LedgerEntry {
    /// UUID v7 (v4 for records written before 0.2).
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

/// One line of a customer's statement: an entry and the balance after it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StatementLine {
    /// The ledger entry.
    pub entry: LedgerEntry,
    /// Balance after this entry.
    pub balance: Decimal,
}

/// A running session as the front desk sees it (R-REP-3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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

/// What a running session would cost if ended at `at` (R-SESS-6).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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

/// Which invoices `list_invoices` returns; every field narrows the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InvoiceFilter {
    /// Only this customer's.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub customer_id: Option<Uuid>,
    /// Only with this status.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub status: Option<InvoiceStatus>,
    /// Issued on or after this business date.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub from: Option<NaiveDate>,
    /// Issued on or before this business date.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub to: Option<NaiveDate>,
}

impl InvoiceFilter {
    /// Whether `invoice` passes the filter.
    pub fn matches(&self, invoice: &Invoice) -> bool {
        self.customer_id.is_none_or(|c| c == invoice.customer_id)
            && self.status.is_none_or(|s| s == invoice.status)
            && self.from.is_none_or(|d| invoice.issue_date >= d)
            && self.to.is_none_or(|d| invoice.issue_date <= d)
    }
}

/// Changes to a customer; `None` leaves a field as it is, an empty email or notes clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerUpdate {
    /// New name.
    pub name: Option<String>,
    /// New phone, any accepted form.
    pub phone: Option<String>,
    /// New email; empty clears.
    pub email: Option<String>,
    /// New notes; empty clears.
    pub notes: Option<String>,
}

/// Changes to a resource; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceUpdate {
    /// New name.
    pub name: Option<String>,
    /// New type.
    pub resource_type: Option<ResourceType>,
    /// New hourly rate, for sessions started afterwards (R-RES-3).
    pub rate_per_hour: Option<Decimal>,
}

/// Changes to an item; `None` leaves a field as it is. Quantity changes through restock and adjustments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemUpdate {
    /// New name.
    pub name: Option<String>,
    /// New category.
    pub category: Option<Category>,
    /// New price, for consumptions from now on (R-INV-3).
    pub price: Option<Decimal>,
    /// New low-stock threshold.
    pub min_stock: Option<i64>,
}

/// A new record id: UUID v7 (R-CUST-1), time-ordered so that new rows land at the end of every
/// index. Ids written before 0.2 (UUID v4) stay as they are; nothing depends on an id's version.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}
