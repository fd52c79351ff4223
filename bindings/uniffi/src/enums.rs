//! Mirrors of the core's enums (Kotlin `enum class`, Swift `enum`), with `From` both ways.
//! The conversions are exhaustive matches, so a variant added to the core fails to compile here.

use backspace_core as bs;

/// Declares a fieldless uniffi enum mirroring `backspace_core::$core`, and the `From` impls.
macro_rules! mirror_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $($(#[$vm])* $variant),+
        }

        impl From<bs::$name> for $name {
            fn from(v: bs::$name) -> Self {
                match v {
                    $(bs::$name::$variant => $name::$variant),+
                }
            }
        }

        impl From<$name> for bs::$name {
            fn from(v: $name) -> Self {
                match v {
                    $($name::$variant => bs::$name::$variant),+
                }
            }
        }
    };
}

mirror_enum!(
    /// What a customer is, derived from their current subscription (R-CUST-7).
    CustomerType {
        /// No current subscription.
        Visitor,
        /// Holds a current weekly plan.
        Weekly,
        /// Holds a current half-monthly plan.
        HalfMonthly,
        /// Holds a current monthly plan.
        Monthly,
    }
);

mirror_enum!(
    /// A subscription plan: weekly 7 days, half-monthly 15, monthly 30 (R-SUB-1).
    Plan {
        /// 7 days.
        Weekly,
        /// 15 days.
        HalfMonthly,
        /// 30 days.
        Monthly,
    }
);

mirror_enum!(
    /// What a resource is (R-RES-1).
    ResourceType {
        /// A seat in the open space.
        Seat,
        /// A meeting room.
        Room,
        /// A dedicated desk.
        Desk,
    }
);

mirror_enum!(
    /// Café item category (R-INV-1).
    Category {
        /// Tea, coffee, juice…
        Beverage,
        /// Biscuits, chips…
        Snack,
        /// Sandwiches, plates…
        Meal,
    }
);

mirror_enum!(
    /// Why a stock quantity changed (R-INV-6).
    MovementKind {
        /// The quantity the item was created with.
        Initial,
        /// Stock received.
        Restock,
        /// A counted correction, with a reason.
        Adjustment,
        /// Sold to a session.
        Consumption,
        /// A consumption removed from a running session.
        ConsumptionRemoved,
    }
);

mirror_enum!(
    /// The kind of an invoice line (R-INVC-2, R-SUB-2).
    LineKind {
        /// Time on a resource.
        Session,
        /// A café item.
        Consumption,
        /// A subscription plan.
        Subscription,
        /// A late-cancellation or no-show fee (R-BOOK-3).
        ReservationFee,
    }
);

mirror_enum!(
    /// Where a reservation stands (R-BOOK-1..3).
    ReservationStatus {
        /// Booked, waiting for its customer.
        Booked,
        /// The customer came.
        CheckedIn,
        /// Cancelled.
        Cancelled,
        /// Not checked in in time.
        NoShow,
    }
);

mirror_enum!(
    /// Payment status of an invoice (R-INVC-5).
    InvoiceStatus {
        /// Nothing paid.
        Unpaid,
        /// Partly paid.
        Pending,
        /// Fully paid.
        Paid,
        /// Cancelled before anything was paid (R-CORR-1).
        Void,
        /// The unpaid remainder was given up (R-CORR-3).
        WrittenOff,
    }
);

mirror_enum!(
    /// How money was paid (R-INVC-7).
    PaymentMethod {
        /// Cash at the desk.
        Cash,
        /// Card terminal.
        Card,
        /// Bank or wallet transfer.
        Transfer,
        /// From the customer's credit.
        Balance,
    }
);

mirror_enum!(
    /// Why a customer's balance changed (R-BAL-3).
    LedgerKind {
        /// An invoice was issued (negative).
        Invoice,
        /// A cash, card or transfer payment (positive).
        Payment,
        /// Money left with the space as credit (positive).
        Deposit,
        /// A discount changed after issue (positive when it grew).
        Discount,
        /// An invoice was voided (positive).
        Void,
        /// Money refunded as credit (positive).
        Refund,
        /// An unpaid remainder written off (positive).
        WriteOff,
    }
);

mirror_enum!(
    /// How elapsed time is rounded to billing units (R-PRICE-2).
    Rounding {
        /// To the next whole unit (default).
        Up,
        /// To the nearest unit, half a unit rounding up.
        Nearest,
        /// Down to a whole unit.
        Down,
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_value_round_trips() {
        for v in bs::PaymentMethod::ALL {
            assert_eq!(bs::PaymentMethod::from(PaymentMethod::from(*v)), *v);
        }
        for v in bs::MovementKind::ALL {
            assert_eq!(bs::MovementKind::from(MovementKind::from(*v)), *v);
        }
        for v in bs::CustomerType::ALL {
            assert_eq!(bs::CustomerType::from(CustomerType::from(*v)), *v);
        }
    }
}

mirror_enum!(
    /// What an operator may do (R-STAFF-1); each role may do what the ones before it may.
    Role {
        /// Runs the desk.
        Cashier,
        /// A cashier, plus corrections, stock adjustments, resources, items, closing days,
        /// reports, pay-outs and larger discounts.
        Manager,
        /// Everything, including settings and operators.
        Owner,
    }
);

mirror_enum!(
    /// What moved money during a shift (R-SHIFT-2).
    DrawerEntryKind {
        /// A payment on an invoice, any method.
        Payment,
        /// A deposit to a customer's credit.
        Deposit,
        /// A refund paid out.
        Refund,
        /// Cash put into the drawer.
        PayIn,
        /// Cash taken out of the drawer.
        PayOut,
    }
);
