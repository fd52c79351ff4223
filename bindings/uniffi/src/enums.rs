//! The core's enums as Kotlin `enum class`es and Swift `enum`s, derived in `backspace-core`.

pub use backspace_core::{
    Category, CustomerType, DrawerEntryKind, InvoiceStatus, LedgerKind, LineKind, MovementKind,
    PaymentMethod, Plan, ReceiptKind, ReservationStatus, ResourceType, Role, Rounding, Shared,
    TrailKind,
};
