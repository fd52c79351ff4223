//! Stub: to be replaced.

use backspace_core::chrono_tz::Tz;
use backspace_core::reports::ZReport;
use backspace_core::staff::OperatorRecord;
use backspace_core::*;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::Db;

pub(crate) fn insert_operator(_db: &mut Db<'_, '_>, _operator: &OperatorRecord) -> Result<()> {
    Err(Error::storage("staff::insert_operator is not implemented"))
}

pub(crate) fn update_operator(_db: &mut Db<'_, '_>, _operator: &OperatorRecord) -> Result<()> {
    Err(Error::storage("staff::update_operator is not implemented"))
}

pub(crate) fn operator(_db: &mut Db<'_, '_>, _id: Uuid) -> Result<Option<OperatorRecord>> {
    Err(Error::storage("staff::operator is not implemented"))
}

pub(crate) fn operators(_db: &mut Db<'_, '_>) -> Result<Vec<OperatorRecord>> {
    Err(Error::storage("staff::operators is not implemented"))
}

pub(crate) fn has_operators(_db: &mut Db<'_, '_>) -> Result<bool> {
    Err(Error::storage("staff::has_operators is not implemented"))
}

pub(crate) fn append_audit(_db: &mut Db<'_, '_>, _entry: &AuditEntry) -> Result<()> {
    Err(Error::storage("staff::append_audit is not implemented"))
}

pub(crate) fn last_audit(_db: &mut Db<'_, '_>) -> Result<Option<AuditEntry>> {
    Err(Error::storage("staff::last_audit is not implemented"))
}

pub(crate) fn audit_between(
    _db: &mut Db<'_, '_>,
    _start: DateTime<Utc>,
    _end: DateTime<Utc>,
) -> Result<Vec<AuditEntry>> {
    Err(Error::storage("staff::audit_between is not implemented"))
}
