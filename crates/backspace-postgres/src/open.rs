//! Opening a store: parse the connection string, connect, apply the migrations, find the branch.

use std::sync::Mutex;

use backspace_core::{Error, Result};

use crate::PostgresStore;
use crate::chain::{Branch, find_branch};
use crate::db::Scope;
use crate::migrations;
use crate::store::Conn;

/// Parses a `postgres://…` URL or a `key=value` connection string. The error never repeats the
/// string: it may hold a password.
pub(crate) fn parse_config(url: &str) -> Result<postgres::Config> {
    url.parse::<postgres::Config>()
        .map_err(|e| Error::validation("url", format!("not a PostgreSQL connection string ({e})")))
}

/// Connects and brings the schema up to date.
pub(crate) fn connect_migrated(config: &postgres::Config) -> Result<Conn> {
    let mut conn = Conn::connect(config)?;
    migrations::migrate_to(&mut conn.client, migrations::SCHEMA_VERSION)?;
    Ok(conn)
}

impl PostgresStore {
    /// Opens branch `branch_code` of the chain at `url` (a `postgres://…` URL or a
    /// `key=value` string), creating or upgrading the schema first.
    pub fn open(url: &str, branch_code: &str) -> Result<Self> {
        Self::open_config(parse_config(url)?, Some(branch_code))
    }

    /// Opens the whole chain at `url`, read-only: reports, statements and lists over every
    /// branch (R-CHAIN-3). Writes are refused as an invalid state.
    pub fn open_chain(url: &str) -> Result<Self> {
        Self::open_config(parse_config(url)?, None)
    }

    /// Opens a branch (or, with `None`, the chain view) with a prepared driver configuration.
    pub fn open_config(config: postgres::Config, branch_code: Option<&str>) -> Result<Self> {
        let mut conn = connect_migrated(&config)?;
        let branch = match branch_code {
            Some(code) => Some(
                find_branch(&mut conn.client, code)?
                    .ok_or_else(|| Error::not_found("branch", code))?,
            ),
            None => None,
        };
        let scope = Scope {
            branch: branch.as_ref().map(|b| b.id),
            number_code: branch
                .as_ref()
                .filter(|b| !b.plain_numbers)
                .map(|b| b.code.clone()),
        };
        Ok(PostgresStore {
            config,
            scope,
            branch,
            conn: Mutex::new(Some(conn)),
        })
    }

    /// The branch this store writes to; `None` for the chain view.
    pub fn branch(&self) -> Option<&Branch> {
        self.branch.as_ref()
    }
}
