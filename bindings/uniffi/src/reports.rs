//! The core's report rows (§9), derived in `backspace-core`.

pub use backspace_core::{OutstandingInvoice, ResourceUtilization, RevenueDay, TopCustomer};
