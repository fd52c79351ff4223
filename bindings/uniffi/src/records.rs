//! The core's entities as Kotlin `data class`es and Swift `struct`s. They are declared once, in
//! `backspace-core`, and derive their uniffi traits there (feature `uniffi`): a field added to a
//! core entity appears in Kotlin and Swift with its doc comment, with nothing to change here.

pub use backspace_core::{
    ActiveSession, BrokenDocument, Correction, CreditNote, Customer, EReceipt,
    InventoryConsumption, InventoryItem, Invoice, InvoiceFilter, InvoiceLine, LedgerEntry,
    NewPayment, Payment, Quote, Reservation, Resource, Session, SessionOverlap, StatementLine,
    StockMovement, Subscription, TrailReport, ZReport,
};
