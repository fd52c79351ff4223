//! The exception hierarchy (R-ERR-1, R-ERR-2) and the one mapping from [`bc::Error`] to `PyErr`.
//!
//! ```text
//! BackspaceError(Exception)
//! ├── ValidationError(BackspaceError, ValueError)   .field .reason
//! ├── NotFoundError(BackspaceError, LookupError)    .entity .id
//! ├── ConflictError
//! ├── InsufficientStockError                        .item .available .requested
//! ├── InvalidStateError
//! ├── PaymentError                                  .invoice .due .amount .available
//! ├── ForbiddenError(BackspaceError, PermissionError) .operator .permission
//! └── StorageError                                  .retryable
//! ```
//! Every instance also has `.kind` (`validation`, `not_found`, …). Messages are the Rust
//! error's `Display` text.

use backspace as bc;
use pyo3::exceptions::{PyException, PyLookupError, PyPermissionError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

pyo3::create_exception!(
    backspace,
    BackspaceError,
    PyException,
    "Base class of every error raised by Backspace."
);
pyo3::create_exception!(
    backspace,
    ConflictError,
    BackspaceError,
    "The request clashes with current state: busy seat, active session, duplicate phone, history."
);
pyo3::create_exception!(
    backspace,
    InsufficientStockError,
    BackspaceError,
    "Stock does not cover the request; `.available` says how many units are in stock."
);
pyo3::create_exception!(
    backspace,
    InvalidStateError,
    BackspaceError,
    "The entity is in the wrong state: session not active, invoice already paid, …"
);
pyo3::create_exception!(
    backspace,
    PaymentError,
    BackspaceError,
    "A payment above what is due (overpayment) or above the customer's credit."
);
pyo3::create_exception!(
    backspace,
    StorageError,
    BackspaceError,
    "The store failed (disk, lock, corrupt or newer file), or the desk was closed."
);

static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static NOT_FOUND_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static FORBIDDEN_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `ForbiddenError`: staff rules refuse the call (also a `PermissionError`).
pub fn forbidden_error(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    FORBIDDEN_ERROR
        .get_or_try_init(py, || {
            derived_type(
                py,
                "ForbiddenError",
                py.get_type::<PyPermissionError>(),
                "Staff rules refuse the call (also a PermissionError): no one signed in, a wrong or locked PIN, a deactivated operator, or a role without the permission; `.operator` and `.permission` say which.",
            )
        })
        .map(|t| t.bind(py))
}

/// `type(name, (BackspaceError, second), {...})`: an error that is also a built-in kind.
fn derived_type<'py>(
    py: Python<'py>,
    name: &str,
    second: Bound<'py, PyType>,
    doc: &str,
) -> PyResult<Py<PyType>> {
    let bases = PyTuple::new(py, [py.get_type::<BackspaceError>(), second])?;
    let dict = PyDict::new(py);
    dict.set_item("__module__", "backspace")?;
    dict.set_item("__doc__", doc)?;
    let ty = py
        .get_type::<PyType>()
        .call1((name, bases, dict))?
        .cast_into::<PyType>()?;
    Ok(ty.unbind())
}

/// `ValidationError`: bad input (also a `ValueError`); `.field` names the argument.
pub fn validation_error(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    VALIDATION_ERROR
        .get_or_try_init(py, || {
            derived_type(
                py,
                "ValidationError",
                py.get_type::<PyValueError>(),
                "Input that breaks a rule (also a ValueError); `.field` names the argument, `.reason` says why.",
            )
        })
        .map(|t| t.bind(py))
}

/// `NotFoundError`: an id, number or phone that names nothing (also a `LookupError`).
pub fn not_found_error(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    NOT_FOUND_ERROR
        .get_or_try_init(py, || {
            derived_type(
                py,
                "NotFoundError",
                py.get_type::<PyLookupError>(),
                "An id, number or phone that names nothing (also a LookupError); `.entity` and `.id` say which.",
            )
        })
        .map(|t| t.bind(py))
}

/// Registers the exception classes on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("BackspaceError", py.get_type::<BackspaceError>())?;
    m.add("ValidationError", validation_error(py)?)?;
    m.add("NotFoundError", not_found_error(py)?)?;
    m.add("ConflictError", py.get_type::<ConflictError>())?;
    m.add(
        "InsufficientStockError",
        py.get_type::<InsufficientStockError>(),
    )?;
    m.add("InvalidStateError", py.get_type::<InvalidStateError>())?;
    m.add("PaymentError", py.get_type::<PaymentError>())?;
    m.add("ForbiddenError", forbidden_error(py)?)?;
    m.add("StorageError", py.get_type::<StorageError>())?;
    Ok(())
}

/// The `.kind` of an error, as Python sees it.
fn kind_name(kind: bc::ErrorKind) -> &'static str {
    match kind {
        bc::ErrorKind::Validation => "validation",
        bc::ErrorKind::NotFound => "not_found",
        bc::ErrorKind::Conflict => "conflict",
        bc::ErrorKind::InsufficientStock => "insufficient_stock",
        bc::ErrorKind::InvalidState => "invalid_state",
        bc::ErrorKind::Overpayment => "overpayment",
        bc::ErrorKind::InsufficientCredit => "insufficient_credit",
        bc::ErrorKind::Forbidden => "forbidden",
        bc::ErrorKind::Storage => "storage",
    }
}

/// An exception of type `ty` with `message` and the given attributes.
fn raise(
    py: Python<'_>,
    ty: Bound<'_, PyType>,
    message: String,
    attrs: Vec<(&str, Bound<'_, PyAny>)>,
) -> PyResult<PyErr> {
    let err = PyErr::from_type(ty, message);
    let value = err.value(py);
    for (name, v) in attrs {
        value.setattr(name, v)?;
    }
    Ok(err)
}

fn build(py: Python<'_>, err: bc::Error) -> PyResult<PyErr> {
    use pyo3::IntoPyObjectExt;
    let message = err.to_string();
    let kind = kind_name(err.kind()).into_bound_py_any(py)?;
    let none = py.None().into_bound(py);
    match err {
        bc::Error::Validation { field, reason } => raise(
            py,
            validation_error(py)?.clone(),
            message,
            vec![
                ("kind", kind),
                ("field", field.into_bound_py_any(py)?),
                ("reason", reason.into_bound_py_any(py)?),
            ],
        ),
        bc::Error::NotFound { entity, id } => raise(
            py,
            not_found_error(py)?.clone(),
            message,
            vec![
                ("kind", kind),
                ("entity", entity.into_bound_py_any(py)?),
                ("id", id.into_bound_py_any(py)?),
            ],
        ),
        bc::Error::Conflict(_) => raise(
            py,
            py.get_type::<ConflictError>(),
            message,
            vec![("kind", kind)],
        ),
        bc::Error::InsufficientStock {
            item,
            available,
            requested,
        } => raise(
            py,
            py.get_type::<InsufficientStockError>(),
            message,
            vec![
                ("kind", kind),
                ("item", item.into_bound_py_any(py)?),
                ("available", available.into_bound_py_any(py)?),
                ("requested", requested.into_bound_py_any(py)?),
            ],
        ),
        bc::Error::InvalidState(_) => raise(
            py,
            py.get_type::<InvalidStateError>(),
            message,
            vec![("kind", kind)],
        ),
        bc::Error::Overpayment {
            invoice,
            due,
            amount,
            ..
        } => raise(
            py,
            py.get_type::<PaymentError>(),
            message,
            vec![
                ("kind", kind),
                ("invoice", invoice.into_bound_py_any(py)?),
                ("due", due.into_bound_py_any(py)?),
                ("amount", amount.into_bound_py_any(py)?),
                ("available", none),
            ],
        ),
        bc::Error::InsufficientCredit { available, amount } => raise(
            py,
            py.get_type::<PaymentError>(),
            message,
            vec![
                ("kind", kind),
                ("invoice", none.clone()),
                ("due", none),
                ("amount", amount.into_bound_py_any(py)?),
                ("available", available.into_bound_py_any(py)?),
            ],
        ),
        bc::Error::Forbidden {
            operator,
            permission,
            ..
        } => raise(
            py,
            forbidden_error(py)?.clone(),
            message,
            vec![
                ("kind", kind),
                ("operator", operator.into_bound_py_any(py)?),
                ("permission", permission.into_bound_py_any(py)?),
            ],
        ),
        bc::Error::Storage { retryable, .. } => raise(
            py,
            py.get_type::<StorageError>(),
            message,
            vec![
                ("kind", kind),
                ("retryable", retryable.into_bound_py_any(py)?),
            ],
        ),
    }
}

/// Maps every [`bc::Error`] variant to its Python exception (the one mapping; R-ERR-2).
pub fn to_py_err(err: bc::Error) -> PyErr {
    Python::attach(|py| build(py, err).unwrap_or_else(|e| e))
}

/// A validation error raised by the binding itself (naive datetime, NaN, bad UUID text, …).
pub fn validation(field: &str, reason: impl Into<String>) -> PyErr {
    to_py_err(bc::Error::validation(field, reason))
}
