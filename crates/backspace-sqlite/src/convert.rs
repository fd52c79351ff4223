//! Row ↔ entity helpers: how each Rust type is written to and read from a column.
//!
//! Instants are ISO-8601 UTC text with fixed microseconds (so text order is time order), dates
//! `YYYY-MM-DD`, UUIDs hyphenated text, enums their `as_str()`, money integer piastres, flags 0/1.
//! Readers turn a malformed value into a conversion error naming the column, never a panic.
//! They take a column name or, in the row mappers the reports and the front desk run most, its
//! index (a name costs a scan of the statement's column names on every read).

use std::fmt::Display;
use std::str::FromStr;

use backspace_core::clock::instant_text;
use backspace_core::money::{to_decimal, to_piastres};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::types::{ToSqlOutput, Type};
use rusqlite::{Row, RowIndex, ToSql};
use rust_decimal::Decimal;
use uuid::Uuid;

/// How instants are read back (any number of fraction digits).
const INSTANT_PARSE: &str = "%Y-%m-%dT%H:%M:%S%.fZ";
/// How business dates are written and read.
const DATE_FORMAT: &str = "%Y-%m-%d";

/// An instant as stored text: `2026-11-24T09:15:00.000000Z` ([`instant_text`]).
pub(crate) fn instant(at: DateTime<Utc>) -> String {
    instant_text(at)
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

/// Money bound as stored piastres. An amount beyond 64-bit piastres fails the statement it is
/// bound to with the core's error (a storage error), so no amount is ever written clamped.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoredPiastres(Decimal);

impl ToSql for StoredPiastres {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        to_piastres(self.0)
            .map(ToSqlOutput::from)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
    }
}

/// Money as stored piastres.
pub(crate) fn piastres(amount: Decimal) -> StoredPiastres {
    StoredPiastres(amount)
}

/// Optional money as stored piastres.
pub(crate) fn opt_piastres(amount: Option<Decimal>) -> Option<StoredPiastres> {
    amount.map(StoredPiastres)
}

/// A conversion error for column `col` (a name or an index) of `row`.
pub(crate) fn bad(row: &Row<'_>, col: impl RowIndex, what: impl Display) -> rusqlite::Error {
    let index = col.idx(row.as_ref()).unwrap_or(0);
    let name = row.as_ref().column_name(index).unwrap_or("?");
    rusqlite::Error::FromSqlConversionFailure(
        index,
        Type::Text,
        format!("malformed value in column {name}: {what}").into(),
    )
}

/// The number written by the ASCII digits `d` (all digits, at most 9 of them).
fn digits(d: &[u8]) -> Option<u32> {
    d.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD` as written by [`date`], without going through a format parser.
fn fast_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// `YYYY-MM-DDTHH:MM:SS.ffffffZ` exactly as written by [`instant`].
fn fast_instant(b: &[u8]) -> Option<DateTime<Utc>> {
    if b.len() != 27 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'.' {
        return None;
    }
    if b[26] != b'Z' {
        return None;
    }
    let time = chrono::NaiveTime::from_hms_micro_opt(
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
        digits(&b[20..26])?,
    )?;
    Some(fast_date(&b[..10])?.and_time(time).and_utc())
}

/// Parses a stored instant.
pub(crate) fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    fast_instant(text.as_bytes()).or_else(|| {
        NaiveDateTime::parse_from_str(text, INSTANT_PARSE)
            .ok()
            .map(|n| n.and_utc())
    })
}

/// Parses a stored business date.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    if text.len() == 10 {
        return fast_date(text.as_bytes());
    }
    NaiveDate::parse_from_str(text, DATE_FORMAT).ok()
}

/// Reads a UUID column.
pub(crate) fn get_uuid(row: &Row<'_>, col: impl RowIndex) -> rusqlite::Result<Uuid> {
    let text: String = row.get(col)?;
    Uuid::parse_str(&text).map_err(|e| bad(row, col, format!("{text:?} ({e})")))
}

/// Reads a nullable UUID column.
pub(crate) fn get_opt_uuid(row: &Row<'_>, col: impl RowIndex) -> rusqlite::Result<Option<Uuid>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| Uuid::parse_str(&t).map_err(|e| bad(row, col, format!("{t:?} ({e})"))))
        .transpose()
}

/// Reads an instant column.
pub(crate) fn get_instant(row: &Row<'_>, col: impl RowIndex) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(col)?;
    parse_instant(&text).ok_or_else(|| bad(row, col, format!("{text:?} is not an instant")))
}

/// Reads a nullable instant column.
pub(crate) fn get_opt_instant(
    row: &Row<'_>,
    col: impl RowIndex,
) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| parse_instant(&t).ok_or_else(|| bad(row, col, format!("{t:?} is not an instant"))))
        .transpose()
}

/// Reads a date column.
pub(crate) fn get_date(row: &Row<'_>, col: impl RowIndex) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(col)?;
    parse_date(&text).ok_or_else(|| bad(row, col, format!("{text:?} is not a date")))
}

/// Reads a nullable date column.
pub(crate) fn get_opt_date(
    row: &Row<'_>,
    col: impl RowIndex,
) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| parse_date(&t).ok_or_else(|| bad(row, col, format!("{t:?} is not a date"))))
        .transpose()
}

/// Reads a piastres column as money.
pub(crate) fn get_money(row: &Row<'_>, col: impl RowIndex) -> rusqlite::Result<Decimal> {
    row.get::<_, i64>(col).map(to_decimal)
}

/// Reads a nullable piastres column as money.
pub(crate) fn get_opt_money(
    row: &Row<'_>,
    col: impl RowIndex,
) -> rusqlite::Result<Option<Decimal>> {
    row.get::<_, Option<i64>>(col).map(|p| p.map(to_decimal))
}

/// Reads a 0/1 column.
pub(crate) fn get_flag(row: &Row<'_>, col: impl RowIndex) -> rusqlite::Result<bool> {
    match row.get::<_, i64>(col)? {
        0 => Ok(false),
        1 => Ok(true),
        other => Err(bad(row, col, format!("{other} is not 0 or 1"))),
    }
}

/// Reads a text column into anything that parses from text (enums, time zones).
pub(crate) fn get_parsed<T: FromStr>(row: &Row<'_>, col: impl RowIndex) -> rusqlite::Result<T>
where
    T::Err: Display,
{
    let text: String = row.get(col)?;
    text.parse::<T>()
        .map_err(|e| bad(row, col, format!("{text:?} ({e})")))
}

/// Reads an integer column into a narrower integer type.
pub(crate) fn get_int<T: TryFrom<i64>>(row: &Row<'_>, col: impl RowIndex) -> rusqlite::Result<T> {
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
    fn the_fast_parsers_agree_with_chrono() {
        let at = Utc
            .with_ymd_and_hms(2024, 2, 29, 23, 59, 59)
            .single()
            .expect("valid");
        for us in [0, 1, 999_999, 123_456] {
            let t = at + chrono::Duration::microseconds(us);
            assert_eq!(parse_instant(&instant(t)), Some(t));
            assert_eq!(fast_instant(instant(t).as_bytes()), Some(t));
        }
        // Other fraction lengths still parse (through chrono).
        assert_eq!(
            parse_instant("2024-02-29T23:59:59.5Z"),
            Some(at + chrono::Duration::milliseconds(500))
        );
        assert_eq!(parse_instant("2024-02-29T23:59:59Z"), Some(at));
        for bad in [
            "2024-02-30T00:00:00.000000Z",
            "2024-13-01T00:00:00.000000Z",
            "2024-02-29T24:00:00.000000Z",
            "2024-02-29 23:59:59.000000Z",
            "2024-02-29T23:59:59.00000xZ",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-1-012"), None);
        assert_eq!(parse_date("0001-01-01"), NaiveDate::from_ymd_opt(1, 1, 1));
    }

    #[test]
    fn dates_round_trip() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 7).expect("valid");
        assert_eq!(date(d), "2026-03-07");
        assert_eq!(parse_date("2026-03-07"), Some(d));
        assert_eq!(parse_date("2026-02-30"), None);
    }
}
