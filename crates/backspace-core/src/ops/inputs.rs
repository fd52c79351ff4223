//! The arguments of operations that have optional parts, as plain structs with builders:
//! `NewCustomer::new("منى", "010 1234 5678").email("mona@example.com")`. Each field is public, so
//! `EndSession { discount: Some(pct) }` and `..Default::default()` work too. Validation happens in
//! the operation, before its transaction (R-ERR-2).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::model::{PaymentMethod, Plan};
use crate::staff::Role;

/// A customer to register (R-CUST-1, R-CUST-3..6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCustomer {
    /// Display name, any script.
    pub name: String,
    /// An Egyptian phone in any accepted form.
    pub phone: String,
    /// Optional email; empty means none.
    pub email: Option<String>,
    /// Optional free notes.
    pub notes: Option<String>,
}

impl NewCustomer {
    /// A customer with a name and a phone.
    pub fn new(name: impl Into<String>, phone: impl Into<String>) -> Self {
        NewCustomer {
            name: name.into(),
            phone: phone.into(),
            email: None,
            notes: None,
        }
    }

    /// With an email.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// With notes.
    pub fn notes(mut self, notes: impl Into<String>) -> Self {
        self.notes = Some(notes.into());
        self
    }
}

/// How a session ends (R-SESS-2, R-INVC-3).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndSession {
    /// Discount percentage 0–100 on the invoice; `None` is no discount.
    pub discount: Option<Decimal>,
}

impl EndSession {
    /// Ends with a discount of `percent` (0–100).
    pub fn with_discount(percent: Decimal) -> Self {
        EndSession {
            discount: Some(percent),
        }
    }
}

/// A payment to record on an invoice (R-INVC-4, R-INVC-7).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewPayment {
    /// Amount, > 0, at most what is due.
    pub amount: Decimal,
    /// Cash, card, transfer or the customer's balance.
    pub method: PaymentMethod,
    /// Optional note (a card slip number, …).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub note: Option<String>,
}

impl NewPayment {
    /// A payment of `amount` by `method`.
    pub fn new(amount: Decimal, method: PaymentMethod) -> Self {
        NewPayment {
            amount,
            method,
            note: None,
        }
    }

    /// Cash at the desk.
    pub fn cash(amount: Decimal) -> Self {
        Self::new(amount, PaymentMethod::Cash)
    }

    /// Card terminal.
    pub fn card(amount: Decimal) -> Self {
        Self::new(amount, PaymentMethod::Card)
    }

    /// From the customer's credit.
    pub fn balance(amount: Decimal) -> Self {
        Self::new(amount, PaymentMethod::Balance)
    }

    /// With a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// Ending a session and paying for it at once (see [`crate::Backspace::checkout`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checkout {
    /// Payments recorded on the new invoice, in order; they may total less than it.
    pub payments: Vec<NewPayment>,
    /// Discount percentage 0–100 on the invoice; `None` is no discount.
    pub discount: Option<Decimal>,
}

impl Checkout {
    /// A checkout with these payments.
    pub fn paying(payments: impl IntoIterator<Item = NewPayment>) -> Self {
        Checkout {
            payments: payments.into_iter().collect(),
            discount: None,
        }
    }

    /// With one more payment.
    pub fn payment(mut self, payment: NewPayment) -> Self {
        self.payments.push(payment);
        self
    }

    /// With a discount of `percent` (0–100).
    pub fn discount(mut self, percent: Decimal) -> Self {
        self.discount = Some(percent);
        self
    }
}

/// A subscription to sell (R-SUB-1, R-SUB-2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscription {
    /// The subscriber.
    pub customer_id: Uuid,
    /// Weekly, half-monthly or monthly.
    pub plan_type: Plan,
    /// First covered business date; default the business date of the operation.
    pub start_date: Option<NaiveDate>,
    /// Price; default the plan's price in settings.
    pub price: Option<Decimal>,
}

impl NewSubscription {
    /// A plan for a customer, starting today at the configured price.
    pub fn new(customer_id: Uuid, plan_type: Plan) -> Self {
        NewSubscription {
            customer_id,
            plan_type,
            start_date: None,
            price: None,
        }
    }

    /// Starting on `date`.
    pub fn start_date(mut self, date: NaiveDate) -> Self {
        self.start_date = Some(date);
        self
    }

    /// At `price` instead of the configured one.
    pub fn price(mut self, price: Decimal) -> Self {
        self.price = Some(price);
        self
    }
}

/// An operator to add (R-STAFF-1). The PIN is hashed at once and never kept.
#[derive(Clone, PartialEq, Eq)]
pub struct NewOperator {
    /// Display name, any script.
    pub name: String,
    /// Cashier, manager or owner.
    pub role: Role,
    /// 4–12 digits.
    pub pin: String,
}

impl NewOperator {
    /// An operator with a name, a role and a PIN.
    pub fn new(name: impl Into<String>, role: Role, pin: impl Into<String>) -> Self {
        NewOperator {
            name: name.into(),
            role,
            pin: pin.into(),
        }
    }
}

impl std::fmt::Debug for NewOperator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewOperator")
            .field("name", &self.name)
            .field("role", &self.role)
            .field("pin", &"****")
            .finish()
    }
}

/// A change to an operator; `None` leaves a field as it is.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct OperatorUpdate {
    /// New name.
    pub name: Option<String>,
    /// New role.
    pub role: Option<Role>,
    /// New PIN (also lifts a lock).
    pub pin: Option<String>,
}

impl std::fmt::Debug for OperatorUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OperatorUpdate")
            .field("name", &self.name)
            .field("role", &self.role)
            .field("pin", &self.pin.as_ref().map(|_| "****"))
            .finish()
    }
}

/// A shift to open (R-SHIFT-1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenShift {
    /// Cash in the drawer at the start, ≥ 0.
    pub opening_float: Decimal,
    /// The drawer; default `main`.
    pub drawer: Option<String>,
}

impl OpenShift {
    /// A shift on the main drawer starting with `opening_float` in it.
    pub fn new(opening_float: Decimal) -> Self {
        OpenShift {
            opening_float,
            drawer: None,
        }
    }

    /// On another drawer.
    pub fn drawer(mut self, drawer: impl Into<String>) -> Self {
        self.drawer = Some(drawer.into());
        self
    }
}

/// A shift to close (R-SHIFT-3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseShift {
    /// Cash counted in the drawer, ≥ 0.
    pub counted_cash: Decimal,
    /// The drawer whose open shift closes; default the shift cash goes to now (the
    /// operator's own, else the main drawer's, else the only open one).
    pub drawer: Option<String>,
}

impl CloseShift {
    /// Closes the current shift with `counted_cash` counted.
    pub fn counted(counted_cash: Decimal) -> Self {
        CloseShift {
            counted_cash,
            drawer: None,
        }
    }

    /// The open shift of another drawer.
    pub fn drawer(mut self, drawer: impl Into<String>) -> Self {
        self.drawer = Some(drawer.into());
        self
    }
}

/// A booking to make (R-BOOK-1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReservation {
    /// Who books.
    pub customer_id: Uuid,
    /// The room, desk or seat.
    pub resource_id: Uuid,
    /// First booked instant.
    pub start: chrono::DateTime<chrono::Utc>,
    /// The instant after the last booked one.
    pub end: chrono::DateTime<chrono::Utc>,
}

impl NewReservation {
    /// `resource_id` for `customer_id` over `[start, end)`.
    pub fn new(
        customer_id: Uuid,
        resource_id: Uuid,
        start: chrono::DateTime<chrono::Utc>,
        end: chrono::DateTime<chrono::Utc>,
    ) -> Self {
        NewReservation {
            customer_id,
            resource_id,
            start,
            end,
        }
    }
}
