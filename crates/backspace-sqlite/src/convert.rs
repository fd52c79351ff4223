//! Row ↔ entity helpers: how each Rust type is written to and read from a column.
//!
//! Instants are ISO-8601 UTC text with fixed microseconds (so text order is time order), dates
//! `YYYY-MM-DD`, UUIDs hyphenated text, enums their `as_str()`, money integer piastres, flags 0/1.
//! Readers turn a malformed value into a conversion error naming the column, never a panic.

use std::fmt::Display;
use std::str::FromStr;

use backspace_core::money::{to_decimal, to_piastres};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::Row;
use rusqlite::types::Type;
use rust_decimal::Decimal;
use uuid::Uuid;

/// How instants are written: `2026-11-24T09:15:00.000000Z`.
pub(crate) const INSTANT_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6fZ";
/// How instants are read back (any number of fraction digits).
const INSTANT_PARSE: &str = "%Y-%m-%dT%H:%M:%S%.fZ";
/// How business dates are written and read.
const DATE_FORMAT: &str = "%Y-%m-%d";

/// An instant as stored text.
pub(crate) fn instant(at: DateTime<Utc>) -> String {
    at.format(INSTANT_FORMAT).to_string()
}

/// An optional instant as stored text.
pub(crate) fn opt_instant(at: Option<DateTime<Utc>>) -> Option<String> {
    at.map(instant)
}

/// A business date as stored text.
pub(crate) fn date(d: NaiveDate) -> String {
    d.format(DATE_FORMAT).to_string()
}

/// An optional business date as stored text.
pub(crate) fn opt_date(d: Option<NaiveDate>) -> Option<String> {
    d.map(date)
}

/// A UUID as stored text.
pub(crate) fn uuid(id: Uuid) -> String {
    id.hyphenated().to_string()
}

/// An optional UUID as stored text.
pub(crate) fn opt_uuid(id: Option<Uuid>) -> Option<String> {
    id.map(uuid)
}

/// Money as stored piastres.
pub(crate) fn piastres(amount: Decimal) -> i64 {
    to_piastres(amount)
}

/// Optional money as stored piastres.
pub(crate) fn opt_piastres(amount: Option<Decimal>) -> Option<i64> {
    amount.map(to_piastres)
}

/// A conversion error for column `col` of `row`.
pub(crate) fn bad(row: &Row<'_>, col: &str, what: impl Display) -> rusqlite::Error {
    let index = row.as_ref().column_index(col).unwrap_or(0);
    rusqlite::Error::FromSqlConversionFailure(
        index,
        Type::Text,
        format!("malformed value in column {col}: {what}").into(),
    )
}

/// Parses a stored instant.
pub(crate) fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(text, INSTANT_PARSE)
        .ok()
        .map(|n| n.and_utc())
}

/// Parses a stored business date.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE_FORMAT).ok()
}

/// Reads a UUID column.
pub(crate) fn get_uuid(row: &Row<'_>, col: &str) -> rusqlite::Result<Uuid> {
    let text: String = row.get(col)?;
    Uuid::parse_str(&text).map_err(|e| bad(row, col, format!("{text:?} ({e})")))
}

/// Reads a nullable UUID column.
pub(crate) fn get_opt_uuid(row: &Row<'_>, col: &str) -> rusqlite::Result<Option<Uuid>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| Uuid::parse_str(&t).map_err(|e| bad(row, col, format!("{t:?} ({e})"))))
        .transpose()
}

/// Reads an instant column.
pub(crate) fn get_instant(row: &Row<'_>, col: &str) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(col)?;
    parse_instant(&text).ok_or_else(|| bad(row, col, format!("{text:?} is not an instant")))
}

/// Reads a nullable instant column.
pub(crate) fn get_opt_instant(row: &Row<'_>, col: &str) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| parse_instant(&t).ok_or_else(|| bad(row, col, format!("{t:?} is not an instant"))))
        .transpose()
}

/// Reads a date column.
pub(crate) fn get_date(row: &Row<'_>, col: &str) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(col)?;
    parse_date(&text).ok_or_else(|| bad(row, col, format!("{text:?} is not a date")))
}

/// Reads a nullable date column.
pub(crate) fn get_opt_date(row: &Row<'_>, col: &str) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| parse_date(&t).ok_or_else(|| bad(row, col, format!("{t:?} is not a date"))))
        .transpose()
}

/// Reads a piastres column as money.
pub(crate) fn get_money(row: &Row<'_>, col: &str) -> rusqlite::Result<Decimal> {
    row.get::<_, i64>(col).map(to_decimal)
}

/// Reads a nullable piastres column as money.
pub(crate) fn get_opt_money(row: &Row<'_>, col: &str) -> rusqlite::Result<Option<Decimal>> {
    row.get::<_, Option<i64>>(col).map(|p| p.map(to_decimal))
}

/// Reads a 0/1 column.
pub(crate) fn get_flag(row: &Row<'_>, col: &str) -> rusqlite::Result<bool> {
    match row.get::<_, i64>(col)? {
        0 => Ok(false),
        1 => Ok(true),
        other => Err(bad(row, col, format!("{other} is not 0 or 1"))),
    }
}

/// Reads a text column into anything that parses from text (enums, time zones).
pub(crate) fn get_parsed<T: FromStr>(row: &Row<'_>, col: &str) -> rusqlite::Result<T>
where
    T::Err: Display,
{
    let text: String = row.get(col)?;
    text.parse::<T>()
        .map_err(|e| bad(row, col, format!("{text:?} ({e})")))
}

/// Reads an integer column into a narrower integer type.
pub(crate) fn get_int<T: TryFrom<i64>>(row: &Row<'_>, col: &str) -> rusqlite::Result<T> {
    let v: i64 = row.get(col)?;
    T::try_from(v).map_err(|_| bad(row, col, format!("{v} is out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn instants_have_fixed_microseconds_and_round_trip() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 24, 9, 15, 0)
            .single()
            .expect("valid");
        assert_eq!(instant(at), "2026-11-24T09:15:00.000000Z");
        assert_eq!(parse_instant(&instant(at)), Some(at));
        let later = at + chrono::Duration::microseconds(1_234_567);
        assert_eq!(instant(later), "2026-11-24T09:15:01.234567Z");
        assert_eq!(parse_instant(&instant(later)), Some(later));
        assert!(instant(at) < instant(later));
        assert_eq!(parse_instant("yesterday"), None);
    }

    #[test]
    fn dates_round_trip() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 7).expect("valid");
        assert_eq!(date(d), "2026-03-07");
        assert_eq!(parse_date("2026-03-07"), Some(d));
        assert_eq!(parse_date("2026-02-30"), None);
    }
}
