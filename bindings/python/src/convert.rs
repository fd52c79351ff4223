//! Python values in: `decimal.Decimal`/`int` money (never `float`), aware `datetime` instants,
//! `datetime.date` business dates, `uuid.UUID` (or text) ids, lower-case enum names.

use std::str::FromStr;

use backspace as bc;
use bc::chrono::{DateTime, NaiveDate, Utc};
use bc::{Decimal, Uuid};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyFloat, PyInt, PyString, PyType};

use crate::errors::validation;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static UUID: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

/// Money (or a percentage): `decimal.Decimal` or `int`. A `float` is a `TypeError`: floats
/// never touch money (R-MONEY-1). NaN and infinities are validation errors.
pub fn money(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    let py = obj.py();
    if obj.is_instance_of::<PyFloat>() {
        return Err(PyTypeError::new_err(format!(
            "{field} must be a decimal.Decimal or an int, not float ({}): floats never touch money; \
             write Decimal(\"{}\")",
            obj.repr()?,
            obj.str()?
        )));
    }
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{field} must be a decimal.Decimal or an int, not bool"
        )));
    }
    if obj.is_instance_of::<PyInt>() {
        return match obj.extract::<i64>() {
            Ok(v) => Ok(Decimal::from(v)),
            Err(_) => Err(validation(
                field,
                format!("must be below 1,000,000,000, got {}", obj.str()?),
            )),
        };
    }
    let decimal = DECIMAL.import(py, "decimal", "Decimal")?;
    if obj.is_instance(decimal)? {
        if !obj.call_method0("is_finite")?.is_truthy()? {
            return Err(validation(
                field,
                format!("must be a finite amount, got {}", obj.str()?),
            ));
        }
        let text = obj.str()?.to_string();
        // Checked exactly as given: a value with more than 28 decimals would be rounded by the
        // conversion below (and then pass the two-decimal check), so count its decimals here.
        let tuple = obj.call_method0("as_tuple")?;
        let digits: Vec<u8> = tuple.get_item(1)?.extract()?;
        let exponent: i64 = tuple.get_item(2)?.extract()?;
        let trailing_zeros = digits.iter().rev().take_while(|d| **d == 0).count() as i64;
        if digits.iter().any(|d| *d != 0) && exponent.saturating_add(trailing_zeros) < -2 {
            return Err(validation(
                field,
                format!("must have at most 2 decimal places, got {text}"),
            ));
        }
        return Decimal::from_str(&text)
            .or_else(|_| Decimal::from_scientific(&text))
            .map_err(|_| validation(field, format!("is out of range: {text}")));
    }
    Err(PyTypeError::new_err(format!(
        "{field} must be a decimal.Decimal or an int, not {}",
        type_name(obj)
    )))
}

/// An optional money argument (`None` → `None`).
pub fn opt_money(field: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Decimal>> {
    obj.filter(|o| !o.is_none())
        .map(|o| money(field, o))
        .transpose()
}

/// An instant: an aware `datetime` in any time zone, converted to UTC (R-TIME-1, R-TIME-3).
/// A naive datetime is a validation error.
pub fn instant(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    let py = obj.py();
    if !obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(format!(
            "{field} must be an aware datetime.datetime, not {}",
            type_name(obj)
        )));
    }
    if obj.call_method0("utcoffset")?.is_none() {
        return Err(validation(
            field,
            format!(
                "{} is a naive datetime; give it a time zone (e.g. datetime.now(timezone.utc))",
                obj.str()?
            ),
        ));
    }
    let utc = pyo3::types::PyTzInfo::utc(py)?;
    let in_utc = obj
        .call_method1("astimezone", (utc,))
        .map_err(|e| validation(field, format!("cannot be expressed in UTC: {e}")))?;
    in_utc.extract::<DateTime<Utc>>()
}

/// The optional `at` of an operation (`None` → now, read inside the transaction).
pub fn opt_instant(field: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DateTime<Utc>>> {
    obj.filter(|o| !o.is_none())
        .map(|o| instant(field, o))
        .transpose()
}

/// A business date: a `datetime.date` (a `datetime` is refused, pass `.date()`).
pub fn date(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if obj.is_instance_of::<PyDateTime>() || !obj.is_instance_of::<PyDate>() {
        return Err(PyTypeError::new_err(format!(
            "{field} must be a datetime.date (a business date), not {}",
            type_name(obj)
        )));
    }
    obj.extract::<NaiveDate>()
}

/// An optional business date.
pub fn opt_date(field: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<NaiveDate>> {
    obj.filter(|o| !o.is_none())
        .map(|o| date(field, o))
        .transpose()
}

/// An id: a `uuid.UUID`, or its text.
pub fn id(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<Uuid> {
    let py = obj.py();
    let uuid = UUID.import(py, "uuid", "UUID")?;
    if obj.is_instance(uuid)? {
        return obj.extract::<Uuid>();
    }
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text
            .to_cow()
            .map_err(|_| validation(field, "is not valid Unicode text (a lone surrogate)"))?;
        return Uuid::parse_str(text.trim())
            .map_err(|_| validation(field, format!("{text:?} is not a UUID")));
    }
    Err(PyTypeError::new_err(format!(
        "{field} must be a uuid.UUID or a str, not {}",
        type_name(obj)
    )))
}

/// An optional id.
pub fn opt_id(field: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Uuid>> {
    obj.filter(|o| !o.is_none())
        .map(|o| id(field, o))
        .transpose()
}

/// A lower-case enum name (`"seat"`, `"weekly"`, `"cash"`, …); unknown names are validation errors.
pub fn parse<T: FromStr<Err = bc::Error>>(text: impl AsRef<str>) -> PyResult<T> {
    text.as_ref().parse::<T>().map_err(crate::errors::to_py_err)
}

/// An optional enum name.
pub fn opt_parse<T: FromStr<Err = bc::Error>>(
    text: Option<impl AsRef<str>>,
) -> PyResult<Option<T>> {
    text.map(parse::<T>).transpose()
}

/// A count that the core keeps as `u32` (minutes, days): out of range is a validation error.
pub fn opt_u32(field: &str, v: Option<i64>) -> PyResult<Option<u32>> {
    v.map(|n| {
        u32::try_from(n)
            .map_err(|_| validation(field, format!("must be a whole number from 0 up, got {n}")))
    })
    .transpose()
}

/// A text argument. A `str` holding a lone surrogate (not valid Unicode, so not storable) is a
/// validation error naming the field; anything but a `str` is a `TypeError`.
pub fn text(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = obj.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("{field} must be a str, not {}", type_name(obj)))
    })?;
    s.to_cow().map(|c| c.into_owned()).map_err(|_| {
        validation(
            field,
            "is not valid Unicode text (it holds a lone surrogate such as \\ud800)",
        )
    })
}

/// An optional text argument (`None` → `None`).
pub fn opt_text(field: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    obj.filter(|o| !o.is_none())
        .map(|o| text(field, o))
        .transpose()
}

/// A whole number (a count, a quantity, a delta, minutes). An `int` beyond 64 bits is a
/// validation error naming the field, like any out-of-range count; a `bool` or anything but an
/// `int` is a `TypeError`.
pub fn count(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<i64> {
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "{field} must be an int, not {}",
            type_name(obj)
        )));
    }
    obj.extract::<i64>().map_err(|_| {
        validation(
            field,
            format!(
                "is out of range: {}",
                obj.str().map(|s| s.to_string()).unwrap_or_default()
            ),
        )
    })
}

/// An optional whole number (`None` → `None`).
pub fn opt_count(field: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    obj.filter(|o| !o.is_none())
        .map(|o| count(field, o))
        .transpose()
}
