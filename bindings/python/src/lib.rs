//! # backspace-python
//!
//! The native module `backspace._native` of the `backspace` Python package (SPEC §1, §14):
//! [`desk::PyBackspace`] exposes every operation of the core with Python types, the entities are
//! frozen classes ([`entities`]), and every core error maps to one exception ([`errors`]).

mod convert;
mod desk;
mod entities;
mod errors;

use pyo3::prelude::*;

/// `backspace._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<desk::PyBackspace>()?;
    entities::register(m)?;
    errors::register(m)?;
    Ok(())
}
