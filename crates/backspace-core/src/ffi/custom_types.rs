//! The core's value types as uniffi custom types. Each crosses the FFI as a builtin and becomes a
//! native type through `uniffi.toml`:
//!
//! | Rust | over the FFI | Kotlin | Swift |
//! |---|---|---|---|
//! | `rust_decimal::Decimal` | string `"37.50"` | `java.math.BigDecimal` (scale kept) | `Decimal` |
//! | `uuid::Uuid` | string | `java.util.UUID` | `UUID` |
//! | `DateTime<Utc>` (`Timestamp`) | uniffi's timestamp (`SystemTime`) | `java.time.Instant` | `Date` |
//! | `NaiveDate` (`BusinessDate`) | string `"2026-11-24"` | `java.time.LocalDate` | `String` (ISO `YYYY-MM-DD`) |
//!
//! Lifting never panics: a string that is no decimal, uuid or date, or an instant outside the
//! core's range, is a `BackspaceError::Validation` (uniffi hands a failed argument lift whose error
//! is the function's own error type back to the caller as that error).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::error::BackspaceError;

/// An instant in UTC (R-TIME-1).
pub type Timestamp = DateTime<Utc>;

/// A calendar date in the space's time zone (R-TIME-2).
pub type BusinessDate = NaiveDate;

/// A decimal string: plain (`10.50`, `-3`) or scientific (`1.05E+1`), taken exactly (never rounded).
pub fn parse_decimal(text: &str) -> Result<Decimal, BackspaceError> {
    let t = text.trim();
    Decimal::from_str_exact(t)
        .or_else(|e| {
            if t.contains(['e', 'E']) {
                Decimal::from_scientific(t)
            } else {
                Err(e)
            }
        })
        .map_err(|_| {
            BackspaceError::validation(
                "decimal",
                format!("{text:?} is not a decimal number (at most 28 significant digits)"),
            )
        })
}

/// A UUID string in any of the usual forms.
pub fn parse_uuid(text: &str) -> Result<Uuid, BackspaceError> {
    Uuid::parse_str(text.trim())
        .map_err(|_| BackspaceError::validation("id", format!("{text:?} is not a UUID")))
}

/// An ISO calendar date `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, BackspaceError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        BackspaceError::validation("date", format!("{text:?} is not a date (YYYY-MM-DD)"))
    })
}

/// A `SystemTime` as a UTC instant, if chrono can hold it.
pub fn from_system_time(t: SystemTime) -> Result<DateTime<Utc>, BackspaceError> {
    let dt = match t.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs())
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, after.subsec_nanos())),
        Err(before) => {
            let d = before.duration();
            i64::try_from(d.as_secs()).ok().and_then(|s| {
                if d.subsec_nanos() == 0 {
                    DateTime::from_timestamp(-s, 0)
                } else {
                    DateTime::from_timestamp(-s - 1, 1_000_000_000 - d.subsec_nanos())
                }
            })
        }
    };
    dt.ok_or_else(|| BackspaceError::validation("at", "the instant is out of range"))
}

/// A UTC instant as a `SystemTime` (every chrono instant fits a 64-bit `SystemTime`).
pub fn to_system_time(dt: DateTime<Utc>) -> SystemTime {
    let nanos = dt.timestamp_subsec_nanos();
    match u64::try_from(dt.timestamp()) {
        Ok(secs) => UNIX_EPOCH
            .checked_add(Duration::new(secs, nanos))
            .unwrap_or(UNIX_EPOCH),
        Err(_) => UNIX_EPOCH
            .checked_sub(Duration::from_secs(dt.timestamp().unsigned_abs()))
            .and_then(|t| t.checked_add(Duration::from_nanos(u64::from(nanos))))
            .unwrap_or(UNIX_EPOCH),
    }
}

uniffi::custom_type!(Decimal, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |s| Ok(parse_decimal(&s)?),
});

uniffi::custom_type!(Uuid, String, {
    remote,
    lower: |u| u.to_string(),
    try_lift: |s| Ok(parse_uuid(&s)?),
});

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |dt| to_system_time(dt),
    try_lift: |t| Ok(from_system_time(t)?),
});

uniffi::custom_type!(BusinessDate, String, {
    remote,
    lower: |d| d.format("%Y-%m-%d").to_string(),
    try_lift: |s| Ok(parse_date(&s)?),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_exactly_or_fail_as_validation() {
        assert_eq!(
            parse_decimal("37.50").map(|d| d.to_string()),
            Ok("37.50".into())
        );
        assert_eq!(
            parse_decimal("1.05E+1").map(|d| d.to_string()),
            Ok("10.5".into())
        );
        let e = parse_decimal("abc").err().map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some(
                "invalid decimal: \"abc\" is not a decimal number (at most 28 significant digits)"
            )
        );
        assert!(parse_decimal(&format!("1{}", "0".repeat(40))).is_err());
        assert!(parse_decimal("").is_err());
    }

    #[test]
    fn uuids_and_dates_fail_as_validation() {
        assert!(matches!(
            parse_uuid("nope"),
            Err(BackspaceError::Validation { .. })
        ));
        assert!(parse_uuid("67E55044-10B1-426F-9247-BB680E5FE0C8").is_ok());
        assert!(matches!(
            parse_date("2026-02-30"),
            Err(BackspaceError::Validation { .. })
        ));
        assert_eq!(
            parse_date("2026-11-24").map(|d| d.format("%Y-%m-%d").to_string()),
            Ok("2026-11-24".into())
        );
    }

    #[test]
    fn instants_round_trip_through_system_time_both_sides_of_the_epoch() {
        for (secs, nanos) in [
            (1_764_000_000, 123_456_000),
            (-1, 500_000_000),
            (-86_400, 0),
            (0, 0),
        ] {
            let Some(dt) = DateTime::from_timestamp(secs, nanos) else {
                panic!("bad test instant");
            };
            assert_eq!(from_system_time(to_system_time(dt)), Ok(dt));
        }
        let far = UNIX_EPOCH.checked_add(Duration::from_secs(u64::MAX / 4));
        if let Some(far) = far {
            assert!(matches!(
                from_system_time(far),
                Err(BackspaceError::Validation { .. })
            ));
        }
    }
}
