//! The `settings` row of each branch (defaults while absent) and the gapless `counters`.

use backspace_core::chrono_tz::Tz;
use backspace_core::money::to_decimal;
use backspace_core::{
    BookingPolicy, Counter, Error, OpeningHours, PlanPrices, PricingPolicy, Result, Rounding,
    SellerSettings, Settings,
};
use postgres::Row;

use crate::convert::{count, get, int, malformed, opt_money, opt_piastres, parsed, piastres};
use crate::db::Db;

const SELECT: &str = "SELECT time_zone, unit_minutes, rounding, grace_minutes, minimum_minutes,
        daily_cap_piastres, weekly_price_piastres, half_monthly_price_piastres,
        monthly_price_piastres, invoice_due_days, currency, max_cashier_discount_hundredths,
        require_shift, opening_hours, buffer_minutes, max_booking_days, cancel_notice_hours,
        late_cancel_hundredths, no_show_minutes, no_show_hundredths, vat_hundredths,
        prices_include_vat, seller
    FROM settings WHERE $1::integer IS NULL OR branch_id = $1 ORDER BY branch_id LIMIT 1";

fn from_row(row: &Row) -> Result<Settings> {
    let opening_hours = get::<Option<&str>>(row, 13)?
        .map(|t| t.parse::<OpeningHours>().map_err(|_| malformed(row, 13, t)))
        .transpose()?;
    Ok(Settings {
        time_zone: parsed::<Tz>(row, 0)?,
        pricing: PricingPolicy {
            unit_minutes: count(row, 1)?,
            rounding: parsed::<Rounding>(row, 2)?,
            grace_minutes: count(row, 3)?,
            minimum_minutes: count(row, 4)?,
            daily_cap: opt_money(row, 5)?,
        },
        plan_prices: PlanPrices {
            weekly: opt_money(row, 6)?,
            half_monthly: opt_money(row, 7)?,
            monthly: opt_money(row, 8)?,
        },
        invoice_due_days: count(row, 9)?,
        currency: get(row, 10)?,
        max_cashier_discount: to_decimal(get(row, 11)?),
        require_shift: get(row, 12)?,
        opening_hours,
        booking: BookingPolicy {
            buffer_minutes: count(row, 14)?,
            max_booking_days: count(row, 15)?,
            cancel_notice_hours: count(row, 16)?,
            late_cancel_percent: to_decimal(get(row, 17)?),
            no_show_minutes: count(row, 18)?,
            no_show_percent: to_decimal(get(row, 19)?),
        },
        vat_percent: to_decimal(get(row, 20)?),
        prices_include_vat: get(row, 21)?,
        seller: seller_from_json(&get::<serde_json::Value>(row, 22)?),
    })
}

/// The branch's saved settings, or the defaults when never saved. The chain view reads the
/// first branch's (its time zone groups the chain's reports).
pub(crate) fn get_settings(db: &mut Db<'_, '_>) -> Result<Settings> {
    let branch = db.branch();
    let saved = db.one(SELECT, &[&branch], from_row)?;
    Ok(saved.unwrap_or_default())
}

/// Saves every field of the branch's settings.
pub(crate) fn save(db: &mut Db<'_, '_>, s: &Settings) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec(
        "INSERT INTO settings (branch_id, time_zone, unit_minutes, rounding, grace_minutes,
             minimum_minutes, daily_cap_piastres, weekly_price_piastres,
             half_monthly_price_piastres, monthly_price_piastres, invoice_due_days, currency,
             max_cashier_discount_hundredths, require_shift, opening_hours, buffer_minutes,
             max_booking_days, cancel_notice_hours, late_cancel_hundredths, no_show_minutes,
             no_show_hundredths, vat_hundredths, prices_include_vat, seller)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
             $19, $20, $21, $22, $23, $24)
         ON CONFLICT (branch_id) DO UPDATE SET time_zone = EXCLUDED.time_zone,
             unit_minutes = EXCLUDED.unit_minutes, rounding = EXCLUDED.rounding,
             grace_minutes = EXCLUDED.grace_minutes, minimum_minutes = EXCLUDED.minimum_minutes,
             daily_cap_piastres = EXCLUDED.daily_cap_piastres,
             weekly_price_piastres = EXCLUDED.weekly_price_piastres,
             half_monthly_price_piastres = EXCLUDED.half_monthly_price_piastres,
             monthly_price_piastres = EXCLUDED.monthly_price_piastres,
             invoice_due_days = EXCLUDED.invoice_due_days, currency = EXCLUDED.currency,
             max_cashier_discount_hundredths = EXCLUDED.max_cashier_discount_hundredths,
             require_shift = EXCLUDED.require_shift, opening_hours = EXCLUDED.opening_hours,
             buffer_minutes = EXCLUDED.buffer_minutes,
             max_booking_days = EXCLUDED.max_booking_days,
             cancel_notice_hours = EXCLUDED.cancel_notice_hours,
             late_cancel_hundredths = EXCLUDED.late_cancel_hundredths,
             no_show_minutes = EXCLUDED.no_show_minutes,
             no_show_hundredths = EXCLUDED.no_show_hundredths,
             vat_hundredths = EXCLUDED.vat_hundredths,
             prices_include_vat = EXCLUDED.prices_include_vat, seller = EXCLUDED.seller",
        &[
            &branch,
            &s.time_zone.name(),
            &int(s.pricing.unit_minutes),
            &s.pricing.rounding.as_str(),
            &int(s.pricing.grace_minutes),
            &int(s.pricing.minimum_minutes),
            &opt_piastres(s.pricing.daily_cap),
            &opt_piastres(s.plan_prices.weekly),
            &opt_piastres(s.plan_prices.half_monthly),
            &opt_piastres(s.plan_prices.monthly),
            &int(s.invoice_due_days),
            &s.currency,
            &piastres(s.max_cashier_discount),
            &s.require_shift,
            &s.opening_hours.as_ref().map(|h| h.to_string()),
            &int(s.booking.buffer_minutes),
            &int(s.booking.max_booking_days),
            &int(s.booking.cancel_notice_hours),
            &piastres(s.booking.late_cancel_percent),
            &int(s.booking.no_show_minutes),
            &piastres(s.booking.no_show_percent),
            &piastres(s.vat_percent),
            &s.prices_include_vat,
            &seller_to_json(&s.seller),
        ],
    )
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

/// Takes the next number of a counter (1, 2, …): the chain's for customers, the branch's for
/// the rest. The row stays locked until the transaction ends, so numbers never repeat or skip.
pub(crate) fn next_number(db: &mut Db<'_, '_>, counter: Counter) -> Result<u64> {
    let branch = match counter {
        Counter::Customer => {
            db.writing_branch()?;
            0
        }
        _ => db.writing_branch()?,
    };
    let value: Option<i64> = db.one(
        "INSERT INTO counters (branch_id, name, value) VALUES ($1, $2, 1)
         ON CONFLICT (branch_id, name) DO UPDATE SET value = counters.value + 1
         RETURNING value",
        &[&branch, &counter_name(counter)],
        |r| get(r, 0),
    )?;
    value
        .and_then(|v| u64::try_from(v).ok())
        .ok_or_else(|| Error::storage(format!("counter {} is malformed", counter_name(counter))))
}

/// The seller data as a JSON object of its set fields.
fn seller_to_json(seller: &SellerSettings) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = seller
        .fields()
        .into_iter()
        .filter_map(|(k, v)| v.clone().map(|v| (k.to_string(), v.into())))
        .collect();
    serde_json::Value::Object(map)
}

/// The seller data from its JSON object; unknown members are ignored.
fn seller_from_json(value: &serde_json::Value) -> SellerSettings {
    let get = |k: &str| value.get(k).and_then(|v| v.as_str()).map(str::to_string);
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
