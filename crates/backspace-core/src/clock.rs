//! Time (R-TIME-1..4): instants are UTC; business dates are in the space's time zone.

use chrono::{DateTime, Datelike, Duration, NaiveDate, SubsecRound, Timelike, Utc};
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

/// An instant as every text of Backspace writes it (stored columns, canonical document texts):
/// `2026-11-24T09:15:00.000000Z`, fixed microseconds, so text order is time order. The same
/// text as chrono's `%Y-%m-%dT%H:%M:%S%.6fZ`, written digit by digit: stores write several
/// instants per operation, and parsing the format string each time cost more than the rest.
pub fn instant_text(at: DateTime<Utc>) -> String {
    let year = at.year();
    let nanos = at.nanosecond();
    if !(0..=9999).contains(&year) || nanos >= 1_000_000_000 {
        // Years chrono writes with a sign, and leap seconds: chrono's own formatting.
        return at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    }
    let mut text = String::with_capacity(27);
    let mut push = |value: u32, width: u32, then: Option<char>| {
        for place in (0..width).rev() {
            let digit = (value / 10u32.pow(place)) % 10;
            text.push(char::from(b'0' + digit as u8));
        }
        if let Some(c) = then {
            text.push(c);
        }
    };
    push(year.unsigned_abs(), 4, Some('-'));
    push(at.month(), 2, Some('-'));
    push(at.day(), 2, Some('T'));
    push(at.hour(), 2, Some(':'));
    push(at.minute(), 2, Some(':'));
    push(at.second(), 2, Some('.'));
    push(nanos / 1000, 6, Some('Z'));
    text
}

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
    fn instant_text_is_chronos_fixed_microsecond_text() {
        let chrono_text = |at: DateTime<Utc>| at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
        let mut instants = vec![START_OF_TIME, END_OF_TIME, DateTime::UNIX_EPOCH];
        // A spread of instants over the four-digit years, with every kind of fraction.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let span = (END_OF_TIME.timestamp() - START_OF_TIME.timestamp()) as u64;
            let secs = START_OF_TIME.timestamp() + (x % span) as i64;
            let nanos = (x >> 20) as u32 % 1_000_000_000;
            instants.extend(DateTime::from_timestamp(secs, nanos));
        }
        // A leap second and years chrono writes with a sign fall back to chrono itself.
        let leap = Utc
            .with_ymd_and_hms(2016, 12, 31, 23, 59, 59)
            .single()
            .and_then(|t| t.with_nanosecond(1_500_000_000))
            .expect("a leap second");
        instants.push(leap);
        instants.extend(DateTime::from_timestamp(END_OF_TIME.timestamp() + 1, 0));
        instants.extend(DateTime::from_timestamp(
            START_OF_TIME.timestamp() - 86_400 * 366,
            7,
        ));
        for at in instants {
            assert_eq!(instant_text(at), chrono_text(at), "{at:?}");
        }
        assert_eq!(
            instant_text(
                Utc.with_ymd_and_hms(2026, 11, 24, 9, 15, 0)
                    .single()
                    .expect("valid")
            ),
            "2026-11-24T09:15:00.000000Z"
        );
    }

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
