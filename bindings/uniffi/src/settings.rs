//! The settings (§6) and a partial change of them, in the shapes Kotlin and Swift need. The core's
//! `PlanPrices` and `SellerSettings` cross as they are; the policies and `Settings` itself differ
//! from the core's on purpose: the time zone and opening hours are text, and minutes and days are
//! `Int` in Kotlin and Swift (not `UInt`), so a negative value is a validation error. A setting that can be removed (the daily cap, the default plan prices) has a `clear_…`
//! flag beside it, since Kotlin and Swift have no "null meaning remove" distinct from "left out".

use backspace_core as bs;
use rust_decimal::Decimal;

use crate::enums::Rounding;
use crate::error::{BackspaceError, Result, non_negative, to_i32};
pub use backspace_core::{PlanPrices, SellerSettings};

/// The pricing policy of a space (§6).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PricingPolicy {
    /// Billed minutes are a multiple of this (≥ 1) (R-PRICE-1).
    pub unit_minutes: i32,
    /// How elapsed time is rounded to units (R-PRICE-2).
    pub rounding: Rounding,
    /// Sessions no longer than this are free (R-PRICE-3).
    pub grace_minutes: i32,
    /// A charged session bills at least this (R-PRICE-4).
    pub minimum_minutes: i32,
    /// At most this much per business day touched (R-PRICE-6).
    pub daily_cap: Option<Decimal>,
}

/// The settings of one space.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Settings {
    /// IANA time zone of business dates (default `Africa/Cairo`).
    pub time_zone: String,
    /// Pricing of timed sessions.
    pub pricing: PricingPolicy,
    /// Default plan prices.
    pub plan_prices: PlanPrices,
    /// Days from issue to due date (default 7).
    pub invoice_due_days: i32,
    /// Currency label shown to people (default `EGP`).
    pub currency: String,
    /// The largest discount percentage a cashier may give (default 10, R-STAFF-3).
    pub max_cashier_discount: Decimal,
    /// Whether cash may only move while a shift is open (R-SHIFT-2).
    pub require_shift: bool,
    /// Opening hours (`sun 09:00-23:00; …; fri closed`), null when always open (R-OPEN-1).
    pub opening_hours: Option<String>,
    /// Booking rules (R-BOOK-1..3).
    pub booking: BookingPolicy,
    /// VAT rate in percent (R-TAX-1).
    pub vat_percent: Decimal,
    /// Whether rates and prices include VAT.
    pub prices_include_vat: bool,
    /// Seller data of e-receipts (R-TAX-2).
    pub seller: SellerSettings,
}

/// How rooms are booked ahead (R-BOOK-1..3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BookingPolicy {
    /// Minutes kept free after each reservation.
    pub buffer_minutes: i32,
    /// How far ahead a booking may start, in days.
    pub max_booking_days: i32,
    /// Cancelling this many hours ahead is free.
    pub cancel_notice_hours: i32,
    /// Share of the reserved charge a late cancellation costs.
    pub late_cancel_percent: Decimal,
    /// Minutes after the start before a no-show.
    pub no_show_minutes: i32,
    /// Share of the reserved charge a no-show costs.
    pub no_show_percent: Decimal,
}

impl From<bs::Settings> for Settings {
    fn from(s: bs::Settings) -> Self {
        let bs::Settings {
            time_zone,
            pricing,
            plan_prices,
            invoice_due_days,
            currency,
            max_cashier_discount,
            require_shift,
            opening_hours,
            booking,
            vat_percent,
            prices_include_vat,
            seller,
        } = s;
        let bs::BookingPolicy {
            buffer_minutes,
            max_booking_days,
            cancel_notice_hours,
            late_cancel_percent,
            no_show_minutes,
            no_show_percent,
        } = booking;
        let bs::PricingPolicy {
            unit_minutes,
            rounding,
            grace_minutes,
            minimum_minutes,
            daily_cap,
        } = pricing;
        Settings {
            time_zone: time_zone.name().to_string(),
            pricing: PricingPolicy {
                unit_minutes: to_i32(unit_minutes),
                rounding,
                grace_minutes: to_i32(grace_minutes),
                minimum_minutes: to_i32(minimum_minutes),
                daily_cap,
            },
            plan_prices,
            invoice_due_days: to_i32(invoice_due_days),
            currency,
            max_cashier_discount,
            require_shift,
            opening_hours: opening_hours.map(|h| h.to_string()),
            booking: BookingPolicy {
                buffer_minutes: to_i32(buffer_minutes),
                max_booking_days: to_i32(max_booking_days),
                cancel_notice_hours: to_i32(cancel_notice_hours),
                late_cancel_percent,
                no_show_minutes: to_i32(no_show_minutes),
                no_show_percent,
            },
            vat_percent,
            prices_include_vat,
            seller,
        }
    }
}

/// A partial change of settings: a field left null stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct SettingsUpdate {
    /// IANA time zone name, e.g. `Africa/Cairo`.
    #[uniffi(default = None)]
    pub time_zone: Option<String>,
    /// Billing unit in minutes (1–1440).
    #[uniffi(default = None)]
    pub unit_minutes: Option<i32>,
    /// Rounding of elapsed time.
    #[uniffi(default = None)]
    pub rounding: Option<Rounding>,
    /// Grace period in minutes (0–1440).
    #[uniffi(default = None)]
    pub grace_minutes: Option<i32>,
    /// Minimum billed minutes (0–1440).
    #[uniffi(default = None)]
    pub minimum_minutes: Option<i32>,
    /// New daily cap.
    #[uniffi(default = None)]
    pub daily_cap: Option<Decimal>,
    /// Removes the daily cap.
    #[uniffi(default = false)]
    pub clear_daily_cap: bool,
    /// New default weekly price.
    #[uniffi(default = None)]
    pub weekly_price: Option<Decimal>,
    /// Removes the default weekly price.
    #[uniffi(default = false)]
    pub clear_weekly_price: bool,
    /// New default half-monthly price.
    #[uniffi(default = None)]
    pub half_monthly_price: Option<Decimal>,
    /// Removes the default half-monthly price.
    #[uniffi(default = false)]
    pub clear_half_monthly_price: bool,
    /// New default monthly price.
    #[uniffi(default = None)]
    pub monthly_price: Option<Decimal>,
    /// Removes the default monthly price.
    #[uniffi(default = false)]
    pub clear_monthly_price: bool,
    /// Days from issue to due date (0–365).
    #[uniffi(default = None)]
    pub invoice_due_days: Option<i32>,
    /// Currency label (1–10 characters).
    #[uniffi(default = None)]
    pub currency: Option<String>,
    /// The largest discount percentage a cashier may give (0–100).
    #[uniffi(default = None)]
    pub max_cashier_discount: Option<Decimal>,
    /// Whether cash may only move while a shift is open.
    #[uniffi(default = None)]
    pub require_shift: Option<bool>,
    /// New opening hours (`sun-thu 09:00-23:00; fri closed`).
    #[uniffi(default = None)]
    pub opening_hours: Option<String>,
    /// Removes the opening hours: always open.
    #[uniffi(default = false)]
    pub clear_opening_hours: bool,
    /// Minutes kept free after each reservation (0–1440).
    #[uniffi(default = None)]
    pub buffer_minutes: Option<i32>,
    /// How far ahead a booking may start, in days (1–3660).
    #[uniffi(default = None)]
    pub max_booking_days: Option<i32>,
    /// Hours of notice for a free cancellation (0–8760).
    #[uniffi(default = None)]
    pub cancel_notice_hours: Option<i32>,
    /// Share of the reserved charge a late cancellation costs (0–100).
    #[uniffi(default = None)]
    pub late_cancel_percent: Option<Decimal>,
    /// Minutes after the start before a no-show (0–1440).
    #[uniffi(default = None)]
    pub no_show_minutes: Option<i32>,
    /// Share of the reserved charge a no-show costs (0–100).
    #[uniffi(default = None)]
    pub no_show_percent: Option<Decimal>,
    /// VAT rate in percent (0–100).
    #[uniffi(default = None)]
    pub vat_percent: Option<Decimal>,
    /// Whether rates and prices include VAT.
    #[uniffi(default = None)]
    pub prices_include_vat: Option<bool>,
    /// New seller data of e-receipts (replaces all of it).
    #[uniffi(default = None)]
    pub seller: Option<SellerSettings>,
}

/// A removable setting: a new value, a removal, or no change; both at once is an error.
fn removable(field: &str, value: Option<Decimal>, clear: bool) -> Result<Option<Option<Decimal>>> {
    match (value, clear) {
        (Some(_), true) => Err(BackspaceError::validation(
            field,
            format!("give a new {field} or clear it, not both"),
        )),
        (Some(v), false) => Ok(Some(Some(v))),
        (None, true) => Ok(Some(None)),
        (None, false) => Ok(None),
    }
}

fn count(field: &str, v: Option<i32>) -> Result<Option<u32>> {
    v.map(|v| non_negative(field, v)).transpose()
}

impl TryFrom<SettingsUpdate> for bs::SettingsUpdate {
    type Error = BackspaceError;

    fn try_from(u: SettingsUpdate) -> Result<Self> {
        let SettingsUpdate {
            time_zone,
            unit_minutes,
            rounding,
            grace_minutes,
            minimum_minutes,
            daily_cap,
            clear_daily_cap,
            weekly_price,
            clear_weekly_price,
            half_monthly_price,
            clear_half_monthly_price,
            monthly_price,
            clear_monthly_price,
            invoice_due_days,
            currency,
            max_cashier_discount,
            require_shift,
            opening_hours,
            clear_opening_hours,
            buffer_minutes,
            max_booking_days,
            cancel_notice_hours,
            late_cancel_percent,
            no_show_minutes,
            no_show_percent,
            vat_percent,
            prices_include_vat,
            seller,
        } = u;
        let opening_hours = match (opening_hours, clear_opening_hours) {
            (Some(_), true) => {
                return Err(BackspaceError::validation(
                    "opening_hours",
                    "give new opening hours or clear them, not both",
                ));
            }
            (Some(h), false) => Some(Some(h)),
            (None, true) => Some(None),
            (None, false) => None,
        };
        Ok(bs::SettingsUpdate {
            time_zone,
            unit_minutes: count("unit_minutes", unit_minutes)?,
            rounding,
            grace_minutes: count("grace_minutes", grace_minutes)?,
            minimum_minutes: count("minimum_minutes", minimum_minutes)?,
            daily_cap: removable("daily_cap", daily_cap, clear_daily_cap)?,
            weekly_price: removable("weekly_price", weekly_price, clear_weekly_price)?,
            half_monthly_price: removable(
                "half_monthly_price",
                half_monthly_price,
                clear_half_monthly_price,
            )?,
            monthly_price: removable("monthly_price", monthly_price, clear_monthly_price)?,
            invoice_due_days: count("invoice_due_days", invoice_due_days)?,
            currency,
            max_cashier_discount,
            require_shift,
            opening_hours,
            buffer_minutes: count("buffer_minutes", buffer_minutes)?,
            max_booking_days: count("max_booking_days", max_booking_days)?,
            cancel_notice_hours: count("cancel_notice_hours", cancel_notice_hours)?,
            late_cancel_percent,
            no_show_minutes: count("no_show_minutes", no_show_minutes)?,
            no_show_percent,
            vat_percent,
            prices_include_vat,
            seller,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clear_flags_remove_and_values_set() {
        let u = SettingsUpdate {
            daily_cap: Some(Decimal::new(10000, 2)),
            clear_weekly_price: true,
            unit_minutes: Some(15),
            ..SettingsUpdate::default()
        };
        let core = bs::SettingsUpdate::try_from(u);
        assert_eq!(
            core.map(|c| (c.daily_cap, c.weekly_price, c.unit_minutes, c.monthly_price)),
            Ok((
                Some(Some(Decimal::new(10000, 2))),
                Some(None),
                Some(15),
                None
            ))
        );
    }

    #[test]
    fn both_a_value_and_clear_or_a_negative_count_is_a_validation_error() {
        let both = SettingsUpdate {
            daily_cap: Some(Decimal::ONE),
            clear_daily_cap: true,
            ..SettingsUpdate::default()
        };
        assert!(matches!(
            bs::SettingsUpdate::try_from(both),
            Err(BackspaceError::Validation { .. })
        ));
        let negative = SettingsUpdate {
            grace_minutes: Some(-5),
            ..SettingsUpdate::default()
        };
        assert_eq!(
            bs::SettingsUpdate::try_from(negative).map_err(|e| e.to_string()),
            Err("invalid grace_minutes: must not be negative, got -5".to_string())
        );
    }
}
