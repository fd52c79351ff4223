//! The `settings` row (one row, id 1; defaults while absent) and the `counters` table.

use backspace_core::chrono_tz::Tz;
use backspace_core::{
    BookingPolicy, Counter, Error, OpeningHours, PlanPrices, PricingPolicy, Result, Rounding,
    SellerSettings, Settings,
};
use rusqlite::{Connection, Row, named_params};

use crate::convert::{get_flag, get_int, get_opt_money, get_parsed, opt_piastres};
use crate::error::Db;
use crate::query::{exec, one};
use backspace_core::money::to_decimal;

fn from_row(row: &Row<'_>) -> rusqlite::Result<Settings> {
    Ok(Settings {
        time_zone: get_parsed::<Tz>(row, "time_zone")?,
        pricing: PricingPolicy {
            unit_minutes: get_int(row, "unit_minutes")?,
            rounding: get_parsed::<Rounding>(row, "rounding")?,
            grace_minutes: get_int(row, "grace_minutes")?,
            minimum_minutes: get_int(row, "minimum_minutes")?,
            daily_cap: get_opt_money(row, "daily_cap_piastres")?,
        },
        plan_prices: PlanPrices {
            weekly: get_opt_money(row, "weekly_price_piastres")?,
            half_monthly: get_opt_money(row, "half_monthly_price_piastres")?,
            monthly: get_opt_money(row, "monthly_price_piastres")?,
        },
        invoice_due_days: get_int(row, "invoice_due_days")?,
        currency: row.get("currency")?,
        max_cashier_discount: to_decimal(row.get("max_cashier_discount_hundredths")?),
        require_shift: get_flag(row, "require_shift")?,
        opening_hours: row
            .get::<_, Option<String>>("opening_hours")?
            .map(|t| t.parse::<OpeningHours>())
            .transpose()
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
        vat_percent: to_decimal(row.get("vat_hundredths")?),
        prices_include_vat: get_flag(row, "prices_include_vat")?,
        seller: seller_from_json(&row.get::<_, String>("seller")?),
        booking: BookingPolicy {
            buffer_minutes: get_int(row, "buffer_minutes")?,
            max_booking_days: get_int(row, "max_booking_days")?,
            cancel_notice_hours: get_int(row, "cancel_notice_hours")?,
            late_cancel_percent: to_decimal(row.get("late_cancel_hundredths")?),
            no_show_minutes: get_int(row, "no_show_minutes")?,
            no_show_percent: to_decimal(row.get("no_show_hundredths")?),
        },
    })
}

/// The saved settings, or the defaults when never saved.
pub(crate) fn get(conn: &Connection) -> Result<Settings> {
    let saved = one(conn, "SELECT * FROM settings WHERE id = 1", [], from_row)?;
    Ok(saved.unwrap_or_default())
}

/// Saves every field of the settings.
pub(crate) fn save(conn: &Connection, s: &Settings) -> Result<()> {
    exec(
        conn,
        "INSERT OR REPLACE INTO settings (id, time_zone, unit_minutes, rounding, grace_minutes,
             minimum_minutes, daily_cap_piastres, weekly_price_piastres,
             half_monthly_price_piastres, monthly_price_piastres, invoice_due_days, currency,
             max_cashier_discount_hundredths, require_shift, opening_hours, buffer_minutes,
             max_booking_days, cancel_notice_hours, late_cancel_hundredths, no_show_minutes,
             no_show_hundredths, vat_hundredths, prices_include_vat, seller)
         VALUES (1, :time_zone, :unit_minutes, :rounding, :grace_minutes, :minimum_minutes,
             :daily_cap, :weekly, :half_monthly, :monthly, :invoice_due_days, :currency,
             :max_cashier_discount, :require_shift, :opening_hours, :buffer_minutes,
             :max_booking_days, :cancel_notice_hours, :late_cancel, :no_show_minutes,
             :no_show, :vat, :inclusive, :seller)",
        named_params! {
            ":time_zone": s.time_zone.name(),
            ":unit_minutes": s.pricing.unit_minutes,
            ":rounding": s.pricing.rounding.as_str(),
            ":grace_minutes": s.pricing.grace_minutes,
            ":minimum_minutes": s.pricing.minimum_minutes,
            ":daily_cap": opt_piastres(s.pricing.daily_cap),
            ":weekly": opt_piastres(s.plan_prices.weekly),
            ":half_monthly": opt_piastres(s.plan_prices.half_monthly),
            ":monthly": opt_piastres(s.plan_prices.monthly),
            ":invoice_due_days": s.invoice_due_days,
            ":currency": s.currency,
            ":max_cashier_discount": opt_piastres(Some(s.max_cashier_discount)),
            ":require_shift": s.require_shift,
            ":opening_hours": s.opening_hours.map(|h| h.to_string()),
            ":buffer_minutes": s.booking.buffer_minutes,
            ":max_booking_days": s.booking.max_booking_days,
            ":cancel_notice_hours": s.booking.cancel_notice_hours,
            ":late_cancel": opt_piastres(Some(s.booking.late_cancel_percent)),
            ":no_show_minutes": s.booking.no_show_minutes,
            ":no_show": opt_piastres(Some(s.booking.no_show_percent)),
            ":vat": opt_piastres(Some(s.vat_percent)),
            ":inclusive": s.prices_include_vat,
            ":seller": seller_to_json(&s.seller),
        },
    )
    .db()
    .map(|_| ())
}

/// The counter's row name.
fn counter_name(counter: Counter) -> &'static str {
    match counter {
        Counter::Customer => "customer",
        Counter::Invoice => "invoice",
        Counter::CreditNote => "credit_note",
        Counter::Reservation => "reservation",
    }
}

/// Takes the next number of a counter (1, 2, …). A read and an update rather than one
/// `… RETURNING`: SQLite gathers `RETURNING` rows in a temporary table it creates and drops per
/// run, which cost more than the statement itself. Writes run in `BEGIN IMMEDIATE`
/// transactions, so nothing can take the number between the two.
pub(crate) fn next_number(conn: &Connection, counter: Counter) -> Result<u64> {
    let name = counter_name(counter);
    let current: Option<i64> = one(
        conn,
        "SELECT value FROM counters WHERE name = ?1",
        [name],
        |r| r.get(0),
    )?;
    let next = current
        .unwrap_or(0)
        .checked_add(1)
        .and_then(|v| u64::try_from(v).ok())
        .ok_or_else(|| Error::storage(format!("counter {name} is malformed")))?;
    exec(
        conn,
        "INSERT INTO counters (name, value) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        rusqlite::params![name, next as i64],
    )
    .db()?;
    Ok(next)
}

/// The seller data as a JSON object of its set fields.
fn seller_to_json(seller: &SellerSettings) -> String {
    let map: serde_json::Map<String, serde_json::Value> = seller
        .fields()
        .into_iter()
        .filter_map(|(k, v)| v.clone().map(|v| (k.to_string(), v.into())))
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// The seller data from its JSON object; unknown members are ignored.
fn seller_from_json(text: &str) -> SellerSettings {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(text).unwrap_or_default();
    let get = |k: &str| map.get(k).and_then(|v| v.as_str()).map(str::to_string);
    SellerSettings {
        rin: get("rin"),
        company_trade_name: get("company_trade_name"),
        branch_code: get("branch_code"),
        country: get("country"),
        governate: get("governate"),
        region_city: get("region_city"),
        street: get("street"),
        building_number: get("building_number"),
        device_serial_number: get("device_serial_number"),
        activity_code: get("activity_code"),
        item_type: get("item_type"),
        session_item_code: get("session_item_code"),
        consumption_item_code: get("consumption_item_code"),
        subscription_item_code: get("subscription_item_code"),
        reservation_fee_item_code: get("reservation_fee_item_code"),
    }
}
