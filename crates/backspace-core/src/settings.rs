//! Per-space settings: time zone, pricing policy (§6), plan prices, due days, currency.

use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::booking::OpeningHours;
use crate::error::{Error, Result};
use crate::model::Plan;
use crate::money::{Zero, normalize_amount, parse_percent};

/// How elapsed time is rounded to billing units (R-PRICE-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Rounding {
    /// To the next whole unit (default).
    #[default]
    Up,
    /// To the nearest unit, half a unit rounding up.
    Nearest,
    /// Down to a whole unit.
    Down,
}

impl Rounding {
    /// Every value, in declaration order.
    pub const ALL: &'static [Rounding] = &[Rounding::Up, Rounding::Nearest, Rounding::Down];

    /// `up`, `nearest` or `down`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rounding::Up => "up",
            Rounding::Nearest => "nearest",
            Rounding::Down => "down",
        }
    }
}

impl std::str::FromStr for Rounding {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "up" => Ok(Rounding::Up),
            "nearest" => Ok(Rounding::Nearest),
            "down" => Ok(Rounding::Down),
            other => Err(Error::validation(
                "rounding",
                format!("must be up, nearest or down, got {other:?}"),
            )),
        }
    }
}

/// The pricing policy of a space (§6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricingPolicy {
    /// Billed minutes are a multiple of this (≥ 1).
    pub unit_minutes: u32,
    /// How elapsed time is rounded to units.
    pub rounding: Rounding,
    /// Sessions no longer than this are free.
    pub grace_minutes: u32,
    /// A charged session bills at least this.
    pub minimum_minutes: u32,
    /// At most this much per business day touched.
    pub daily_cap: Option<Decimal>,
}

impl Default for PricingPolicy {
    fn default() -> Self {
        PricingPolicy {
            unit_minutes: 1,
            rounding: Rounding::Up,
            grace_minutes: 0,
            minimum_minutes: 0,
            daily_cap: None,
        }
    }
}

/// The seller data of e-receipts (R-TAX-2), as registered with the Tax Authority. Every field
/// is needed to produce a receipt; an item code is needed for each kind of line sold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SellerSettings {
    /// Tax registration number (`rin`).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub rin: Option<String>,
    /// Trade name.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub company_trade_name: Option<String>,
    /// Branch code as registered (`0` for the head office).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub branch_code: Option<String>,
    /// Branch address: country code (`EG`).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub country: Option<String>,
    /// Branch address: governorate.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub governate: Option<String>,
    /// Branch address: region or city.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub region_city: Option<String>,
    /// Branch address: street.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub street: Option<String>,
    /// Branch address: building number.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub building_number: Option<String>,
    /// The point-of-sale device's serial number; receipts chain per device.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub device_serial_number: Option<String>,
    /// Activity code.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub activity_code: Option<String>,
    /// Coding scheme of item codes (`EGS` or `GS1`).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub item_type: Option<String>,
    /// Item code of session lines.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub session_item_code: Option<String>,
    /// Item code of café lines.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub consumption_item_code: Option<String>,
    /// Item code of subscription lines.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub subscription_item_code: Option<String>,
    /// Item code of reservation fee lines.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub reservation_fee_item_code: Option<String>,
}

/// How rooms are booked ahead (R-BOOK-1..3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingPolicy {
    /// Minutes kept free after each reservation (default 0).
    pub buffer_minutes: u32,
    /// How far ahead a booking may start, in days (default 90).
    pub max_booking_days: u32,
    /// Cancelling at least this many hours before the start is free (default 24).
    pub cancel_notice_hours: u32,
    /// A later cancellation is invoiced this share of the reserved charge (default 50).
    pub late_cancel_percent: Decimal,
    /// A booking not checked in this many minutes after its start is a no-show (default 15).
    pub no_show_minutes: u32,
    /// A no-show is invoiced this share of the reserved charge (default 100).
    pub no_show_percent: Decimal,
}

impl Default for BookingPolicy {
    fn default() -> Self {
        BookingPolicy {
            buffer_minutes: 0,
            max_booking_days: 90,
            cancel_notice_hours: 24,
            late_cancel_percent: Decimal::new(5000, 2),
            no_show_minutes: 15,
            no_show_percent: Decimal::new(10000, 2),
        }
    }
}

/// Default prices of the subscription plans; `None` means the price must be given when subscribing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PlanPrices {
    /// Weekly plan price.
    pub weekly: Option<Decimal>,
    /// Half-monthly plan price.
    pub half_monthly: Option<Decimal>,
    /// Monthly plan price.
    pub monthly: Option<Decimal>,
}

impl PlanPrices {
    /// The configured price of `plan`.
    pub fn get(&self, plan: Plan) -> Option<Decimal> {
        match plan {
            Plan::Weekly => self.weekly,
            Plan::HalfMonthly => self.half_monthly,
            Plan::Monthly => self.monthly,
        }
    }
}

/// The settings of one space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// IANA time zone of business dates (default `Africa/Cairo`).
    pub time_zone: Tz,
    /// Pricing of timed sessions.
    pub pricing: PricingPolicy,
    /// Default plan prices.
    pub plan_prices: PlanPrices,
    /// Days from issue to due date (default 7).
    pub invoice_due_days: u32,
    /// Currency label shown to people (default `EGP`).
    pub currency: String,
    /// The largest discount percentage a cashier may give (default 10, R-STAFF-3).
    pub max_cashier_discount: Decimal,
    /// Whether cash may only move while a shift is open (default false, R-SHIFT-2).
    pub require_shift: bool,
    /// VAT rate in percent, 0–100 with two decimals (default 0: no VAT, R-TAX-1).
    pub vat_percent: Decimal,
    /// Whether rates and prices include VAT (default true: they are what the customer pays).
    pub prices_include_vat: bool,
    /// Opening hours per weekday (R-OPEN-1); `None` is always open.
    pub opening_hours: Option<OpeningHours>,
    /// Booking rules (R-BOOK-1..3).
    pub booking: BookingPolicy,
    /// Seller data of e-receipts (R-TAX-2).
    pub seller: SellerSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            time_zone: chrono_tz::Africa::Cairo,
            pricing: PricingPolicy::default(),
            plan_prices: PlanPrices::default(),
            invoice_due_days: 7,
            currency: "EGP".to_string(),
            max_cashier_discount: Decimal::new(1000, 2),
            require_shift: false,
            vat_percent: Decimal::new(0, 2),
            prices_include_vat: true,
            opening_hours: None,
            booking: BookingPolicy::default(),
            seller: SellerSettings::default(),
        }
    }
}

/// A partial change of settings: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsUpdate {
    /// IANA time zone name, e.g. `Africa/Cairo`.
    pub time_zone: Option<String>,
    /// Billing unit in minutes (≥ 1, ≤ 1440).
    pub unit_minutes: Option<u32>,
    /// Rounding of elapsed time.
    pub rounding: Option<Rounding>,
    /// Grace period in minutes (≤ 1440).
    pub grace_minutes: Option<u32>,
    /// Minimum billed minutes (≤ 1440).
    pub minimum_minutes: Option<u32>,
    /// `Some(None)` removes the cap.
    pub daily_cap: Option<Option<Decimal>>,
    /// `Some(None)` removes the default weekly price.
    pub weekly_price: Option<Option<Decimal>>,
    /// `Some(None)` removes the default half-monthly price.
    pub half_monthly_price: Option<Option<Decimal>>,
    /// `Some(None)` removes the default monthly price.
    pub monthly_price: Option<Option<Decimal>>,
    /// Days from issue to due date (≤ 365).
    pub invoice_due_days: Option<u32>,
    /// Currency label (1–10 characters).
    pub currency: Option<String>,
    /// The largest discount percentage a cashier may give (0–100, two decimals).
    pub max_cashier_discount: Option<Decimal>,
    /// Whether cash may only move while a shift is open.
    pub require_shift: Option<bool>,
    /// VAT rate in percent (0–100, two decimals).
    pub vat_percent: Option<Decimal>,
    /// Whether rates and prices include VAT.
    pub prices_include_vat: Option<bool>,
    /// Opening hours as text (`sun-thu 09:00-23:00; fri closed`); `Some(None)` is always open.
    pub opening_hours: Option<Option<String>>,
    /// Minutes kept free after each reservation (≤ 1440).
    pub buffer_minutes: Option<u32>,
    /// How far ahead a booking may start, in days (1–3660).
    pub max_booking_days: Option<u32>,
    /// Hours of notice for a free cancellation (≤ 8760).
    pub cancel_notice_hours: Option<u32>,
    /// Share of the reserved charge a late cancellation costs (0–100).
    pub late_cancel_percent: Option<Decimal>,
    /// Minutes after the start before a booking is a no-show (≤ 1440).
    pub no_show_minutes: Option<u32>,
    /// Share of the reserved charge a no-show costs (0–100).
    pub no_show_percent: Option<Decimal>,
    /// New seller data of e-receipts (replaces all of it; a blank field is none).
    pub seller: Option<SellerSettings>,
}

/// Parses an IANA time zone name.
pub fn parse_time_zone(name: &str) -> Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| {
        Error::validation(
            "time_zone",
            format!("{name:?} is not an IANA time zone name"),
        )
    })
}

fn minutes(field: &str, v: u32, min: u32) -> Result<u32> {
    if v < min || v > 1440 {
        return Err(Error::validation(
            field,
            format!("must be between {min} and 1440 minutes, got {v}"),
        ));
    }
    Ok(v)
}

fn bounded(field: &str, v: u32, min: u32, max: u32) -> Result<u32> {
    if v < min || v > max {
        return Err(Error::validation(
            field,
            format!("must be between {min} and {max}, got {v}"),
        ));
    }
    Ok(v)
}

fn price(field: &str, v: Option<Decimal>) -> Result<Option<Decimal>> {
    v.map(|p| normalize_amount(field, p, Zero::Allowed))
        .transpose()
}

impl Settings {
    /// Applies `update` to a copy of these settings, validating every field given.
    pub fn updated(&self, update: &SettingsUpdate) -> Result<Settings> {
        let mut s = self.clone();
        if let Some(tz) = &update.time_zone {
            s.time_zone = parse_time_zone(tz)?;
        }
        if let Some(v) = update.unit_minutes {
            s.pricing.unit_minutes = minutes("unit_minutes", v, 1)?;
        }
        if let Some(v) = update.rounding {
            s.pricing.rounding = v;
        }
        if let Some(v) = update.grace_minutes {
            s.pricing.grace_minutes = minutes("grace_minutes", v, 0)?;
        }
        if let Some(v) = update.minimum_minutes {
            s.pricing.minimum_minutes = minutes("minimum_minutes", v, 0)?;
        }
        if let Some(v) = update.daily_cap {
            s.pricing.daily_cap = price("daily_cap", v)?;
        }
        if let Some(v) = update.weekly_price {
            s.plan_prices.weekly = price("weekly_price", v)?;
        }
        if let Some(v) = update.half_monthly_price {
            s.plan_prices.half_monthly = price("half_monthly_price", v)?;
        }
        if let Some(v) = update.monthly_price {
            s.plan_prices.monthly = price("monthly_price", v)?;
        }
        if let Some(v) = update.invoice_due_days {
            if v > 365 {
                return Err(Error::validation(
                    "invoice_due_days",
                    format!("must be at most 365, got {v}"),
                ));
            }
            s.invoice_due_days = v;
        }
        if let Some(c) = &update.currency {
            let c = c.trim();
            if c.is_empty() || c.chars().count() > 10 {
                return Err(Error::validation(
                    "currency",
                    format!("must be 1 to 10 characters, got {c:?}"),
                ));
            }
            s.currency = c.to_string();
        }
        if let Some(p) = update.max_cashier_discount {
            s.max_cashier_discount = parse_percent("max_cashier_discount", p)?.to_decimal();
        }
        if let Some(v) = update.require_shift {
            s.require_shift = v;
        }
        if let Some(p) = update.vat_percent {
            s.vat_percent = parse_percent("vat_percent", p)?.to_decimal();
        }
        if let Some(v) = update.prices_include_vat {
            s.prices_include_vat = v;
        }
        if let Some(seller) = &update.seller {
            s.seller = seller.cleaned()?;
        }
        if let Some(v) = &update.opening_hours {
            s.opening_hours = v.as_deref().map(str::parse).transpose()?;
        }
        let b = &mut s.booking;
        if let Some(v) = update.buffer_minutes {
            b.buffer_minutes = minutes("buffer_minutes", v, 0)?;
        }
        if let Some(v) = update.max_booking_days {
            b.max_booking_days = bounded("max_booking_days", v, 1, 3660)?;
        }
        if let Some(v) = update.cancel_notice_hours {
            b.cancel_notice_hours = bounded("cancel_notice_hours", v, 0, 8760)?;
        }
        if let Some(p) = update.late_cancel_percent {
            b.late_cancel_percent = parse_percent("late_cancel_percent", p)?.to_decimal();
        }
        if let Some(v) = update.no_show_minutes {
            b.no_show_minutes = minutes("no_show_minutes", v, 0)?;
        }
        if let Some(p) = update.no_show_percent {
            b.no_show_percent = parse_percent("no_show_percent", p)?.to_decimal();
        }
        Ok(s)
    }
}

impl SellerSettings {
    /// Every field, by its name in settings.
    pub fn fields(&self) -> [(&'static str, &Option<String>); 15] {
        [
            ("rin", &self.rin),
            ("company_trade_name", &self.company_trade_name),
            ("branch_code", &self.branch_code),
            ("country", &self.country),
            ("governate", &self.governate),
            ("region_city", &self.region_city),
            ("street", &self.street),
            ("building_number", &self.building_number),
            ("device_serial_number", &self.device_serial_number),
            ("activity_code", &self.activity_code),
            ("item_type", &self.item_type),
            ("session_item_code", &self.session_item_code),
            ("consumption_item_code", &self.consumption_item_code),
            ("subscription_item_code", &self.subscription_item_code),
            ("reservation_fee_item_code", &self.reservation_fee_item_code),
        ]
    }

    /// Trimmed, blank fields none, each at most 200 characters without control characters.
    pub fn cleaned(&self) -> Result<SellerSettings> {
        let clean = |field: &str, v: &Option<String>| -> Result<Option<String>> {
            let Some(t) = v.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
                return Ok(None);
            };
            if t.chars().count() > 200 || t.chars().any(char::is_control) {
                return Err(Error::validation(
                    &format!("seller.{field}"),
                    "must be at most 200 characters, without control characters",
                ));
            }
            Ok(Some(t.to_string()))
        };
        Ok(SellerSettings {
            rin: clean("rin", &self.rin)?,
            company_trade_name: clean("company_trade_name", &self.company_trade_name)?,
            branch_code: clean("branch_code", &self.branch_code)?,
            country: clean("country", &self.country)?,
            governate: clean("governate", &self.governate)?,
            region_city: clean("region_city", &self.region_city)?,
            street: clean("street", &self.street)?,
            building_number: clean("building_number", &self.building_number)?,
            device_serial_number: clean("device_serial_number", &self.device_serial_number)?,
            activity_code: clean("activity_code", &self.activity_code)?,
            item_type: clean("item_type", &self.item_type)?,
            session_item_code: clean("session_item_code", &self.session_item_code)?,
            consumption_item_code: clean("consumption_item_code", &self.consumption_item_code)?,
            subscription_item_code: clean("subscription_item_code", &self.subscription_item_code)?,
            reservation_fee_item_code: clean(
                "reservation_fee_item_code",
                &self.reservation_fee_item_code,
            )?,
        })
    }
}
