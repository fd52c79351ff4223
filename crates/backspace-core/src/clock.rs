//! Time (R-TIME-1..4): instants are UTC; business dates are in the space's time zone.

use chrono::{DateTime, Duration, NaiveDate, SubsecRound, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// The source of "now". Tests and back-office tools inject their own.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The machine's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// How far into the future an explicit `at` may lie (R-TIME-3).
pub const FUTURE_TOLERANCE: Duration = Duration::minutes(5);

/// Later than any instant Backspace records (9999-12-31 23:59:59 UTC): the open end of a span.
/// Every store can keep it (it still has a four-digit year).
pub const END_OF_TIME: DateTime<Utc> = match DateTime::from_timestamp(253_402_300_799, 0) {
    Some(t) => t,
    None => panic!("a valid instant"),
};

/// Earlier than any instant Backspace records (0001-01-01 00:00:00 UTC).
pub const START_OF_TIME: DateTime<Utc> = match DateTime::from_timestamp(-62_135_596_800, 0) {
    Some(t) => t,
    None => panic!("a valid instant"),
};

/// Resolves an operation's `at`: the given instant (checked not to lie more than 5 minutes
/// ahead of `now`) or `now`. Instants are kept to the microsecond, as every store keeps them.
pub fn resolve_at(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    match at {
        None => Ok(now.trunc_subsecs(6)),
        Some(at) if at > now + FUTURE_TOLERANCE => Err(Error::validation(
            "at",
            format!(
                "{} is more than 5 minutes in the future (now is {})",
                at.to_rfc3339(),
                now.to_rfc3339()
            ),
        )),
        Some(at) => Ok(at.trunc_subsecs(6)),
    }
}

/// The business date of an instant in the space's time zone.
pub fn business_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn r_time_3_future_beyond_five_minutes_is_refused() {
        let now = Utc
            .with_ymd_and_hms(2026, 11, 24, 10, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(resolve_at(None, now), Ok(now));
        assert_eq!(
            resolve_at(Some(now + Duration::minutes(5)), now),
            Ok(now + Duration::minutes(5))
        );
        assert!(resolve_at(Some(now + Duration::minutes(5) + Duration::seconds(1)), now).is_err());
        let past = now - Duration::days(400);
        assert_eq!(resolve_at(Some(past), now), Ok(past));
    }

    #[test]
    fn r_time_2_business_dates_follow_cairo_dst() {
        let tz: Tz = chrono_tz::Africa::Cairo;
        // 22:30 UTC in winter (UTC+2) is 00:30 next day in Cairo.
        let winter = Utc
            .with_ymd_and_hms(2026, 1, 10, 22, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(
            business_date(winter, tz),
            NaiveDate::from_ymd_opt(2026, 1, 11).expect("date")
        );
        // 21:30 UTC in summer (UTC+3) is 00:30 next day in Cairo.
        let summer = Utc
            .with_ymd_and_hms(2026, 7, 10, 21, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(
            business_date(summer, tz),
            NaiveDate::from_ymd_opt(2026, 7, 11).expect("date")
        );
        // 21:30 UTC in winter is still the same day.
        let w2 = Utc
            .with_ymd_and_hms(2026, 1, 10, 21, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(
            business_date(w2, tz),
            NaiveDate::from_ymd_opt(2026, 1, 10).expect("date")
        );
    }
}
