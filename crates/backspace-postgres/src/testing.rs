//! Test helpers (feature `testkit`): each test gets its own schema on the server of
//! `BACKSPACE_PG_URL`, with one branch.

use backspace_core::Result;

use crate::{Chain, NewBranch, PostgresStore};

/// The server the tests use: `BACKSPACE_PG_URL`, which `scripts/test.sh` sets to a throwaway
/// cluster it starts (or to a server you name).
///
/// # Panics
/// When the variable is not set: the PostgreSQL tests never skip silently.
pub fn server_url() -> String {
    std::env::var("BACKSPACE_PG_URL").unwrap_or_else(|_| {
        panic!(
            "BACKSPACE_PG_URL is not set: run scripts/test.sh (it starts a throwaway PostgreSQL \
             cluster), or `eval \"$(scripts/pg-cluster.sh start)\"` first"
        )
    })
}

/// A new, empty schema on the test server; the returned configuration has it first on the
/// search path (`public` after it, for btree_gist).
pub fn fresh_config() -> postgres::Config {
    schema_config(&fresh_schema())
}

/// Creates a new, empty schema on the test server and returns its name.
pub fn fresh_schema() -> String {
    let url = server_url();
    let config: postgres::Config = url.parse().expect("BACKSPACE_PG_URL parses");
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut client = config
        .connect(postgres::NoTls)
        .expect("connect to BACKSPACE_PG_URL");
    client
        .batch_execute(&format!("CREATE SCHEMA {schema}"))
        .expect("create a test schema");
    schema
}

/// The test server's configuration with `schema` first on the search path.
pub fn schema_config(schema: &str) -> postgres::Config {
    let mut config: postgres::Config = server_url().parse().expect("BACKSPACE_PG_URL parses");
    config.options(&format!("-c search_path={schema},public"));
    config
}

/// A fresh schema with one branch `MAIN` whose numbers are plain (`INV-0001`), as the
/// conformance suite expects of a single space.
pub fn fresh_store() -> PostgresStore {
    try_fresh_store().expect("open a fresh PostgreSQL store")
}

fn try_fresh_store() -> Result<PostgresStore> {
    let config = fresh_config();
    Chain::connect_config(&config)?.add_branch(NewBranch::new("Main", "MAIN").plain_numbers())?;
    PostgresStore::open_config(config, Some("MAIN"))
}

/// Brings the schema of `config` to `version` only (for the upgrade tests).
pub fn migrate_to(config: &postgres::Config, version: i32) -> Result<()> {
    let mut conn = crate::store::Conn::connect(config)?;
    crate::migrations::migrate_to(&mut conn.client, version)
}
