//! The chain and its branches (R-CHAIN-2): adding a branch, listing them, finding one by code.

use std::collections::HashMap;
use std::sync::Mutex;

use backspace_core::chrono_tz::Tz;
use backspace_core::{Error, Result, Settings};
use chrono::{DateTime, Utc};
use postgres::{IsolationLevel, Row};

use crate::db::{Db, Scope};
use crate::error::Db as _;
use crate::open::{connect_migrated, parse_config};
use crate::store::Conn;

/// A branch of the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    /// Database id.
    pub id: i32,
    /// Short code, 2–8 capital letters or digits, in the branch's numbers (`INV-ALX-0001`).
    pub code: String,
    /// Display name.
    pub name: String,
    /// Whether its numbers leave the code out (`INV-0001`): a chain of one space, or a branch
    /// moved from a single-space file, whose numbers go on as they were.
    pub plain_numbers: bool,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// A branch to add: `NewBranch::new("Alexandria", "ALX").time_zone(tz)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBranch {
    name: String,
    code: String,
    time_zone: Option<Tz>,
    plain_numbers: bool,
}

impl NewBranch {
    /// A branch named `name` with code `code`.
    pub fn new(name: impl Into<String>, code: impl Into<String>) -> Self {
        NewBranch {
            name: name.into(),
            code: code.into(),
            time_zone: None,
            plain_numbers: false,
        }
    }

    /// Its time zone (default: the settings' default, Africa/Cairo).
    pub fn time_zone(mut self, tz: Tz) -> Self {
        self.time_zone = Some(tz);
        self
    }

    /// Numbers without the code (`INV-0001`), for a chain of one space.
    pub fn plain_numbers(mut self) -> Self {
        self.plain_numbers = true;
        self
    }
}

const BRANCH_COLUMNS: &str = "SELECT id, code, name, plain_numbers, created_at FROM branches";

fn branch_from(row: &Row) -> Result<Branch> {
    use crate::convert::get;
    Ok(Branch {
        id: get(row, 0)?,
        code: get(row, 1)?,
        name: get(row, 2)?,
        plain_numbers: get(row, 3)?,
        created_at: get(row, 4)?,
    })
}

/// The branch with `code`, if there is one.
pub(crate) fn find_branch(client: &mut postgres::Client, code: &str) -> Result<Option<Branch>> {
    let sql = format!("{BRANCH_COLUMNS} WHERE code = $1");
    client
        .query_opt(&sql, &[&code])
        .db()?
        .as_ref()
        .map(branch_from)
        .transpose()
}

/// The chain's administration: its branches. Desks open a branch with
/// [`PostgresStore::open`](crate::PostgresStore::open).
pub struct Chain {
    conn: Mutex<Conn>,
}

impl std::fmt::Debug for Chain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chain").finish_non_exhaustive()
    }
}

impl Chain {
    /// Connects to the chain's database at `url`, creating or upgrading its schema.
    pub fn connect(url: &str) -> Result<Self> {
        Self::connect_config(&parse_config(url)?)
    }

    /// Connects with a prepared driver configuration.
    pub fn connect_config(config: &postgres::Config) -> Result<Self> {
        Ok(Chain {
            conn: Mutex::new(connect_migrated(config)?),
        })
    }

    /// Adds a branch with its own settings (the defaults, in its time zone) and counters.
    /// A code taken, or malformed, and a blank name are refused; nothing is written then.
    pub fn add_branch(&self, new: NewBranch) -> Result<Branch> {
        let name = new.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Error::validation("name", "must be 1 to 100 characters"));
        }
        let code = new.code.trim().to_string();
        let well_formed = (2..=8).contains(&code.len())
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !well_formed {
            return Err(Error::validation(
                "code",
                "must be 2 to 8 capital letters or digits, like ALX",
            ));
        }
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let mut tx = conn
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::Serializable)
            .start()
            .db()?;
        let sql = "INSERT INTO branches (code, name, plain_numbers) VALUES ($1, $2, $3)
                   RETURNING id, code, name, plain_numbers, created_at";
        let row = tx
            .query_one(sql, &[&code, &name, &new.plain_numbers])
            .db()?;
        let branch = branch_from(&row)?;
        let mut settings = Settings::default();
        if let Some(tz) = new.time_zone {
            settings.time_zone = tz;
        }
        let scope = Scope {
            branch: Some(branch.id),
            number_code: None,
        };
        let mut fresh = HashMap::new();
        crate::settings::save(&mut Db::new(&mut tx, &mut fresh, &scope), &settings)?;
        tx.commit().db()?;
        Ok(branch)
    }

    /// Lets the database role `role` (created by the chain's administrator, e.g.
    /// `CREATE ROLE alx_desk LOGIN PASSWORD '…'`) work as branch `code`'s desks: row-level
    /// security then shows and accepts only that branch's rows, and the shared customer records
    /// (schema version 2). The role gets no right to change branches or role assignments.
    pub fn grant_branch_role(&self, role: &str, code: &str) -> Result<()> {
        let well_formed = !role.is_empty()
            && role.len() <= 63
            && role.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            && role
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !well_formed {
            return Err(Error::validation(
                "role",
                "must be a lower-case PostgreSQL role name (letters, digits, _)",
            ));
        }
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let mut tx = conn.client.transaction().db()?;
        let exists: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
                &[&role],
            )
            .db()?
            .get(0);
        if !exists {
            return Err(Error::not_found("database role", role));
        }
        let branch: Option<i32> = tx
            .query_opt("SELECT id FROM branches WHERE code = $1", &[&code])
            .db()?
            .map(|r| r.get(0));
        let branch = branch.ok_or_else(|| Error::not_found("branch", code))?;
        tx.execute(
            "INSERT INTO branch_roles (role_name, branch_id) VALUES ($1, $2)
             ON CONFLICT (role_name) DO UPDATE SET branch_id = EXCLUDED.branch_id",
            &[&role, &branch],
        )
        .db()?;
        let schema: String = tx.query_one("SELECT current_schema()", &[]).db()?.get(0);
        // Both names are checked or come from the server; quoted all the same.
        let grants = format!(
            "GRANT USAGE ON SCHEMA \"{schema}\" TO \"{role}\";
             GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA \"{schema}\" TO \"{role}\";
             GRANT DELETE ON \"{schema}\".consumptions, \"{schema}\".resources TO \"{role}\";
             REVOKE INSERT, UPDATE ON \"{schema}\".branches, \"{schema}\".branch_roles,
                 \"{schema}\".backspace_schema FROM \"{role}\";
             GRANT USAGE ON ALL SEQUENCES IN SCHEMA \"{schema}\" TO \"{role}\";"
        );
        tx.batch_execute(&grants).db()?;
        tx.commit().db()
    }

    /// Every branch, by code.
    pub fn branches(&self) -> Result<Vec<Branch>> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let sql = format!("{BRANCH_COLUMNS} ORDER BY code");
        conn.client
            .query(&sql, &[])
            .db()?
            .iter()
            .map(branch_from)
            .collect()
    }
}
