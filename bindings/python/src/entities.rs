//! The entities as immutable Python classes (`#[pyclass(frozen)]`): readable `__repr__`,
//! `__eq__`/`__hash__` by value, and `to_dict()`. Money is `decimal.Decimal` of scale 2,
//! instants are aware UTC `datetime`s, business dates `datetime.date`, ids `uuid.UUID`, enums
//! lower-case strings. Every conversion from a core struct destructures it whole (no `..`), so a
//! field added to the core fails to compile here until the class carries it.

use backspace as bc;
use bc::chrono::{DateTime, NaiveDate, Utc};
use bc::{Decimal, Uuid};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// A value as it appears in `to_dict()`: entities nest as dicts, lists as lists.
pub trait DictValue {
    /// The Python value.
    fn dict_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

macro_rules! plain_dict_value {
    ($($t:ty),*) => {$(
        impl DictValue for $t {
            fn dict_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.clone().into_bound_py_any(py)
            }
        }
    )*};
}
plain_dict_value!(String, i64, bool, Decimal, Uuid, DateTime<Utc>, NaiveDate);

impl<T: DictValue> DictValue for Option<T> {
    fn dict_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.dict_value(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<T: DictValue> DictValue for Vec<T> {
    fn dict_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.dict_value(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
}

/// `From<core struct> for class`: destructures the core struct whole (no `..`), so a field added
/// to the core fails to compile here, and builds the class from the listed fields, each as it is
/// or converted by its expression.
macro_rules! from_core {
    ($core:path => $class:ident { $($field:ident $(: $conv:expr)?),+ $(,)? }) => {
        impl From<$core> for $class {
            fn from(value: $core) -> Self {
                // An error on this line ("pattern requires `..`") means the core struct has a
                // field the class lacks: add it to the class's `entity!` declaration and to its
                // `from_core!` list, then regenerate the stubs. Adding `..` here would hide it.
                let $core { $($field),+ } = value;
                $class { $($field $(: $conv)?),+ }
            }
        }
    };
}

/// The Python annotation of a field's type, for the generated stubs (`_native._stubs()`).
pub trait Annotation {
    /// The annotation as written in `__init__.pyi`.
    fn annotation() -> String;
}

macro_rules! plain_annotation {
    ($($t:ty => $py:literal),* $(,)?) => {$(
        impl Annotation for $t {
            fn annotation() -> String {
                $py.to_string()
            }
        }
    )*};
}
plain_annotation!(
    String => "str",
    i64 => "int",
    bool => "bool",
    Decimal => "Decimal",
    Uuid => "UUID",
    DateTime<Utc> => "datetime",
    NaiveDate => "date",
);

impl<T: Annotation> Annotation for Option<T> {
    fn annotation() -> String {
        format!("{} | None", T::annotation())
    }
}

impl<T: Annotation> Annotation for Vec<T> {
    fn annotation() -> String {
        format!("list[{}]", T::annotation())
    }
}

/// A doc comment as a stub docstring indented by `indent`: the lines joined, each without its
/// leading space.
fn docstring(lines: &[&str], indent: &str) -> String {
    let text: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    format!(
        "{indent}\"\"\"{}\"\"\"\n",
        text.join(&format!("\n{indent}"))
    )
}

/// Declares an entity class: fields (all readable), `to_dict()`, a `__repr__` showing `repr`,
/// read-only computed properties (`methods`), and the class's stub for `__init__.pyi`. A field
/// holding one of the core's enums as its text names its `Literal` alias with `as "Alias"`.
macro_rules! entity {
    (
        $(#[doc = $doc:literal])*
        $name:ident { $($field:ident : $ty:ty $(as $alias:literal)?),+ $(,)? }
        repr($($rf:ident),+)
        $(methods { $(
            $(#[doc = $mdoc:literal])*
            #[getter]
            fn $method:ident(&$slf:ident) -> $ret:ty $body:block
        )* })?
    ) => {
        $(#[doc = $doc])*
        #[pyclass(frozen, eq, hash, get_all, module = "backspace")]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name {
            $(pub $field: $ty),+
        }

        #[pymethods]
        impl $name {
            /// The fields as a dict (nested entities as dicts).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let d = PyDict::new(py);
                $(d.set_item(stringify!($field), self.$field.dict_value(py)?)?;)+
                Ok(d)
            }

            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                let mut parts: Vec<String> = Vec::new();
                $(parts.push(format!(
                    "{}={}",
                    stringify!($rf),
                    slf.getattr(stringify!($rf))?.repr()?
                ));)+
                Ok(format!("{}({})", stringify!($name), parts.join(", ")))
            }

            $($(
                $(#[doc = $mdoc])*
                #[getter]
                fn $method(&$slf) -> $ret $body
            )*)?
        }

        impl DictValue for $name {
            fn dict_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(self.to_dict(py)?.into_any())
            }
        }

        impl Annotation for $name {
            fn annotation() -> String {
                stringify!($name).to_string()
            }
        }

        impl $name {
            /// This class as it is declared in `__init__.pyi`.
            fn stub() -> String {
                let mut out = format!(
                    "@final\nclass {}:\n{}",
                    stringify!($name),
                    docstring(&[$($doc),*], "    ")
                );
                $(
                    let annotation: Option<&str> = None $(.or(Some($alias)))?;
                    out.push_str(&format!(
                        "    @property\n    def {}(self) -> {}: ...\n",
                        stringify!($field),
                        annotation.map_or_else(<$ty as Annotation>::annotation, str::to_string)
                    ));
                )+
                $($(
                    out.push_str(&format!(
                        "    @property\n    def {}(self) -> {}:\n{}",
                        stringify!($method),
                        <$ret as Annotation>::annotation(),
                        docstring(&[$($mdoc),*], "        ")
                    ));
                )*)?
                out.push_str("    def to_dict(self) -> dict[str, Any]: ...\n");
                out.push_str("    def __eq__(self, value: object, /) -> bool: ...\n");
                out.push_str("    def __hash__(self) -> int: ...\n");
                out
            }
        }
    };
}

entity! {
    /// A customer (R-CUST-1).
    Customer {
        id: Uuid,
        human_id: String,
        name: String,
        phone: String,
        email: Option<String>,
        customer_type: String as "CustomerType",
        balance: Decimal,
        credit: Decimal,
        notes: Option<String>,
        created_at: DateTime<Utc>,
    }
    repr(human_id, name, phone, customer_type, balance)
}

from_core!(bc::Customer => Customer {
    id,
    human_id,
    name,
    phone,
    email,
    customer_type: customer_type.as_str().to_string(),
    balance,
    credit,
    notes,
    created_at,
});

entity! {
    /// A seat, desk or room (R-RES-1).
    Resource {
        id: Uuid,
        name: String,
        resource_type: String as "ResourceType",
        rate_per_hour: Decimal,
        is_available: bool,
        out_of_service: bool,
        created_at: DateTime<Utc>,
    }
    repr(name, resource_type, rate_per_hour, is_available)
}

from_core!(bc::Resource => Resource {
    id,
    name,
    resource_type: resource_type.as_str().to_string(),
    rate_per_hour,
    is_available,
    out_of_service,
    created_at,
});

entity! {
    /// A timed session of a customer on a resource (§5).
    Session {
        id: Uuid,
        customer_id: Uuid,
        resource_id: Uuid,
        started_at: DateTime<Utc>,
        ended_at: Option<DateTime<Utc>>,
        rate_per_hour: Decimal,
        is_active: bool,
        duration_minutes: Option<i64>,
        billed_minutes: Option<i64>,
        amount: Option<Decimal>,
        subscription_id: Option<Uuid>,
        invoice_id: Option<Uuid>,
        reservation_id: Option<Uuid>,
    }
    repr(id, started_at, ended_at, rate_per_hour, is_active, amount)
}

from_core!(bc::Session => Session {
    id,
    customer_id,
    resource_id,
    started_at,
    ended_at,
    rate_per_hour,
    is_active,
    duration_minutes,
    billed_minutes,
    amount,
    subscription_id,
    invoice_id,
    reservation_id,
});

entity! {
    /// A café item (R-INV-1).
    InventoryItem {
        id: Uuid,
        name: String,
        category: String as "Category",
        price: Decimal,
        quantity: i64,
        min_stock: i64,
        created_at: DateTime<Utc>,
    }
    repr(name, category, price, quantity, min_stock)
}

from_core!(bc::InventoryItem => InventoryItem {
    id,
    name,
    category: category.as_str().to_string(),
    price,
    quantity,
    min_stock,
    created_at,
});

entity! {
    /// Items consumed during a session (R-INV-2, R-INV-3).
    InventoryConsumption {
        id: Uuid,
        session_id: Uuid,
        item_id: Uuid,
        item_name: String,
        quantity: i64,
        price_at_consumption: Decimal,
        consumed_at: DateTime<Utc>,
    }
    repr(item_name, quantity, price_at_consumption, consumed_at)
}

from_core!(bc::InventoryConsumption => InventoryConsumption {
    id,
    session_id,
    item_id,
    item_name,
    quantity,
    price_at_consumption,
    consumed_at,
});

entity! {
    /// One change of an item's stock (R-INV-6).
    StockMovement {
        id: Uuid,
        item_id: Uuid,
        kind: String as "MovementKind",
        delta: i64,
        quantity_after: i64,
        reason: Option<String>,
        at: DateTime<Utc>,
    }
    repr(kind, delta, quantity_after, reason, at)
}

from_core!(bc::StockMovement => StockMovement {
    id,
    item_id,
    kind: kind.as_str().to_string(),
    delta,
    quantity_after,
    reason,
    at,
});

entity! {
    /// A subscription (§7); `invoice_id` names the invoice issued for it.
    Subscription {
        id: Uuid,
        customer_id: Uuid,
        plan_type: String as "Plan",
        start_date: NaiveDate,
        end_date: NaiveDate,
        price: Decimal,
        is_active: bool,
        invoice_id: Uuid,
        created_at: DateTime<Utc>,
    }
    repr(plan_type, start_date, end_date, price, is_active)
}

from_core!(bc::Subscription => Subscription {
    id,
    customer_id,
    plan_type: plan_type.as_str().to_string(),
    start_date,
    end_date,
    price,
    is_active,
    invoice_id,
    created_at,
});

entity! {
    /// One line of an invoice (R-INVC-2).
    InvoiceLine {
        kind: String as "LineKind",
        description: String,
        quantity: i64,
        unit_price: Decimal,
        amount: Decimal,
        net: Decimal,
        vat: Decimal,
    }
    repr(kind, description, quantity, unit_price, amount)
}

from_core!(bc::InvoiceLine => InvoiceLine {
    kind: kind.as_str().to_string(),
    description,
    quantity,
    unit_price,
    amount,
    net,
    vat,
});

entity! {
    /// A payment on an invoice (R-INVC-7).
    Payment {
        id: Uuid,
        invoice_id: Uuid,
        amount: Decimal,
        method: String as "PaymentMethod",
        paid_at: DateTime<Utc>,
        note: Option<String>,
    }
    repr(amount, method, paid_at, note)
}

from_core!(bc::Payment => Payment {
    id,
    invoice_id,
    amount,
    method: method.as_str().to_string(),
    paid_at,
    note,
});

entity! {
    /// An invoice with its lines and payments (§9).
    Invoice {
        id: Uuid,
        invoice_number: String,
        customer_id: Uuid,
        session_id: Option<Uuid>,
        subscription_id: Option<Uuid>,
        issued_at: DateTime<Utc>,
        issue_date: NaiveDate,
        due_date: NaiveDate,
        amount: Decimal,
        discount: Decimal,
        discount_amount: Decimal,
        total: Decimal,
        paid_amount: Decimal,
        status: String as "InvoiceStatus",
        paid_date: Option<NaiveDate>,
        line_items: Vec<InvoiceLine>,
        payments: Vec<Payment>,
        refunded_amount: Decimal,
        written_off_amount: Decimal,
        correction: Option<Correction>,
        credit_notes: Vec<CreditNote>,
        footprint: String,
        due: Decimal,
        vat_rate: Decimal,
        prices_include_vat: bool,
        net_amount: Decimal,
        vat_amount: Decimal,
    }
    repr(invoice_number, amount, discount_amount, total, paid_amount, status)
}

impl From<bc::Invoice> for Invoice {
    fn from(i: bc::Invoice) -> Self {
        let due = i.due();
        // Destructured whole, so a field added to the core fails to compile here.
        let bc::Invoice {
            id,
            invoice_number,
            customer_id,
            session_id,
            subscription_id,
            issued_at,
            issue_date,
            due_date,
            amount,
            discount,
            discount_amount,
            total,
            paid_amount,
            status,
            paid_date,
            line_items,
            payments,
            refunded_amount,
            written_off_amount,
            correction,
            credit_notes,
            footprint,
            vat_rate,
            prices_include_vat,
            net_amount,
            vat_amount,
        } = i;
        Invoice {
            id,
            invoice_number,
            customer_id,
            session_id,
            subscription_id,
            issued_at,
            issue_date,
            due_date,
            amount,
            discount,
            discount_amount,
            total,
            paid_amount,
            status: status.as_str().to_string(),
            paid_date,
            line_items: line_items.into_iter().map(Into::into).collect(),
            payments: payments.into_iter().map(Into::into).collect(),
            refunded_amount,
            written_off_amount,
            correction: correction.map(Into::into),
            credit_notes: credit_notes.into_iter().map(Into::into).collect(),
            footprint,
            due,
            vat_rate,
            prices_include_vat,
            net_amount,
            vat_amount,
        }
    }
}

entity! {
    /// An invoice's void or write-off: when, why, the business date it is reported on, and its
    /// footprint in the trail (R-CORR-1, R-CORR-3).
    Correction {
        at: DateTime<Utc>,
        date: NaiveDate,
        reason: String,
        footprint: String,
    }
    repr(at, date, reason)
}

from_core!(bc::Correction => Correction {
    at,
    date,
    reason,
    footprint,
});

entity! {
    /// Money given back on an invoice: a numbered credit note `CN-0001`, … (R-CORR-2).
    CreditNote {
        id: Uuid,
        credit_note_number: String,
        invoice_id: Uuid,
        invoice_number: String,
        customer_id: Uuid,
        amount: Decimal,
        method: String as "PaymentMethod",
        reason: String,
        issued_at: DateTime<Utc>,
        issue_date: NaiveDate,
        footprint: String,
    }
    repr(credit_note_number, invoice_number, amount, method, reason)
}

from_core!(bc::CreditNote => CreditNote {
    id,
    credit_note_number,
    invoice_id,
    invoice_number,
    customer_id,
    amount,
    method: method.as_str().to_string(),
    reason,
    issued_at,
    issue_date,
    footprint,
});

entity! {
    /// A closed day's revenue row, as it stood when the day was closed (R-CORR-4).
    ZReport {
        date: NaiveDate,
        closed_at: DateTime<Utc>,
        revenue: RevenueDay,
    }
    repr(date, closed_at)
}

from_core!(bc::ZReport => ZReport {
    date,
    closed_at,
    revenue: revenue.into(),
});

entity! {
    /// A document whose stored fields, or whose trail entry, no longer match (R-CORR-5).
    BrokenDocument {
        kind: String as "Literal[\"invoice\", \"credit_note\", \"void\", \"write_off\", \"audit\"]",
        number: String,
        seq: i64,
        reason: String,
    }
    repr(kind, number, seq, reason)
}

entity! {
    /// What `verify_trail()` found: the entries checked and the first broken document, if any.
    TrailReport {
        entries: i64,
        audit_entries: i64,
        first_broken: Option<BrokenDocument>,
    }
    repr(entries, audit_entries, first_broken)
    methods {
        /// Whether every document matches its footprint.
        #[getter]
        fn is_intact(&self) -> bool {
            self.first_broken.is_none()
        }
    }
}

from_core!(bc::TrailReport => TrailReport {
    entries: i64::try_from(entries).unwrap_or(i64::MAX),
    audit_entries: i64::try_from(audit_entries).unwrap_or(i64::MAX),
    first_broken: first_broken.map(|b| {
        let bc::BrokenDocument {
            kind,
            number,
            seq,
            reason,
        } = b;
        BrokenDocument {
            kind: kind.as_str().to_string(),
            number,
            seq: i64::try_from(seq).unwrap_or(i64::MAX),
            reason,
        }
    }),
});

entity! {
    /// Two sessions of one resource or customer whose times overlap, in a file written before
    /// R-SESS-7; `shared` is "resource" or "customer".
    SessionOverlap {
        first: Uuid,
        second: Uuid,
        shared: String as "Literal[\"resource\", \"customer\"]",
    }
    repr(first, second, shared)
}

from_core!(bc::SessionOverlap => SessionOverlap {
    first,
    second,
    shared: match shared {
        bc::Shared::Resource => "resource",
        bc::Shared::Customer => "customer",
    }
    .to_string(),
});

entity! {
    /// A change of a customer's balance (R-BAL-3).
    LedgerEntry {
        id: Uuid,
        customer_id: Uuid,
        kind: String as "LedgerKind",
        amount: Decimal,
        reference: String,
        at: DateTime<Utc>,
    }
    repr(kind, amount, reference, at)
}

from_core!(bc::LedgerEntry => LedgerEntry {
    id,
    customer_id,
    kind: kind.as_str().to_string(),
    amount,
    reference,
    at,
});

entity! {
    /// One line of a customer's statement: an entry and the balance after it.
    StatementLine {
        entry: LedgerEntry,
        balance: Decimal,
    }
    repr(entry, balance)
}

impl From<bc::StatementLine> for StatementLine {
    fn from(l: bc::StatementLine) -> Self {
        let bc::StatementLine { entry, balance } = l;
        StatementLine {
            entry: entry.into(),
            balance,
        }
    }
}

entity! {
    /// A running session as the front desk sees it (R-REP-3).
    ActiveSession {
        session: Session,
        customer_name: String,
        resource_name: String,
        elapsed_minutes: i64,
        running_charge: Decimal,
    }
    repr(customer_name, resource_name, elapsed_minutes, running_charge)
}

from_core!(bc::ActiveSession => ActiveSession {
    session: session.into(),
    customer_name,
    resource_name,
    elapsed_minutes,
    running_charge,
});

entity! {
    /// What a running session would cost if ended at `at` (R-SESS-6).
    Quote {
        session_id: Uuid,
        at: DateTime<Utc>,
        duration_minutes: i64,
        billed_minutes: i64,
        charge: Decimal,
        subscription_id: Option<Uuid>,
        lines: Vec<InvoiceLine>,
        amount: Decimal,
    }
    repr(at, duration_minutes, billed_minutes, charge, amount)
}

from_core!(bc::Quote => Quote {
    session_id,
    at,
    duration_minutes,
    billed_minutes,
    charge,
    subscription_id,
    lines: lines.into_iter().map(Into::into).collect(),
    amount,
});

entity! {
    /// Money of one business day (R-REP-1).
    RevenueDay {
        date: NaiveDate,
        sessions: Decimal,
        consumptions: Decimal,
        subscriptions: Decimal,
        reservation_fees: Decimal,
        discounts: Decimal,
        vat: Decimal,
        vat_on_top: Decimal,
        voids: Decimal,
        refunds_cash: Decimal,
        refunds_card: Decimal,
        refunds_transfer: Decimal,
        refunds_to_balance: Decimal,
        write_offs: Decimal,
        net: Decimal,
        cash: Decimal,
        card: Decimal,
        transfer: Decimal,
        received: Decimal,
        credit_applied: Decimal,
    }
    repr(date, net, received, credit_applied)
}

from_core!(bc::RevenueDay => RevenueDay {
    date,
    sessions,
    consumptions,
    subscriptions,
    reservation_fees,
    discounts,
    vat,
    vat_on_top,
    voids,
    refunds_cash,
    refunds_card,
    refunds_transfer,
    refunds_to_balance,
    write_offs,
    net,
    cash,
    card,
    transfer,
    received,
    credit_applied,
});

entity! {
    /// Occupancy of one resource over a date range (R-REP-2).
    ResourceUtilization {
        resource_id: Uuid,
        resource_name: String,
        occupied_minutes: i64,
        range_minutes: i64,
        utilization: Decimal,
        occupied_minutes_24h: i64,
        range_minutes_24h: i64,
        utilization_24h: Decimal,
    }
    repr(resource_name, occupied_minutes, range_minutes, utilization)
}

impl From<bc::ResourceUtilization> for ResourceUtilization {
    fn from(u: bc::ResourceUtilization) -> Self {
        let bc::ResourceUtilization {
            resource_id,
            resource_name,
            occupied_minutes,
            range_minutes,
            utilization,
            occupied_minutes_24h,
            range_minutes_24h,
            utilization_24h,
        } = u;
        ResourceUtilization {
            resource_id,
            resource_name,
            occupied_minutes,
            range_minutes,
            utilization,
            occupied_minutes_24h,
            range_minutes_24h,
            utilization_24h,
        }
    }
}

entity! {
    /// A customer ranked by invoiced total (R-REP-3).
    TopCustomer {
        customer_id: Uuid,
        human_id: String,
        name: String,
        invoiced: Decimal,
        invoice_count: i64,
    }
    repr(human_id, name, invoiced, invoice_count)
}

from_core!(bc::TopCustomer => TopCustomer {
    customer_id,
    human_id,
    name,
    invoiced,
    invoice_count,
});

entity! {
    /// An invoice not fully paid (R-REP-3).
    OutstandingInvoice {
        invoice: Invoice,
        customer_human_id: String,
        customer_name: String,
        due: Decimal,
        is_overdue: bool,
    }
    repr(invoice, customer_human_id, customer_name, due, is_overdue)
}

from_core!(bc::OutstandingInvoice => OutstandingInvoice {
    invoice: invoice.into(),
    customer_human_id,
    customer_name,
    due,
    is_overdue,
});

entity! {
    /// The pricing policy of a space (§6).
    PricingPolicy {
        unit_minutes: i64,
        rounding: String as "Rounding",
        grace_minutes: i64,
        minimum_minutes: i64,
        daily_cap: Option<Decimal>,
    }
    repr(unit_minutes, rounding, grace_minutes, minimum_minutes, daily_cap)
}

from_core!(bc::PricingPolicy => PricingPolicy {
    unit_minutes: i64::from(unit_minutes),
    rounding: rounding.as_str().to_string(),
    grace_minutes: i64::from(grace_minutes),
    minimum_minutes: i64::from(minimum_minutes),
    daily_cap,
});

entity! {
    /// Default plan prices; `None` means the price must be given when subscribing.
    PlanPrices {
        weekly: Option<Decimal>,
        half_monthly: Option<Decimal>,
        monthly: Option<Decimal>,
    }
    repr(weekly, half_monthly, monthly)
}

from_core!(bc::PlanPrices => PlanPrices {
    weekly,
    half_monthly,
    monthly,
});

entity! {
    /// The settings of one space.
    Settings {
        time_zone: String,
        pricing: PricingPolicy,
        plan_prices: PlanPrices,
        invoice_due_days: i64,
        currency: String,
        max_cashier_discount: Decimal,
        require_shift: bool,
        opening_hours: Option<String>,
        booking: BookingPolicy,
        vat_percent: Decimal,
        prices_include_vat: bool,
        seller: SellerSettings,
    }
    repr(time_zone, pricing, plan_prices, invoice_due_days, currency, max_cashier_discount, require_shift, opening_hours, booking)
}

entity! {
    /// The seller data of e-receipts (R-TAX-2); `None` where not set.
    SellerSettings {
        rin: Option<String>,
        company_trade_name: Option<String>,
        branch_code: Option<String>,
        country: Option<String>,
        governate: Option<String>,
        region_city: Option<String>,
        street: Option<String>,
        building_number: Option<String>,
        device_serial_number: Option<String>,
        activity_code: Option<String>,
        item_type: Option<String>,
        session_item_code: Option<String>,
        consumption_item_code: Option<String>,
        subscription_item_code: Option<String>,
        reservation_fee_item_code: Option<String>,
    }
    repr(rin, company_trade_name, branch_code, device_serial_number)
}

from_core!(bc::SellerSettings => SellerSettings {
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
});

entity! {
    /// A produced e-receipt (R-TAX-2, R-TAX-3): `kind` is "sale" or "return"; `document` is the
    /// JSON exactly as produced and hashed.
    EReceipt {
        uuid: String,
        kind: String as "Literal[\"sale\", \"return\"]",
        document_id: Uuid,
        receipt_number: String,
        device_serial_number: String,
        previous_uuid: String,
        produced_at: DateTime<Utc>,
        document: String,
        submitted_at: Option<DateTime<Utc>>,
        submission_id: Option<String>,
    }
    repr(receipt_number, kind, uuid, submitted_at)
}

from_core!(bc::EReceipt => EReceipt {
    uuid,
    kind: kind.as_str().to_string(),
    document_id,
    receipt_number,
    device_serial_number,
    previous_uuid,
    produced_at,
    document,
    submitted_at,
    submission_id,
});

entity! {
    /// How rooms are booked ahead (R-BOOK-1..3).
    BookingPolicy {
        buffer_minutes: i64,
        max_booking_days: i64,
        cancel_notice_hours: i64,
        late_cancel_percent: Decimal,
        no_show_minutes: i64,
        no_show_percent: Decimal,
    }
    repr(buffer_minutes, max_booking_days, cancel_notice_hours, late_cancel_percent, no_show_minutes, no_show_percent)
}

from_core!(bc::BookingPolicy => BookingPolicy {
    buffer_minutes: i64::from(buffer_minutes),
    max_booking_days: i64::from(max_booking_days),
    cancel_notice_hours: i64::from(cancel_notice_hours),
    late_cancel_percent,
    no_show_minutes: i64::from(no_show_minutes),
    no_show_percent,
});

entity! {
    /// A resource booked ahead for a customer (R-BOOK-1); `status` is "booked", "checked_in",
    /// "cancelled" or "no_show".
    Reservation {
        id: Uuid,
        reservation_number: String,
        customer_id: Uuid,
        resource_id: Uuid,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        status: String as "ReservationStatus",
        rate_per_hour: Decimal,
        created_at: DateTime<Utc>,
        closed_at: Option<DateTime<Utc>>,
        session_id: Option<Uuid>,
        fee_invoice_id: Option<Uuid>,
    }
    repr(reservation_number, start, end, status)
    methods {
        /// Whole reserved minutes.
        #[getter]
        fn minutes(&self) -> i64 {
            (self.end - self.start).num_minutes()
        }
    }
}

from_core!(bc::Reservation => Reservation {
    id,
    reservation_number,
    customer_id,
    resource_id,
    start,
    end,
    status: status.as_str().to_string(),
    rate_per_hour,
    created_at,
    closed_at,
    session_id,
    fee_invoice_id,
});

from_core!(bc::Settings => Settings {
    time_zone: time_zone.name().to_string(),
    pricing: pricing.into(),
    plan_prices: plan_prices.into(),
    invoice_due_days: i64::from(invoice_due_days),
    currency,
    max_cashier_discount,
    require_shift,
    opening_hours: opening_hours.map(|h| h.to_string()),
    booking: booking.into(),
    vat_percent,
    prices_include_vat,
    seller: seller.into(),
});

entity! {
    /// A member of staff (R-STAFF-1); `role` is "cashier", "manager" or "owner". The PIN is never
    /// part of it.
    Operator {
        id: Uuid,
        name: String,
        role: String as "Role",
        is_active: bool,
        created_at: DateTime<Utc>,
    }
    repr(name, role, is_active)
}

from_core!(bc::Operator => Operator {
    id,
    name,
    role: role.as_str().to_string(),
    is_active,
    created_at,
});

entity! {
    /// One successful write (R-STAFF-4): who (`operator_id`, `None` in single-user mode), what
    /// (`operation`), the records it touched, its arguments as JSON, and its footprint.
    AuditEntry {
        seq: i64,
        at: DateTime<Utc>,
        operator_id: Option<Uuid>,
        operation: String,
        ids: Vec<Uuid>,
        args: String,
        footprint: String,
    }
    repr(seq, at, operation, operator_id)
}

from_core!(bc::AuditEntry => AuditEntry {
    seq: i64::try_from(seq).unwrap_or(i64::MAX),
    at,
    operator_id,
    operation,
    ids,
    args,
    footprint,
});

entity! {
    /// One operator's time on one cash drawer (R-SHIFT-1, R-SHIFT-3); the counted, expected and
    /// over/short figures are `None` while it is open.
    Shift {
        id: Uuid,
        drawer: String,
        opened_by: Option<Uuid>,
        opened_at: DateTime<Utc>,
        opening_float: Decimal,
        closed_by: Option<Uuid>,
        closed_at: Option<DateTime<Utc>>,
        counted_cash: Option<Decimal>,
        expected_cash: Option<Decimal>,
        over_short: Option<Decimal>,
    }
    repr(drawer, opened_at, opening_float, closed_at, over_short)
    methods {
        /// Whether the shift is still open.
        #[getter]
        fn is_open(&self) -> bool {
            self.closed_at.is_none()
        }
    }
}

from_core!(bc::Shift => Shift {
    id,
    drawer,
    opened_by,
    opened_at,
    opening_float,
    closed_by,
    closed_at,
    counted_cash,
    expected_cash,
    over_short,
});

entity! {
    /// Money that went through a shift (R-SHIFT-2): `kind` is "payment", "deposit", "refund",
    /// "pay_in" or "pay_out".
    DrawerEntry {
        id: Uuid,
        shift_id: Uuid,
        kind: String as "DrawerEntryKind",
        method: String as "PaymentMethod",
        amount: Decimal,
        reference: String,
        operator_id: Option<Uuid>,
        at: DateTime<Utc>,
    }
    repr(kind, method, amount, reference, at)
}

from_core!(bc::DrawerEntry => DrawerEntry {
    id,
    shift_id,
    kind: kind.as_str().to_string(),
    method: method.as_str().to_string(),
    amount,
    reference,
    operator_id,
    at,
});

entity! {
    /// Money per method.
    MethodTotals {
        cash: Decimal,
        card: Decimal,
        transfer: Decimal,
        balance: Decimal,
    }
    repr(cash, card, transfer, balance)
}

from_core!(bc::MethodTotals => MethodTotals {
    cash,
    card,
    transfer,
    balance,
});

entity! {
    /// A shift's figures (R-SHIFT-3): expected = opening float + cash received + pay-ins − cash
    /// refunds − pay-outs; over/short = counted − expected.
    ShiftReport {
        shift: Shift,
        opened_by_name: Option<String>,
        closed_by_name: Option<String>,
        received: MethodTotals,
        refunded: MethodTotals,
        pay_ins: Decimal,
        pay_outs: Decimal,
        expected_cash: Decimal,
        counted_cash: Option<Decimal>,
        over_short: Option<Decimal>,
        entries: Vec<DrawerEntry>,
    }
    repr(shift, expected_cash, counted_cash, over_short)
}

from_core!(bc::ShiftReport => ShiftReport {
    shift: shift.into(),
    opened_by_name,
    closed_by_name,
    received: received.into(),
    refunded: refunded.into(),
    pay_ins,
    pay_outs,
    expected_cash,
    counted_cash,
    over_short,
    entries: entries.into_iter().map(Into::into).collect(),
});

/// The sentinel that removes an optional setting in `update_settings` (`daily_cap=CLEAR`).
#[pyclass(frozen, module = "backspace")]
pub struct Clear;

#[pymethods]
impl Clear {
    fn __repr__(&self) -> &'static str {
        "backspace.CLEAR"
    }
}

/// The one list of entity classes: registered on the module, and stubbed in this order.
macro_rules! entity_classes {
    ($($class:ident),+ $(,)?) => {
        /// Registers the entity classes on the module.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add_class::<$class>()?;)+
            m.add_class::<Clear>()?;
            m.add("CLEAR", Py::new(m.py(), Clear)?)?;
            m.add_function(wrap_pyfunction!(_stubs, m)?)?;
            Ok(())
        }

        /// The entity classes' stubs, one after another.
        fn class_stubs() -> Vec<String> {
            vec![$($class::stub()),+]
        }
    };
}

entity_classes!(
    Customer,
    Resource,
    Session,
    InventoryItem,
    InventoryConsumption,
    StockMovement,
    Subscription,
    InvoiceLine,
    Payment,
    Invoice,
    Correction,
    CreditNote,
    ZReport,
    BrokenDocument,
    TrailReport,
    SessionOverlap,
    LedgerEntry,
    StatementLine,
    ActiveSession,
    Quote,
    RevenueDay,
    ResourceUtilization,
    TopCustomer,
    OutstandingInvoice,
    PricingPolicy,
    PlanPrices,
    Settings,
    SellerSettings,
    EReceipt,
    BookingPolicy,
    Reservation,
    Operator,
    AuditEntry,
    Shift,
    DrawerEntry,
    MethodTotals,
    ShiftReport,
);

/// The `Literal` aliases of the core's enums, as `__init__.pyi` declares them.
fn enum_aliases() -> Vec<String> {
    fn alias(name: &str, values: impl IntoIterator<Item = &'static str>) -> String {
        let quoted: Vec<String> = values.into_iter().map(|v| format!("\"{v}\"")).collect();
        format!("{name}: TypeAlias = Literal[{}]", quoted.join(", "))
    }
    macro_rules! aliases {
        ($($enum:ident),+) => {
            vec![$(alias(stringify!($enum), bc::$enum::ALL.iter().map(|v| v.as_str()))),+]
        };
    }
    aliases!(
        CustomerType,
        Plan,
        ResourceType,
        Category,
        MovementKind,
        LineKind,
        InvoiceStatus,
        PaymentMethod,
        LedgerKind,
        Role,
        ReservationStatus,
        DrawerEntryKind,
        Rounding
    )
}

/// The generated parts of `__init__.pyi`: `{"aliases": …, "entities": …}`, written there by
/// `bindings/python/scripts/stubgen.py` (which the test command runs with `--check`).
#[pyfunction]
fn _stubs() -> std::collections::BTreeMap<&'static str, String> {
    let mut aliases = enum_aliases().join("\n");
    aliases.push('\n');
    let entities = class_stubs().join("\n");
    [("aliases", aliases), ("entities", entities)]
        .into_iter()
        .collect()
}
