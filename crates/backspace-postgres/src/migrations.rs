//! Versioned schema migrations (R-DB-2): each version's SQL, applied in order on open, each in
//! its own transaction, under a database-wide advisory lock so desks opening at once apply a
//! version exactly once. `backspace_schema` records what is applied.

use postgres::Client;

use backspace_core::{Error, Result};

use crate::error::Db as _;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i32 = 2;

/// Every version's SQL, in order: index 0 is version 1.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/v1.sql"),
    include_str!("migrations/v2.sql"),
];

/// The advisory lock key that serializes migrations (any constant unlikely to be in use).
const MIGRATION_LOCK: i64 = 0x4261_636b_7370_6163; // "Backspac"

/// The SQL of every version, for checks over the whole schema.
#[cfg(test)]
pub(crate) fn all_sql() -> String {
    MIGRATIONS.concat()
}

/// The version of the Backspace schema in the current schema (the first of the search path;
/// 0 when it has none). Only that schema counts: one found further along the path is another
/// chain's.
pub(crate) fn version(client: &mut Client) -> Result<i32> {
    let schema: Option<String> = client
        .query_one("SELECT current_schema()", &[])
        .db()?
        .get(0);
    let schema =
        schema.ok_or_else(|| Error::storage("no schema to work in: check the search_path"))?;
    let table = format!("{}.backspace_schema", quote_ident(&schema));
    let exists: bool = client
        .query_one("SELECT to_regclass($1) IS NOT NULL", &[&table])
        .db()?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let row = client
        .query_one(
            &format!("SELECT coalesce(max(version), 0) FROM {table}"),
            &[],
        )
        .db()?;
    Ok(row.get(0))
}

/// `name` as a quoted SQL identifier.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Brings the schema up to `target` (at most [`SCHEMA_VERSION`]); refuses a newer database.
pub(crate) fn migrate_to(client: &mut Client, target: i32) -> Result<()> {
    client
        .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
        .db()?;
    let outcome = apply(client, target);
    let unlocked = client
        .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
        .db();
    outcome.and(unlocked.map(|_| ()))
}

fn apply(client: &mut Client, target: i32) -> Result<()> {
    // btree_gist gives the exclusion constraints their `uuid WITH =`; it lives in `public`,
    // once per database, so every schema of the database shares it.
    client
        .batch_execute("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public")
        .db()?;
    let current = version(client)?;
    if current > SCHEMA_VERSION {
        return Err(Error::storage(format!(
            "the database is at schema version {current}, newer than this build ({SCHEMA_VERSION}): upgrade Backspace"
        )));
    }
    for v in (current + 1)..=target.min(SCHEMA_VERSION) {
        let sql = MIGRATIONS[usize::try_from(v - 1).unwrap_or(0)];
        let mut tx = client.transaction().db()?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS backspace_schema (
                 version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
        )
        .db()?;
        tx.batch_execute(sql).db()?;
        tx.execute("INSERT INTO backspace_schema (version) VALUES ($1)", &[&v])
            .db()?;
        tx.commit().db()?;
    }
    Ok(())
}
