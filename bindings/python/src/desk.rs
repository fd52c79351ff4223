//! `backspace.Backspace`: every operation of SPEC §14 as a method, with keyword arguments and
//! `at=None`. One object may be shared between threads: the class is frozen and `Sync`, and
//! each call releases the GIL (`py.detach`) while the store works.

use backspace::{Checkout, EndSession, NewCustomer, NewPayment, NewSubscription};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use backspace as bc;
use bc::SqliteStore;
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::convert::{
    date, id, money, opt_date, opt_id, opt_instant, opt_money, opt_parse, opt_u32, parse,
};
use crate::entities::*;
use crate::errors::{to_py_err, validation};

type Desk = bc::Backspace<bc::AnyStore>;

/// A coworking space's front desk over a SQLite file (or `:memory:`), or over a branch of a
/// chain on PostgreSQL.
#[pyclass(frozen, name = "Backspace", module = "backspace")]
pub struct PyBackspace {
    /// `None` once closed.
    desk: RwLock<Option<Arc<Desk>>>,
    /// Where the store lives, for `repr`.
    location: String,
}

/// Maps a list of core records to their Python classes.
fn list<A, B: From<A>>(v: Vec<A>) -> Vec<B> {
    v.into_iter().map(B::from).collect()
}

/// An argument that may be left out. Its default is `Omitted`, which no Python value turns
/// into: so `None` passed on purpose can mean "clear" while leaving it out changes nothing.
pub enum Given {
    /// The caller left the argument out.
    Omitted,
    /// The value passed, `None` included.
    Value(Py<PyAny>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Given {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Given::Value(obj.to_owned().unbind()))
    }
}

/// A text argument with a default when left out.
fn given_text(py: Python<'_>, field: &str, given: &Given, default: &str) -> PyResult<String> {
    match given {
        Given::Omitted => Ok(default.to_string()),
        Given::Value(v) => text(field, v.bind(py)),
    }
}

/// A whole-number argument with a default when left out.
fn given_count(py: Python<'_>, field: &str, given: &Given, default: i64) -> PyResult<i64> {
    match given {
        Given::Omitted => Ok(default),
        Given::Value(v) => count(field, v.bind(py)),
    }
}

/// An optional money setting: left out → unchanged (`None`); `None` → cleared (`Some(None)`);
/// an amount → set. `backspace.CLEAR` still clears, with a `DeprecationWarning`.
fn clearable_money(
    py: Python<'_>,
    field: &str,
    given: &Given,
) -> PyResult<Option<Option<bc::Decimal>>> {
    let Given::Value(obj) = given else {
        return Ok(None);
    };
    let o = obj.bind(py);
    if o.is_none() {
        return Ok(Some(None));
    }
    if o.is_instance_of::<Clear>() {
        PyErr::warn(
            py,
            &py.get_type::<pyo3::exceptions::PyDeprecationWarning>(),
            c"backspace.CLEAR is deprecated: pass None to clear a setting",
            1,
        )?;
        return Ok(Some(None));
    }
    money(field, o).map(|m| Some(Some(m)))
}

/// The payments of a checkout: a sequence of `(amount, method)` or `(amount, method, note)`.
fn new_payments(obj: &Bound<'_, PyAny>) -> PyResult<Vec<NewPayment>> {
    if obj.is_instance_of::<pyo3::types::PyString>() {
        return Err(validation(
            "payments",
            "must be a sequence of (amount, method) tuples",
        ));
    }
    let items: Vec<Bound<'_, PyAny>> = obj
        .try_iter()
        .map_err(|_| validation("payments", "must be a sequence of (amount, method) tuples"))?
        .collect::<PyResult<_>>()?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let field = format!("payments[{i}]");
            let parts: Vec<Bound<'_, PyAny>> = match item.cast::<pyo3::types::PyTuple>() {
                Ok(t) if (2..=3).contains(&t.len()) => t.iter().collect(),
                _ => {
                    return Err(validation(
                        &field,
                        "must be an (amount, method) or (amount, method, note) tuple",
                    ));
                }
            };
            let amount = money(&format!("{field}.amount"), &parts[0])?;
            let method: String = parts[1]
                .extract()
                .map_err(|_| validation(&format!("{field}.method"), "must be a string"))?;
            let method = parse::<bc::PaymentMethod>(&method)?;
            let note = match parts.get(2) {
                Some(n) if !n.is_none() => Some(
                    n.extract::<String>()
                        .map_err(|_| validation(&format!("{field}.note"), "must be a string"))?,
                ),
                _ => None,
            };
            Ok(NewPayment {
                amount,
                method,
                note,
            })
        })
        .collect()
}

use crate::convert::{count, opt_count, opt_text, text};

/// The seller data from a dict of setting names to text (or `None`); unknown names are refused.
/// The names are the fields of [`bc::SellerSettings`], each listed once below and built into the
/// struct without `..`, so a seller setting added to the core fails to compile here until Python
/// can set it.
fn seller_settings(obj: &Bound<'_, PyAny>) -> PyResult<bc::SellerSettings> {
    macro_rules! seller_settings {
        ($($field:ident),+ $(,)?) => {{
            const NAMES: &[&str] = &[$(stringify!($field)),+];
            let dict = obj
                .cast::<pyo3::types::PyDict>()
                .map_err(|_| validation("seller", "must be a dict of seller settings"))?;
            let mut given: std::collections::HashMap<String, Option<String>> =
                std::collections::HashMap::new();
            for (key, value) in dict.iter() {
                let key = text("seller", &key)?;
                let value = opt_text(
                    &format!("seller.{key}"),
                    Some(&value).filter(|v| !v.is_none()),
                )?;
                if !NAMES.contains(&key.as_str()) {
                    return Err(validation(
                        "seller",
                        format!("{key:?} is not a seller setting"),
                    ));
                }
                given.insert(key, value);
            }
            bc::SellerSettings {
                $($field: given.remove(stringify!($field)).flatten()),+
            }
        }};
    }
    Ok(seller_settings!(
        rin,
        company_trade_name,
        branch_code,
        country,
        governate,
        region_city,
        street,
        building_number,
        device_serial_number,
        activity_code,
        item_type,
        session_item_code,
        consumption_item_code,
        subscription_item_code,
        reservation_fee_item_code,
    ))
}

impl PyBackspace {
    fn new(store: impl Into<bc::AnyStore>, location: String) -> Self {
        PyBackspace {
            desk: RwLock::new(Some(Arc::new(bc::Backspace::new(store.into())))),
            location,
        }
    }

    /// The open desk, or `StorageError("closed")`.
    fn desk(&self) -> PyResult<Arc<Desk>> {
        self.desk
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
            .ok_or_else(|| to_py_err(bc::Error::storage("closed".to_string())))
    }

    /// Runs one operation with the GIL released, mapping its error.
    fn run<T, F>(&self, py: Python<'_>, f: F) -> PyResult<T>
    where
        T: Send,
        F: FnOnce(&Desk) -> bc::Result<T> + Send,
    {
        let desk = self.desk()?;
        py.detach(|| f(&desk)).map_err(to_py_err)
    }
}

#[pymethods]
impl PyBackspace {
    /// Opens (creating if needed) the SQLite file at `path`. `synchronous` is "full" (the
    /// default: every commit survives power loss) or "normal" (faster; the last commits may be
    /// lost on power loss, never corrupted); `busy_timeout_ms` is how long to wait for another
    /// desk's write lock before a `StorageError` (default 5000, at most one hour). Bad options
    /// are a `ValidationError`, and no file is created.
    #[classmethod]
    #[pyo3(
        signature = (path, synchronous=Given::Omitted, busy_timeout_ms=Given::Omitted),
        text_signature = "(path, synchronous='full', busy_timeout_ms=5000)"
    )]
    fn open(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        path: PathBuf,
        synchronous: Given,
        busy_timeout_ms: Given,
    ) -> PyResult<Self> {
        let synchronous = given_text(py, "synchronous", &synchronous, "full")?;
        let synchronous = match synchronous.trim().to_ascii_lowercase().as_str() {
            "full" => bc::Synchronous::Full,
            "normal" => bc::Synchronous::Normal,
            other => {
                return Err(validation(
                    "synchronous",
                    format!("must be \"full\" or \"normal\", got {other:?}"),
                ));
            }
        };
        const HOUR_MS: i64 = 3_600_000;
        let busy_timeout_ms = match &busy_timeout_ms {
            Given::Omitted => 5_000i64.into_pyobject(py)?.into_any(),
            Given::Value(v) => v.bind(py).clone(),
        };
        let busy = match busy_timeout_ms.extract::<i64>() {
            Ok(ms) if busy_timeout_ms.is_instance_of::<pyo3::types::PyBool>() => {
                return Err(validation(
                    "busy_timeout_ms",
                    format!("must be an int, got {ms}"),
                ));
            }
            Ok(ms) if (0..=HOUR_MS).contains(&ms) => ms,
            Ok(ms) => {
                return Err(validation(
                    "busy_timeout_ms",
                    format!("must be between 0 and {HOUR_MS}, got {ms}"),
                ));
            }
            Err(_) => {
                return Err(validation(
                    "busy_timeout_ms",
                    "must be an int number of milliseconds",
                ));
            }
        };
        let options = bc::SqliteOptions {
            synchronous,
            busy_timeout: std::time::Duration::from_millis(busy.unsigned_abs()),
        };
        let location = path.display().to_string();
        let store = py
            .detach(|| SqliteStore::open_with(&path, options))
            .map_err(to_py_err)?;
        Ok(Self::new(store, location))
    }

    /// A fresh desk in memory (`:memory:`), for tests and throwaway desks.
    #[classmethod]
    fn in_memory(_cls: &Bound<'_, PyType>, py: Python<'_>) -> PyResult<Self> {
        let store = py.detach(SqliteStore::in_memory).map_err(to_py_err)?;
        Ok(Self::new(store, ":memory:".to_string()))
    }

    /// Opens branch `branch` (its code, such as "ALX") of the chain whose PostgreSQL database
    /// is at `url` (`postgres://…` or `host=… dbname=…`), creating or upgrading its schema
    /// (R-CHAIN-2). With `branch=None`, the whole chain, read-only: reports, statements and
    /// lists over every branch (R-CHAIN-3). The URL is never shown in `repr` or errors.
    #[classmethod]
    #[pyo3(signature = (url, branch=None))]
    fn open_postgres(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        url: &Bound<'_, PyAny>,
        branch: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let url = text("url", url)?;
        let branch = crate::convert::opt_text("branch", branch)?;
        let store = py
            .detach(|| match &branch {
                Some(code) => bc::PostgresStore::open(&url, code),
                None => bc::PostgresStore::open_chain(&url),
            })
            .map_err(to_py_err)?;
        let location = match &branch {
            Some(code) => format!("postgres branch {code}"),
            None => "postgres chain".to_string(),
        };
        Ok(Self::new(store, location))
    }

    /// Adds a branch to the chain at `url` with its own settings (the defaults, in
    /// `time_zone`, default Africa/Cairo) and numbers (`INV-ALX-0001`; with
    /// `plain_numbers=True`, `INV-0001`). Returns its code. A malformed or taken code is a
    /// `ValidationError` or `ConflictError`.
    #[classmethod]
    #[pyo3(signature = (url, name, code, *, time_zone=None, plain_numbers=false))]
    fn add_branch(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        url: &Bound<'_, PyAny>,
        name: &Bound<'_, PyAny>,
        code: &Bound<'_, PyAny>,
        time_zone: Option<&Bound<'_, PyAny>>,
        plain_numbers: bool,
    ) -> PyResult<String> {
        let url = text("url", url)?;
        let mut new = bc::NewBranch::new(text("name", name)?, text("code", code)?);
        if let Some(tz) = crate::convert::opt_text("time_zone", time_zone)? {
            let tz: bc::chrono_tz::Tz = tz
                .parse()
                .map_err(|_| validation("time_zone", format!("{tz:?} is not an IANA time zone")))?;
            new = new.time_zone(tz);
        }
        if plain_numbers {
            new = new.plain_numbers();
        }
        let branch = py
            .detach(|| bc::Chain::connect(&url)?.add_branch(new))
            .map_err(to_py_err)?;
        Ok(branch.code)
    }

    /// Closes the store; every later call raises `StorageError` ("closed"). Closing twice is fine.
    fn close(&self, py: Python<'_>) {
        let taken = self
            .desk
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        // Dropping the store (closing the connection) may wait for a running call: no GIL held.
        py.detach(move || drop(taken));
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.desk
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .is_none()
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (_exc_type=None, _exc_value=None, _traceback=None))]
    fn __exit__(
        &self,
        py: Python<'_>,
        _exc_type: Option<&Bound<'_, PyAny>>,
        _exc_value: Option<&Bound<'_, PyAny>>,
        _traceback: Option<&Bound<'_, PyAny>>,
    ) -> bool {
        self.close(py);
        false
    }

    fn __repr__(&self) -> String {
        let state = if self.closed() { ", closed" } else { "" };
        format!("Backspace({:?}{state})", self.location)
    }

    // ----- settings -----

    /// The space's settings.
    fn settings(&self, py: Python<'_>) -> PyResult<Settings> {
        self.run(py, |d| d.settings()).map(Into::into)
    }

    /// Changes some settings: an argument left out stays as it is. The optional ones (`daily_cap`
    /// and the plan prices) are removed by passing `None`; `CLEAR` still works but is deprecated.
    #[pyo3(signature = (
        time_zone=None, unit_minutes=None, rounding=None, grace_minutes=None, minimum_minutes=None,
        daily_cap=Given::Omitted, weekly_price=Given::Omitted,
        half_monthly_price=Given::Omitted, monthly_price=Given::Omitted,
        invoice_due_days=None, currency=None, max_cashier_discount=None, require_shift=None,
        opening_hours=Given::Omitted, buffer_minutes=None, max_booking_days=None,
        cancel_notice_hours=None, late_cancel_percent=None, no_show_minutes=None,
        no_show_percent=None, vat_percent=None, prices_include_vat=None, seller=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn update_settings(
        &self,
        py: Python<'_>,
        time_zone: Option<&Bound<'_, PyAny>>,
        unit_minutes: Option<&Bound<'_, PyAny>>,
        rounding: Option<&Bound<'_, PyAny>>,
        grace_minutes: Option<&Bound<'_, PyAny>>,
        minimum_minutes: Option<&Bound<'_, PyAny>>,
        daily_cap: Given,
        weekly_price: Given,
        half_monthly_price: Given,
        monthly_price: Given,
        invoice_due_days: Option<&Bound<'_, PyAny>>,
        currency: Option<&Bound<'_, PyAny>>,
        max_cashier_discount: Option<&Bound<'_, PyAny>>,
        require_shift: Option<&Bound<'_, PyAny>>,
        opening_hours: Given,
        buffer_minutes: Option<&Bound<'_, PyAny>>,
        max_booking_days: Option<&Bound<'_, PyAny>>,
        cancel_notice_hours: Option<&Bound<'_, PyAny>>,
        late_cancel_percent: Option<&Bound<'_, PyAny>>,
        no_show_minutes: Option<&Bound<'_, PyAny>>,
        no_show_percent: Option<&Bound<'_, PyAny>>,
        vat_percent: Option<&Bound<'_, PyAny>>,
        prices_include_vat: Option<&Bound<'_, PyAny>>,
        seller: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Settings> {
        let vat_percent = opt_money("vat_percent", vat_percent)?;
        let prices_include_vat = prices_include_vat
            .map(|v| {
                v.cast::<pyo3::types::PyBool>()
                    .map(|b| b.is_true())
                    .map_err(|_| validation("prices_include_vat", "must be True or False"))
            })
            .transpose()?;
        let seller = seller.map(seller_settings).transpose()?;
        let opening_hours = match &opening_hours {
            Given::Omitted => None,
            Given::Value(v) if v.bind(py).is_none() => Some(None),
            Given::Value(v) => Some(Some(text("opening_hours", v.bind(py))?)),
        };
        let buffer_minutes = opt_u32(
            "buffer_minutes",
            opt_count("buffer_minutes", buffer_minutes)?,
        )?;
        let max_booking_days = opt_u32(
            "max_booking_days",
            opt_count("max_booking_days", max_booking_days)?,
        )?;
        let cancel_notice_hours = opt_u32(
            "cancel_notice_hours",
            opt_count("cancel_notice_hours", cancel_notice_hours)?,
        )?;
        let late_cancel_percent = opt_money("late_cancel_percent", late_cancel_percent)?;
        let no_show_minutes = opt_u32(
            "no_show_minutes",
            opt_count("no_show_minutes", no_show_minutes)?,
        )?;
        let no_show_percent = opt_money("no_show_percent", no_show_percent)?;
        let max_cashier_discount = opt_money("max_cashier_discount", max_cashier_discount)?;
        let require_shift = require_shift
            .map(|v| {
                v.cast::<pyo3::types::PyBool>()
                    .map(|b| b.is_true())
                    .map_err(|_| validation("require_shift", "must be True or False"))
            })
            .transpose()?;
        let time_zone = opt_text("time_zone", time_zone)?;
        let unit_minutes = opt_count("unit_minutes", unit_minutes)?;
        let rounding = opt_text("rounding", rounding)?;
        let grace_minutes = opt_count("grace_minutes", grace_minutes)?;
        let minimum_minutes = opt_count("minimum_minutes", minimum_minutes)?;
        let invoice_due_days = opt_count("invoice_due_days", invoice_due_days)?;
        let currency = opt_text("currency", currency)?;
        let update = bc::SettingsUpdate {
            time_zone,
            unit_minutes: opt_u32("unit_minutes", unit_minutes)?,
            rounding: opt_parse::<bc::Rounding>(rounding)?,
            grace_minutes: opt_u32("grace_minutes", grace_minutes)?,
            minimum_minutes: opt_u32("minimum_minutes", minimum_minutes)?,
            daily_cap: clearable_money(py, "daily_cap", &daily_cap)?,
            weekly_price: clearable_money(py, "weekly_price", &weekly_price)?,
            half_monthly_price: clearable_money(py, "half_monthly_price", &half_monthly_price)?,
            monthly_price: clearable_money(py, "monthly_price", &monthly_price)?,
            invoice_due_days: opt_u32("invoice_due_days", invoice_due_days)?,
            currency,
            max_cashier_discount,
            require_shift,
            opening_hours,
            buffer_minutes,
            max_booking_days,
            cancel_notice_hours,
            late_cancel_percent,
            no_show_minutes,
            no_show_percent,
            vat_percent,
            prices_include_vat,
            seller,
        };
        self.run(py, move |d| d.update_settings(update))
            .map(Into::into)
    }

    // ----- customers -----

    /// Registers a customer (R-CUST-1..6).
    #[pyo3(signature = (name, phone, email=None, notes=None, at=None))]
    fn register_customer(
        &self,
        py: Python<'_>,
        name: &Bound<'_, PyAny>,
        phone: &Bound<'_, PyAny>,
        email: Option<&Bound<'_, PyAny>>,
        notes: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Customer> {
        let name = text("name", name)?;
        let phone = text("phone", phone)?;
        let email = opt_text("email", email)?;
        let notes = opt_text("notes", notes)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| {
            d.at(at).register_customer(NewCustomer {
                name,
                phone,
                email,
                notes,
            })
        })
        .map(Into::into)
    }

    /// A customer by id.
    fn get_customer(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Customer> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.get_customer(id)).map(Into::into)
    }

    /// A customer by `C-001` id or by phone in any accepted form.
    fn find_customer(&self, py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<Customer> {
        let key = text("key", key)?;
        self.run(py, |d| d.find_customer(&key)).map(Into::into)
    }

    /// Customers whose name, phone or `C-…` id matches `text` (R-CUST-8).
    #[pyo3(signature = (text))]
    fn search_customers(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<Customer>> {
        let query = self::text("text", text)?;
        self.run(py, |d| d.search_customers(&query)).map(list)
    }

    /// Every customer, by human id.
    fn list_customers(&self, py: Python<'_>) -> PyResult<Vec<Customer>> {
        self.run(py, |d| d.list_customers()).map(list)
    }

    /// Changes a customer; `None` leaves a field as it is, an empty email or notes clears it.
    #[pyo3(signature = (id, name=None, phone=None, email=None, notes=None))]
    fn update_customer(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        name: Option<&Bound<'_, PyAny>>,
        phone: Option<&Bound<'_, PyAny>>,
        email: Option<&Bound<'_, PyAny>>,
        notes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Customer> {
        let name = opt_text("name", name)?;
        let phone = opt_text("phone", phone)?;
        let email = opt_text("email", email)?;
        let notes = opt_text("notes", notes)?;
        let id = crate::convert::id("id", id)?;
        let update = bc::CustomerUpdate {
            name,
            phone,
            email,
            notes,
        };
        self.run(py, move |d| d.update_customer(id, update))
            .map(Into::into)
    }

    // ----- resources -----

    /// Adds a seat, room or desk (`resource_type`: "seat", "room", "desk").
    #[pyo3(signature = (name, resource_type, rate_per_hour, at=None))]
    fn add_resource(
        &self,
        py: Python<'_>,
        name: &Bound<'_, PyAny>,
        resource_type: &Bound<'_, PyAny>,
        rate_per_hour: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Resource> {
        let name = text("name", name)?;
        let resource_type = text("resource_type", resource_type)?;
        let rate = money("rate_per_hour", rate_per_hour)?;
        let resource_type = parse::<bc::ResourceType>(resource_type)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).add_resource(&name, resource_type, rate))
            .map(Into::into)
    }

    /// A resource by id.
    fn get_resource(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Resource> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.get_resource(id)).map(Into::into)
    }

    /// Changes a resource; a new rate applies to sessions started afterwards (R-RES-3).
    #[pyo3(signature = (id, name=None, resource_type=None, rate_per_hour=None))]
    fn update_resource(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        name: Option<&Bound<'_, PyAny>>,
        resource_type: Option<&Bound<'_, PyAny>>,
        rate_per_hour: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Resource> {
        let name = opt_text("name", name)?;
        let resource_type = opt_text("resource_type", resource_type)?;
        let id = crate::convert::id("id", id)?;
        let update = bc::ResourceUpdate {
            name,
            resource_type: opt_parse::<bc::ResourceType>(resource_type)?,
            rate_per_hour: opt_money("rate_per_hour", rate_per_hour)?,
        };
        self.run(py, move |d| d.update_resource(id, update))
            .map(Into::into)
    }

    /// Puts a resource in or out of service (R-RES-2).
    fn set_resource_available(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        available: bool,
    ) -> PyResult<Resource> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.set_resource_available(id, available))
            .map(Into::into)
    }

    /// Deletes a resource that never had a session (R-RES-4).
    fn delete_resource(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<()> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.delete_resource(id))
    }

    /// Every resource, by name.
    fn list_resources(&self, py: Python<'_>) -> PyResult<Vec<Resource>> {
        self.run(py, |d| d.list_resources()).map(list)
    }

    // ----- sessions -----

    /// Starts a session of a customer on a resource (R-SESS-1).
    #[pyo3(signature = (customer_id, resource_id, at=None))]
    fn start_session(
        &self,
        py: Python<'_>,
        customer_id: &Bound<'_, PyAny>,
        resource_id: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Session> {
        let customer_id = id("customer_id", customer_id)?;
        let resource_id = id("resource_id", resource_id)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).start_session(customer_id, resource_id))
            .map(Into::into)
    }

    /// A session by id.
    fn get_session(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Session> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.get_session(id)).map(Into::into)
    }

    /// What a running session would cost if ended at `at`, without writing (R-SESS-6).
    #[pyo3(signature = (session_id, at=None))]
    fn quote_session(
        &self,
        py: Python<'_>,
        session_id: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Quote> {
        let session_id = id("session_id", session_id)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).quote_session(session_id))
            .map(Into::into)
    }

    /// Sells `quantity` of an item to a running session (R-INV-2..4).
    #[pyo3(
        signature = (session_id, item_id, quantity=Given::Omitted, at=None),
        text_signature = "($self, session_id, item_id, quantity=1, at=None)"
    )]
    fn add_consumption(
        &self,
        py: Python<'_>,
        session_id: &Bound<'_, PyAny>,
        item_id: &Bound<'_, PyAny>,
        quantity: Given,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<InventoryConsumption> {
        let quantity = given_count(py, "quantity", &quantity, 1)?;
        let session_id = id("session_id", session_id)?;
        let item_id = id("item_id", item_id)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| {
            d.at(at).add_consumption(session_id, item_id, quantity)
        })
        .map(Into::into)
    }

    /// Removes a consumption from a running session; its stock comes back (R-INV-5).
    #[pyo3(signature = (consumption_id, at=None))]
    fn remove_consumption(
        &self,
        py: Python<'_>,
        consumption_id: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<InventoryConsumption> {
        let consumption_id = id("consumption_id", consumption_id)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).remove_consumption(consumption_id))
            .map(Into::into)
    }

    /// The consumptions of a session.
    fn session_consumptions(
        &self,
        py: Python<'_>,
        session_id: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<InventoryConsumption>> {
        let session_id = id("session_id", session_id)?;
        self.run(py, |d| d.session_consumptions(session_id))
            .map(list)
    }

    /// Ends a session and issues its invoice (R-SESS-2, R-INVC-2); `discount` is a percentage.
    #[pyo3(signature = (session_id, at=None, discount=None))]
    fn end_session(
        &self,
        py: Python<'_>,
        session_id: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        discount: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Invoice> {
        let session_id = id("session_id", session_id)?;
        let at = opt_instant("at", at)?;
        let discount = opt_money("discount", discount)?;
        self.run(py, |d| {
            d.at(at).end_session(session_id, EndSession { discount })
        })
        .map(Into::into)
    }

    /// Ends a session and records its payments in one transaction: all or nothing (same checks
    /// as `end_session` then `record_payment` for each). `payments` is a sequence of
    /// `(amount, method)` or `(amount, method, note)` tuples; they may total less than the
    /// invoice (the rest stays due), never more. `discount` is a percentage.
    #[pyo3(signature = (session_id, payments, discount=None, at=None))]
    fn checkout(
        &self,
        py: Python<'_>,
        session_id: &Bound<'_, PyAny>,
        payments: &Bound<'_, PyAny>,
        discount: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Invoice> {
        let session_id = id("session_id", session_id)?;
        let payments = new_payments(payments)?;
        let discount = opt_money("discount", discount)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| {
            d.at(at)
                .checkout(session_id, Checkout { payments, discount })
        })
        .map(Into::into)
    }

    /// Running sessions with elapsed minutes and running charge (R-REP-3).
    #[pyo3(signature = (at=None))]
    fn active_sessions(
        &self,
        py: Python<'_>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<ActiveSession>> {
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).active_sessions()).map(list)
    }

    // ----- subscriptions -----

    /// Subscribes a customer to a plan type ("weekly", "half-monthly", "monthly") and invoices
    /// it (§7).
    #[pyo3(signature = (customer_id, plan_type, start_date=None, price=None, at=None))]
    fn subscribe(
        &self,
        py: Python<'_>,
        customer_id: &Bound<'_, PyAny>,
        plan_type: &Bound<'_, PyAny>,
        start_date: Option<&Bound<'_, PyAny>>,
        price: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Subscription> {
        let plan_type = text("plan_type", plan_type)?;
        let customer_id = id("customer_id", customer_id)?;
        let plan_type = parse::<bc::Plan>(plan_type)?;
        let start_date = opt_date("start_date", start_date)?;
        let price = opt_money("price", price)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| {
            d.at(at).subscribe(NewSubscription {
                customer_id,
                plan_type,
                start_date,
                price,
            })
        })
        .map(Into::into)
    }

    /// A subscription by id.
    fn get_subscription(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Subscription> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.get_subscription(id)).map(Into::into)
    }

    /// A customer's subscriptions.
    fn list_subscriptions(
        &self,
        py: Python<'_>,
        customer_id: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<Subscription>> {
        let customer_id = id("customer_id", customer_id)?;
        self.run(py, |d| d.list_subscriptions(customer_id))
            .map(list)
    }

    /// Cancels a subscription (history kept, R-SUB-4).
    #[pyo3(signature = (id, at=None))]
    fn cancel_subscription(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Subscription> {
        let id = crate::convert::id("id", id)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).cancel_subscription(id))
            .map(Into::into)
    }

    /// Deactivates subscriptions that ended before the business date of `at`; returns them.
    #[pyo3(signature = (at=None))]
    fn expire_subscriptions(
        &self,
        py: Python<'_>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Subscription>> {
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).expire_subscriptions()).map(list)
    }

    // ----- inventory -----

    /// Adds a café item (`category`: "beverage", "snack", "meal").
    #[pyo3(
        signature = (name, category, price, quantity=Given::Omitted, min_stock=Given::Omitted, at=None),
        text_signature = "($self, name, category, price, quantity=0, min_stock=0, at=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn add_inventory_item(
        &self,
        py: Python<'_>,
        name: &Bound<'_, PyAny>,
        category: &Bound<'_, PyAny>,
        price: &Bound<'_, PyAny>,
        quantity: Given,
        min_stock: Given,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<InventoryItem> {
        let name = text("name", name)?;
        let category = text("category", category)?;
        let quantity = given_count(py, "quantity", &quantity, 0)?;
        let min_stock = given_count(py, "min_stock", &min_stock, 0)?;
        let price = money("price", price)?;
        let category = parse::<bc::Category>(category)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| {
            d.at(at)
                .add_inventory_item(&name, category, price, quantity, min_stock)
        })
        .map(Into::into)
    }

    /// An item by id.
    fn get_inventory_item(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<InventoryItem> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.get_inventory_item(id)).map(Into::into)
    }

    /// Every item, by name.
    fn list_inventory_items(&self, py: Python<'_>) -> PyResult<Vec<InventoryItem>> {
        self.run(py, |d| d.list_inventory_items()).map(list)
    }

    /// Changes an item; quantity changes through `restock` and `adjust_stock`.
    #[pyo3(signature = (id, name=None, category=None, price=None, min_stock=None))]
    fn update_inventory_item(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        name: Option<&Bound<'_, PyAny>>,
        category: Option<&Bound<'_, PyAny>>,
        price: Option<&Bound<'_, PyAny>>,
        min_stock: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<InventoryItem> {
        let name = opt_text("name", name)?;
        let category = opt_text("category", category)?;
        let min_stock = opt_count("min_stock", min_stock)?;
        let id = crate::convert::id("id", id)?;
        let update = bc::ItemUpdate {
            name,
            category: opt_parse::<bc::Category>(category)?,
            price: opt_money("price", price)?,
            min_stock,
        };
        self.run(py, move |d| d.update_inventory_item(id, update))
            .map(Into::into)
    }

    /// Receives `n` (≥ 1) units (R-INV-6).
    #[pyo3(signature = (id, n, at=None))]
    fn restock(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        n: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<InventoryItem> {
        let n = count("n", n)?;
        let id = crate::convert::id("id", id)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).restock(id, n)).map(Into::into)
    }

    /// Corrects the stock by `delta` (≠ 0) with a reason (R-INV-6).
    #[pyo3(signature = (id, delta, reason, at=None))]
    fn adjust_stock(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        delta: &Bound<'_, PyAny>,
        reason: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<InventoryItem> {
        let delta = count("delta", delta)?;
        let reason = text("reason", reason)?;
        let id = crate::convert::id("id", id)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).adjust_stock(id, delta, &reason))
            .map(Into::into)
    }

    /// Items with quantity ≤ min_stock (R-INV-7).
    fn low_stock(&self, py: Python<'_>) -> PyResult<Vec<InventoryItem>> {
        self.run(py, |d| d.low_stock()).map(list)
    }

    /// An item's stock history (R-INV-6).
    fn stock_movements(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<StockMovement>> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.stock_movements(id)).map(list)
    }

    // ----- invoices, payments, balance -----

    /// An invoice by id.
    fn get_invoice(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Invoice> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.get_invoice(id)).map(Into::into)
    }

    /// An invoice by number (`INV-0001`).
    fn find_invoice(&self, py: Python<'_>, number: &Bound<'_, PyAny>) -> PyResult<Invoice> {
        let number = text("number", number)?;
        self.run(py, |d| d.find_invoice(&number)).map(Into::into)
    }

    /// Invoices, narrowed by customer, status ("unpaid", "pending", "paid") and issue dates
    /// (`from_` and `to` include both ends).
    #[pyo3(signature = (customer_id=None, status=None, from_=None, to=None))]
    fn list_invoices(
        &self,
        py: Python<'_>,
        customer_id: Option<&Bound<'_, PyAny>>,
        status: Option<&Bound<'_, PyAny>>,
        from_: Option<&Bound<'_, PyAny>>,
        to: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Invoice>> {
        let status = opt_text("status", status)?;
        let filter = bc::InvoiceFilter {
            customer_id: opt_id("customer_id", customer_id)?,
            status: opt_parse::<bc::InvoiceStatus>(status)?,
            from: opt_date("from_", from_)?,
            to: opt_date("to", to)?,
        };
        self.run(py, |d| d.list_invoices(&filter)).map(list)
    }

    /// Sets an invoice's discount percentage while nothing is paid (R-INVC-3).
    #[pyo3(signature = (invoice_id, percent, at=None))]
    fn set_discount(
        &self,
        py: Python<'_>,
        invoice_id: &Bound<'_, PyAny>,
        percent: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Invoice> {
        let invoice_id = id("invoice_id", invoice_id)?;
        let percent = money("percent", percent)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).set_discount(invoice_id, percent))
            .map(Into::into)
    }

    /// Records a payment ("cash", "card", "transfer", "balance") on an invoice (R-INVC-4, R-INVC-7).
    #[pyo3(signature = (invoice_id, amount, method, at=None, note=None))]
    fn record_payment(
        &self,
        py: Python<'_>,
        invoice_id: &Bound<'_, PyAny>,
        amount: &Bound<'_, PyAny>,
        method: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        note: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Invoice> {
        let method = text("method", method)?;
        let note = opt_text("note", note)?;
        let invoice_id = id("invoice_id", invoice_id)?;
        let amount = money("amount", amount)?;
        let method = parse::<bc::PaymentMethod>(method)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| {
            d.at(at).record_payment(
                invoice_id,
                NewPayment {
                    amount,
                    method,
                    note,
                },
            )
        })
        .map(Into::into)
    }

    /// Money left with the space as the customer's credit (R-BAL-2).
    #[pyo3(signature = (customer_id, amount, method, at=None))]
    fn deposit(
        &self,
        py: Python<'_>,
        customer_id: &Bound<'_, PyAny>,
        amount: &Bound<'_, PyAny>,
        method: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<LedgerEntry> {
        let method = text("method", method)?;
        let customer_id = id("customer_id", customer_id)?;
        let amount = money("amount", amount)?;
        let method = parse::<bc::PaymentMethod>(method)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).deposit(customer_id, amount, method))
            .map(Into::into)
    }

    // ----- corrections (§15) -----

    /// Voids an invoice on which nothing is paid (R-CORR-1); `reason` is 1–500 characters.
    #[pyo3(signature = (invoice_id, reason, at=None))]
    fn void_invoice(
        &self,
        py: Python<'_>,
        invoice_id: &Bound<'_, PyAny>,
        reason: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Invoice> {
        let invoice_id = id("invoice_id", invoice_id)?;
        let reason = text("reason", reason)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).void_invoice(invoice_id, &reason))
            .map(Into::into)
    }

    /// Gives back money paid on an invoice as a credit note `CN-…` (R-CORR-2): paid out in
    /// "cash", "card" or "transfer", or kept as the customer's credit ("balance").
    #[pyo3(signature = (invoice_id, amount, method, reason, at=None))]
    fn refund(
        &self,
        py: Python<'_>,
        invoice_id: &Bound<'_, PyAny>,
        amount: &Bound<'_, PyAny>,
        method: &Bound<'_, PyAny>,
        reason: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<CreditNote> {
        let method = text("method", method)?;
        let invoice_id = id("invoice_id", invoice_id)?;
        let amount = money("amount", amount)?;
        let method = parse::<bc::PaymentMethod>(method)?;
        let reason = text("reason", reason)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).refund(invoice_id, amount, method, &reason))
            .map(Into::into)
    }

    /// Gives up the unpaid remainder of an unpaid or partly paid invoice (R-CORR-3).
    #[pyo3(signature = (invoice_id, reason, at=None))]
    fn write_off(
        &self,
        py: Python<'_>,
        invoice_id: &Bound<'_, PyAny>,
        reason: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Invoice> {
        let invoice_id = id("invoice_id", invoice_id)?;
        let reason = text("reason", reason)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).write_off(invoice_id, &reason))
            .map(Into::into)
    }

    /// A credit note by id.
    fn get_credit_note(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<CreditNote> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.get_credit_note(id)).map(Into::into)
    }

    /// A credit note by number (`CN-0001`, any case).
    fn find_credit_note(&self, py: Python<'_>, number: &Bound<'_, PyAny>) -> PyResult<CreditNote> {
        let number = text("number", number)?;
        self.run(py, |d| d.find_credit_note(&number))
            .map(Into::into)
    }

    /// Closes a business date and every earlier one, storing its Z report (R-CORR-4).
    #[pyo3(signature = (date, at=None))]
    fn close_day(
        &self,
        py: Python<'_>,
        date: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ZReport> {
        let day = crate::convert::date("date", date)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).close_day(day)).map(Into::into)
    }

    /// The Z report of a closed date, as it was when the day was closed (R-CORR-4).
    fn z_report(&self, py: Python<'_>, date: &Bound<'_, PyAny>) -> PyResult<ZReport> {
        let day = crate::convert::date("date", date)?;
        self.run(py, |d| d.z_report(day)).map(Into::into)
    }

    /// Recomputes the trail of footprints and names the first document that no longer matches
    /// (R-CORR-5).
    fn verify_trail(&self, py: Python<'_>) -> PyResult<TrailReport> {
        self.run(py, |d| d.verify_trail()).map(Into::into)
    }

    /// Pairs of overlapping sessions of one resource or customer in a file written before
    /// R-SESS-7 (empty when there are none).
    fn session_overlaps(&self, py: Python<'_>) -> PyResult<Vec<SessionOverlap>> {
        self.run(py, |d| d.session_overlaps()).map(list)
    }

    // ----- printable receipts -----

    /// The receipt of an invoice as an HTML page in Arabic and English, laid out for `paper`
    /// ("80mm" thermal or "a4"), with the e-receipt's uuid as a QR code when one was produced.
    #[pyo3(signature = (invoice_id, paper=None), text_signature = "($self, invoice_id, paper='80mm')")]
    fn receipt_html(
        &self,
        py: Python<'_>,
        invoice_id: &Bound<'_, PyAny>,
        paper: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let invoice_id = id("invoice_id", invoice_id)?;
        let paper = opt_text("paper", paper)?.unwrap_or_else(|| "80mm".to_string());
        let paper: backspace_receipts::Paper = paper.parse().map_err(to_py_err)?;
        self.run(py, |d| {
            backspace_receipts::receipt_html(d, invoice_id, paper)
        })
    }

    // ----- e-receipts -----

    /// The e-receipt of an invoice (R-TAX-2): produced and chained the first time, the same
    /// bytes every time after.
    fn e_receipt(&self, py: Python<'_>, invoice_id: &Bound<'_, PyAny>) -> PyResult<EReceipt> {
        let invoice_id = id("invoice_id", invoice_id)?;
        self.run(py, |d| d.e_receipt(invoice_id)).map(Into::into)
    }

    /// The return receipt of a refund's credit note (R-TAX-3).
    fn return_receipt(
        &self,
        py: Python<'_>,
        credit_note_id: &Bound<'_, PyAny>,
    ) -> PyResult<EReceipt> {
        let credit_note_id = id("credit_note_id", credit_note_id)?;
        self.run(py, |d| d.return_receipt(credit_note_id))
            .map(Into::into)
    }

    /// E-receipts not yet marked submitted, in the order produced.
    fn pending_e_receipts(&self, py: Python<'_>) -> PyResult<Vec<EReceipt>> {
        self.run(py, |d| d.pending_e_receipts()).map(list)
    }

    /// Records that the app submitted the e-receipt `uuid` under `submission_id`.
    fn mark_e_receipt_submitted(
        &self,
        py: Python<'_>,
        uuid: &Bound<'_, PyAny>,
        submission_id: &Bound<'_, PyAny>,
    ) -> PyResult<EReceipt> {
        let uuid = text("uuid", uuid)?;
        let submission_id = text("submission_id", submission_id)?;
        self.run(py, |d| d.mark_e_receipt_submitted(&uuid, &submission_id))
            .map(Into::into)
    }

    // ----- reservations -----

    /// Books a resource for a customer over `[start, end)` (R-BOOK-1); returns the
    /// `Reservation` (`R-0001`, …).
    #[pyo3(signature = (customer_id, resource_id, start, end, at=None))]
    fn reserve(
        &self,
        py: Python<'_>,
        customer_id: &Bound<'_, PyAny>,
        resource_id: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Reservation> {
        let new = bc::NewReservation::new(
            id("customer_id", customer_id)?,
            id("resource_id", resource_id)?,
            crate::convert::instant("start", start)?,
            crate::convert::instant("end", end)?,
        );
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).reserve(new)).map(Into::into)
    }

    /// A reservation by id.
    fn get_reservation(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Reservation> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.get_reservation(id)).map(Into::into)
    }

    /// Starts the session of a booked reservation (R-BOOK-2), from 15 minutes before its start.
    #[pyo3(signature = (reservation_id, at=None))]
    fn check_in(
        &self,
        py: Python<'_>,
        reservation_id: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Session> {
        let reservation_id = id("reservation_id", reservation_id)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).check_in(reservation_id))
            .map(Into::into)
    }

    /// Cancels a booked reservation (R-BOOK-3); a late cancellation is invoiced a fee.
    #[pyo3(signature = (reservation_id, at=None))]
    fn cancel_reservation(
        &self,
        py: Python<'_>,
        reservation_id: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Reservation> {
        let reservation_id = id("reservation_id", reservation_id)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).cancel_reservation(reservation_id))
            .map(Into::into)
    }

    /// Records the bookings past their no-show deadline as no-shows, with fees (R-BOOK-3).
    #[pyo3(signature = (at=None))]
    fn expire_reservations(
        &self,
        py: Python<'_>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Reservation>> {
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).expire_reservations()).map(list)
    }

    /// Reservations meeting the business dates `from_..=to`, of one resource or all (R-BOOK-4).
    #[pyo3(signature = (from_, to, resource_id=None))]
    fn reservations(
        &self,
        py: Python<'_>,
        from_: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
        resource_id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Reservation>> {
        let from = date("from_", from_)?;
        let to = date("to", to)?;
        let resource_id = opt_id("resource_id", resource_id)?;
        self.run(py, |d| d.reservations(from, to, resource_id))
            .map(list)
    }

    /// Start instants on business date `date` where a booking of `minutes` fits (R-BOOK-4).
    #[pyo3(signature = (resource_id, date, minutes, at=None))]
    fn free_slots(
        &self,
        py: Python<'_>,
        resource_id: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        minutes: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<bc::chrono::DateTime<bc::chrono::Utc>>> {
        let resource_id = id("resource_id", resource_id)?;
        let day = crate::convert::date("date", date)?;
        let minutes = count("minutes", minutes)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).free_slots(resource_id, day, minutes))
    }

    // ----- staff, audit and shifts -----

    /// Adds an operator (R-STAFF-1): `role` is "cashier", "manager" or "owner", `pin` 4–12
    /// digits, kept only as an Argon2id hash. The first operator must be an owner; afterwards
    /// only an owner adds operators.
    #[pyo3(signature = (name, role, pin, at=None))]
    fn add_operator(
        &self,
        py: Python<'_>,
        name: &Bound<'_, PyAny>,
        role: &Bound<'_, PyAny>,
        pin: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Operator> {
        let name = text("name", name)?;
        let role = parse::<bc::Role>(text("role", role)?)?;
        let pin = text("pin", pin)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| {
            d.at(at).add_operator(bc::NewOperator::new(name, role, pin))
        })
        .map(Into::into)
    }

    /// Every operator, by name (an owner's report).
    fn list_operators(&self, py: Python<'_>) -> PyResult<Vec<Operator>> {
        self.run(py, |d| d.list_operators()).map(list)
    }

    /// Changes an operator's name, role or PIN (an owner's operation); `None` leaves a field.
    #[pyo3(signature = (id, name=None, role=None, pin=None))]
    fn update_operator(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        name: Option<&Bound<'_, PyAny>>,
        role: Option<&Bound<'_, PyAny>>,
        pin: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Operator> {
        let id = crate::convert::id("id", id)?;
        let update = bc::OperatorUpdate {
            name: opt_text("name", name)?,
            role: opt_parse::<bc::Role>(opt_text("role", role)?)?,
            pin: opt_text("pin", pin)?,
        };
        self.run(py, move |d| d.update_operator(id, update))
            .map(Into::into)
    }

    /// Deactivates an operator (an owner's operation): they can no longer sign in or act.
    fn deactivate_operator(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Operator> {
        let id = crate::convert::id("id", id)?;
        self.run(py, |d| d.deactivate_operator(id)).map(Into::into)
    }

    /// Signs an operator in (R-STAFF-2) and returns a desk acting as them: the same methods,
    /// each checked against their role and recorded as theirs in the audit log. A wrong PIN
    /// raises `ForbiddenError`; the fifth in a row locks the operator for five minutes.
    #[pyo3(signature = (operator_id, pin, at=None))]
    fn sign_in(
        &self,
        py: Python<'_>,
        operator_id: &Bound<'_, PyAny>,
        pin: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyBackspace> {
        let operator_id = crate::convert::id("operator_id", operator_id)?;
        let pin = text("pin", pin)?;
        let at = opt_instant("at", at)?;
        let signed = self.run(py, |d| d.at(at).sign_in(operator_id, &pin))?;
        Ok(PyBackspace {
            desk: RwLock::new(Some(Arc::new(signed.at(None)))),
            location: self.location.clone(),
        })
    }

    /// The operator this desk acts as, or `None` (not signed in).
    #[getter]
    fn operator_id(&self) -> PyResult<Option<bc::Uuid>> {
        Ok(self.desk()?.operator_id())
    }

    /// Audit entries of the business dates `from_date..=to_date`, in order, optionally of one
    /// operator (R-STAFF-4); a manager's report.
    #[pyo3(signature = (from_date, to_date, operator_id=None))]
    fn audit_log(
        &self,
        py: Python<'_>,
        from_date: &Bound<'_, PyAny>,
        to_date: &Bound<'_, PyAny>,
        operator_id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<AuditEntry>> {
        let from = date("from_date", from_date)?;
        let to = date("to_date", to_date)?;
        let operator_id = opt_id("operator_id", operator_id)?;
        self.run(py, |d| d.audit_log(from, to, operator_id))
            .map(list)
    }

    /// Opens a shift on a drawer (`"main"` unless named) with its opening float (R-SHIFT-1).
    #[pyo3(signature = (opening_float, drawer=None, at=None))]
    fn open_shift(
        &self,
        py: Python<'_>,
        opening_float: &Bound<'_, PyAny>,
        drawer: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Shift> {
        let open = bc::OpenShift {
            opening_float: money("opening_float", opening_float)?,
            drawer: opt_text("drawer", drawer)?,
        };
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).open_shift(open)).map(Into::into)
    }

    /// Cash put into the current shift's drawer (R-SHIFT-2).
    #[pyo3(signature = (amount, reason, at=None))]
    fn pay_in(
        &self,
        py: Python<'_>,
        amount: &Bound<'_, PyAny>,
        reason: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<DrawerEntry> {
        let amount = money("amount", amount)?;
        let reason = text("reason", reason)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).pay_in(amount, &reason))
            .map(Into::into)
    }

    /// Cash taken out of the current shift's drawer (R-SHIFT-2); a manager's operation.
    #[pyo3(signature = (amount, reason, at=None))]
    fn pay_out(
        &self,
        py: Python<'_>,
        amount: &Bound<'_, PyAny>,
        reason: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<DrawerEntry> {
        let amount = money("amount", amount)?;
        let reason = text("reason", reason)?;
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).pay_out(amount, &reason))
            .map(Into::into)
    }

    /// Closes the current shift (or the open shift of `drawer`) with the cash counted
    /// (R-SHIFT-3) and returns its report: expected cash and over/short, stored for good.
    #[pyo3(signature = (counted_cash, drawer=None, at=None))]
    fn close_shift(
        &self,
        py: Python<'_>,
        counted_cash: &Bound<'_, PyAny>,
        drawer: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ShiftReport> {
        let close = bc::CloseShift {
            counted_cash: money("counted_cash", counted_cash)?,
            drawer: opt_text("drawer", drawer)?,
        };
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).close_shift(close))
            .map(Into::into)
    }

    /// A shift's figures (R-SHIFT-3), for a manager or the cashier whose shift it is.
    fn shift_report(&self, py: Python<'_>, shift_id: &Bound<'_, PyAny>) -> PyResult<ShiftReport> {
        let shift_id = id("shift_id", shift_id)?;
        self.run(py, |d| d.shift_report(shift_id)).map(Into::into)
    }

    /// The shift money taken now by this desk goes to, or `None`.
    fn current_shift(&self, py: Python<'_>) -> PyResult<Option<Shift>> {
        self.run(py, |d| d.current_shift())
            .map(|s| s.map(Into::into))
    }

    /// A customer's ledger in order, with the running balance (R-BAL-3).
    fn statement(
        &self,
        py: Python<'_>,
        customer_id: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<StatementLine>> {
        let customer_id = id("customer_id", customer_id)?;
        self.run(py, |d| d.statement(customer_id)).map(list)
    }

    // ----- reports -----

    /// Revenue per business day, `from_` to `to` inclusive (R-REP-1).
    fn revenue(
        &self,
        py: Python<'_>,
        from_: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<RevenueDay>> {
        let (from, to) = (date("from_", from_)?, date("to", to)?);
        self.run(py, |d| d.revenue(from, to)).map(list)
    }

    /// Utilization per resource, `from_` to `to` inclusive (R-REP-2).
    fn utilization(
        &self,
        py: Python<'_>,
        from_: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<ResourceUtilization>> {
        let (from, to) = (date("from_", from_)?, date("to", to)?);
        self.run(py, |d| d.utilization(from, to)).map(list)
    }

    /// Invoices not fully paid, with what is due and whether overdue as of `at` (R-REP-3).
    #[pyo3(signature = (at=None))]
    fn outstanding_invoices(
        &self,
        py: Python<'_>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<OutstandingInvoice>> {
        let at = opt_instant("at", at)?;
        self.run(py, |d| d.at(at).outstanding_invoices()).map(list)
    }

    /// The `n` customers with the largest invoiced total, `from_` to `to` inclusive (R-REP-3).
    #[pyo3(
        signature = (from_, to, n=Given::Omitted),
        text_signature = "($self, from_, to, n=10)"
    )]
    fn top_customers(
        &self,
        py: Python<'_>,
        from_: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
        n: Given,
    ) -> PyResult<Vec<TopCustomer>> {
        let n = given_count(py, "n", &n, 10)?;
        let (from, to) = (date("from_", from_)?, date("to", to)?);
        let n = usize::try_from(n)
            .map_err(|_| validation("n", format!("must not be negative, got {n}")))?;
        self.run(py, |d| d.top_customers(from, to, n)).map(list)
    }
}
