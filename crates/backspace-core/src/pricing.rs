//! Session pricing (§6) as pure functions of the policy, the rate and the two instants.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::clock::business_date;
use crate::error::Result;
use crate::money::Piastres;
use crate::settings::{PricingPolicy, Rounding};

/// The price of a session under a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionCharge {
    /// Whole elapsed minutes (R-SESS-4).
    pub duration_minutes: i64,
    /// Billed minutes (R-PRICE-1..4); 0 within the grace period.
    pub billed_minutes: i64,
    /// Charge (R-PRICE-5, R-PRICE-6).
    pub charge: Piastres,
}

/// Billed minutes for `elapsed_seconds` whole seconds (R-PRICE-1..4).
pub fn billed_minutes(policy: &PricingPolicy, elapsed_seconds: i64) -> i64 {
    let s = elapsed_seconds.max(0);
    // With no grace, this is what makes a zero-length session free.
    if s <= i64::from(policy.grace_minutes) * 60 {
        return 0;
    }
    let unit = i64::from(policy.unit_minutes.max(1));
    let unit_s = unit * 60;
    let units = match policy.rounding {
        Rounding::Up => (s + unit_s - 1) / unit_s,
        Rounding::Nearest => (2 * s + unit_s) / (2 * unit_s),
        Rounding::Down => s / unit_s,
    };
    let rounded = units * unit;
    let minimum = (i64::from(policy.minimum_minutes) + unit - 1) / unit * unit;
    rounded.max(minimum)
}

/// Number of business dates the instants in [start, end) fall on; a zero-length session touches one.
pub fn business_days_touched(start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz) -> i64 {
    let first = business_date(start, tz);
    let last = if end > start {
        business_date(end - Duration::microseconds(1), tz)
    } else {
        first
    };
    (last - first).num_days() + 1
}

/// The charge of a session from `start` to `end` at `rate` per hour (§6): billed minutes ×
/// rate ÷ 60, rounded once (R-PRICE-5), at most the daily cap per business day touched
/// (R-PRICE-6). A charge beyond 64-bit piastres is an error.
pub fn session_charge(
    policy: &PricingPolicy,
    rate: Piastres,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    tz: Tz,
) -> Result<SessionCharge> {
    let seconds = (end - start).num_seconds().max(0);
    let billed = billed_minutes(policy, seconds);
    let mut charge = rate.mul_div_round(billed, 60)?;
    if let Some(cap) = policy.daily_cap {
        let cap = Piastres::from_decimal("daily_cap", cap)?;
        // Caps adding up beyond 64-bit piastres are above any charge: they do not bind.
        if let Ok(caps) = cap.checked_mul(business_days_touched(start, end, tz)) {
            charge = charge.min(caps);
        }
    }
    Ok(SessionCharge {
        duration_minutes: seconds / 60,
        billed_minutes: billed,
        charge,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rust_decimal::Decimal;

    fn piastres(n: i64) -> Piastres {
        Piastres::new(n)
    }

    /// [`session_charge`] of a rate in piastres, for amounts that fit.
    fn charge(
        policy: &PricingPolicy,
        rate: i64,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        tz: Tz,
    ) -> SessionCharge {
        session_charge(policy, piastres(rate), start, end, tz).expect("a charge in range")
    }

    const CAIRO: Tz = chrono_tz::Africa::Cairo;

    fn policy(unit: u32, rounding: Rounding, grace: u32, minimum: u32) -> PricingPolicy {
        PricingPolicy {
            unit_minutes: unit,
            rounding,
            grace_minutes: grace,
            minimum_minutes: minimum,
            daily_cap: None,
        }
    }

    fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, h, m, s)
            .single()
            .expect("valid")
    }

    #[test]
    fn r_price_example_61_minutes_at_30_per_hour_in_15_minute_units() {
        let c = charge(
            &policy(15, Rounding::Up, 0, 0),
            3000,
            t(8, 0, 0),
            t(9, 1, 0),
            CAIRO,
        );
        assert_eq!(
            c,
            SessionCharge {
                duration_minutes: 61,
                billed_minutes: 75,
                charge: piastres(3750)
            }
        );
    }

    #[test]
    fn r_sess_4_duration_is_floor_of_elapsed_minutes() {
        let c = charge(
            &PricingPolicy::default(),
            3000,
            t(8, 0, 0),
            t(8, 59, 59),
            CAIRO,
        );
        assert_eq!(c.duration_minutes, 59);
        assert_eq!(c.billed_minutes, 60);
    }

    #[test]
    fn r_price_1_billed_minutes_are_multiples_of_the_unit() {
        let p = policy(30, Rounding::Up, 0, 0);
        for s in [1, 60, 1799, 1800, 1801, 7201] {
            assert_eq!(billed_minutes(&p, s) % 30, 0, "{s}");
        }
        assert_eq!(billed_minutes(&p, 1801), 60);
    }

    #[test]
    fn r_price_2_rounding_up_nearest_down_on_whole_seconds() {
        let up = policy(15, Rounding::Up, 0, 0);
        let near = policy(15, Rounding::Nearest, 0, 0);
        let down = policy(15, Rounding::Down, 0, 0);
        assert_eq!(billed_minutes(&up, 15 * 60 + 1), 30);
        assert_eq!(billed_minutes(&near, 22 * 60 + 29), 15);
        assert_eq!(billed_minutes(&near, 22 * 60 + 30), 30); // half a unit rounds up
        assert_eq!(billed_minutes(&down, 29 * 60 + 59), 15);
        assert_eq!(billed_minutes(&up, 0), 0);
        // sub-second parts are dropped before rounding
        let start = t(8, 0, 0);
        let end = start + Duration::milliseconds(15 * 60 * 1000 + 999);
        assert_eq!(charge(&up, 6000, start, end, CAIRO).billed_minutes, 15);
    }

    #[test]
    fn r_price_3_grace_is_a_threshold_not_a_deduction() {
        let p = policy(1, Rounding::Up, 10, 0);
        assert_eq!(billed_minutes(&p, 600), 0);
        assert_eq!(billed_minutes(&p, 601), 11);
        let c = charge(&p, 6000, t(8, 0, 0), t(8, 10, 0), CAIRO);
        assert_eq!((c.billed_minutes, c.charge), (0, Piastres::ZERO));
    }

    #[test]
    fn r_price_4_minimum_is_rounded_up_to_the_unit() {
        let p = policy(15, Rounding::Up, 0, 20);
        assert_eq!(billed_minutes(&p, 60), 30);
        assert_eq!(billed_minutes(&p, 46 * 60), 60);
        let with_grace = policy(15, Rounding::Up, 5, 20);
        assert_eq!(billed_minutes(&with_grace, 5 * 60), 0);
        assert_eq!(billed_minutes(&with_grace, 5 * 60 + 1), 30);
    }

    #[test]
    fn r_price_5_charge_is_rounded_once_on_the_whole_session() {
        // 7 minutes at 10.00/h = 1.1666… → 1.17 (never 7 × 0.17 = 1.19)
        let c = charge(
            &PricingPolicy::default(),
            1000,
            t(8, 0, 0),
            t(8, 7, 0),
            CAIRO,
        );
        assert_eq!(c.charge, piastres(117));
        // 1 minute at 0.30/h = 0.005 → 0.01 (half away from zero)
        let c = charge(&PricingPolicy::default(), 30, t(8, 0, 0), t(8, 1, 0), CAIRO);
        assert_eq!(c.charge, piastres(1));
    }

    #[test]
    fn r_price_6_daily_cap_applies_per_business_day() {
        let mut p = PricingPolicy {
            daily_cap: Some(Decimal::new(10000, 2)),
            ..PricingPolicy::default()
        };
        // 10 hours at 30/h = 300 > cap 100
        let c = charge(&p, 3000, t(6, 0, 0), t(16, 0, 0), CAIRO);
        assert_eq!(c.charge, piastres(10000));
        // 20:00 UTC Nov 24 = 22:00 Cairo; to 02:00 UTC = 04:00 Cairo Nov 25 → two business days
        let start = t(20, 0, 0);
        let end = start + Duration::hours(6);
        assert_eq!(business_days_touched(start, end, CAIRO), 2);
        assert_eq!(charge(&p, 3000, start, end, CAIRO).charge, piastres(18000));
        // ending exactly at business midnight does not touch the next day
        let midnight = Utc
            .with_ymd_and_hms(2026, 11, 24, 22, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(
            business_days_touched(midnight - Duration::hours(2), midnight, CAIRO),
            1
        );
        assert_eq!(business_days_touched(midnight, midnight, CAIRO), 1);
        p.daily_cap = Some(Decimal::ZERO);
        assert_eq!(
            charge(&p, 3000, t(6, 0, 0), t(7, 0, 0), CAIRO).charge,
            Piastres::ZERO
        );
    }

    #[test]
    fn r_money_2_a_charge_beyond_64_bit_piastres_is_an_error_not_a_clamp() {
        // A session back-dated by some 264,000 years at the largest rate.
        let start = Utc
            .with_ymd_and_hms(-262_000, 1, 1, 0, 0, 0)
            .single()
            .expect("valid");
        let largest = piastres(99_999_999_999);
        let err = session_charge(&PricingPolicy::default(), largest, start, t(8, 0, 0), CAIRO)
            .expect_err("beyond 64-bit piastres");
        assert_eq!(err.kind(), crate::ErrorKind::Validation);
        // Daily caps adding up beyond 64-bit piastres do not bind; the charge is exact.
        let capped = PricingPolicy {
            daily_cap: Some(Decimal::new(99_999_999_999, 2)),
            ..PricingPolicy::default()
        };
        let c = session_charge(&capped, piastres(1), start, t(8, 0, 0), CAIRO).expect("in range");
        assert_eq!(
            c.charge,
            piastres(1)
                .mul_div_round(c.billed_minutes, 60)
                .expect("in range")
        );
    }

    #[test]
    fn r_time_1_session_across_cairo_dst_change_lasts_real_elapsed_time() {
        // Egypt springs forward on the last Friday of April 2026 (Apr 24) at 00:00 → 01:00.
        let start = Utc
            .with_ymd_and_hms(2026, 4, 23, 21, 0, 0)
            .single()
            .expect("valid"); // 23:00 EET
        let end = Utc
            .with_ymd_and_hms(2026, 4, 23, 23, 0, 0)
            .single()
            .expect("valid"); // 02:00 EEST
        let c = charge(&PricingPolicy::default(), 6000, start, end, CAIRO);
        assert_eq!(c.duration_minutes, 120);
        assert_eq!(c.charge, piastres(12000));
    }
}
