//! Row ↔ entity helpers. PostgreSQL keeps the types themselves (uuid, timestamptz, date,
//! boolean, bigint piastres); what is left is money, enums kept as their `as_str()` text, and
//! counts kept as bigint. A malformed value is a storage error naming the column, never a panic.

use std::fmt::Display;
use std::str::FromStr;

use backspace_core::money::{to_decimal, to_piastres};
use backspace_core::{Error, Result};
use postgres::Row;
use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use rust_decimal::Decimal;

use crate::error::storage;

/// Money bound as stored piastres (bigint). An amount beyond 64-bit piastres fails the statement
/// it is bound to with the core's error (a storage error), so no amount is ever written clamped.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoredPiastres(Decimal);

impl ToSql for StoredPiastres {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        to_piastres(self.0)?.to_sql(ty, out)
    }

    fn accepts(ty: &Type) -> bool {
        <i64 as ToSql>::accepts(ty)
    }

    to_sql_checked!();
}

/// Money as stored piastres.
pub(crate) fn piastres(amount: Decimal) -> StoredPiastres {
    StoredPiastres(amount)
}

/// Optional money as stored piastres.
pub(crate) fn opt_piastres(amount: Option<Decimal>) -> Option<StoredPiastres> {
    amount.map(StoredPiastres)
}

/// A count as bigint.
pub(crate) fn int(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

/// Column `idx` of `row`, typed.
pub(crate) fn get<'a, T: FromSql<'a>>(row: &'a Row, idx: usize) -> Result<T> {
    row.try_get(idx).map_err(storage)
}

/// Money from a piastres column.
pub(crate) fn money(row: &Row, idx: usize) -> Result<Decimal> {
    Ok(to_decimal(get::<i64>(row, idx)?))
}

/// Optional money from a piastres column.
pub(crate) fn opt_money(row: &Row, idx: usize) -> Result<Option<Decimal>> {
    Ok(get::<Option<i64>>(row, idx)?.map(to_decimal))
}

/// A count from a bigint or integer column, into the entity's integer type.
pub(crate) fn count<T: TryFrom<i64>>(row: &Row, idx: usize) -> Result<T> {
    let n: i64 = match row.columns().get(idx).map(|c| c.type_().clone()) {
        Some(postgres::types::Type::INT4) => i64::from(get::<i32>(row, idx)?),
        _ => get::<i64>(row, idx)?,
    };
    T::try_from(n).map_err(|_| malformed(row, idx, n))
}

/// An enum (or any `FromStr`) from its text.
pub(crate) fn parsed<T: FromStr>(row: &Row, idx: usize) -> Result<T> {
    let text: &str = get(row, idx)?;
    text.parse().map_err(|_| malformed(row, idx, text))
}

/// An optional enum from its text.
pub(crate) fn opt_parsed<T: FromStr>(row: &Row, idx: usize) -> Result<Option<T>> {
    match get::<Option<&str>>(row, idx)? {
        None => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|_| malformed(row, idx, text)),
    }
}

/// A storage error for a value the store cannot read back.
pub(crate) fn malformed(row: &Row, idx: usize, value: impl Display) -> Error {
    let name = row.columns().get(idx).map_or("?", |c| c.name());
    Error::storage(format!("malformed value in column {name}: {value}"))
}
