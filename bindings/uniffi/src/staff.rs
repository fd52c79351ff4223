//! The core's staff, audit and drawer records (§16), derived in `backspace-core`.

pub use backspace_core::{AuditEntry, DrawerEntry, MethodTotals, Operator, Shift, ShiftReport};
