//! Versioned migrations (R-DB-2 on PostgreSQL): a database at any earlier version upgrades on
//! open to exactly the schema a fresh database gets; a newer database is refused.

use backspace_core::{Backspace, NewCustomer};
use backspace_postgres::{Chain, NewBranch, PostgresStore, SCHEMA_VERSION, testing};

/// Every table's columns, constraints, indexes, triggers and policies of the search path's
/// first schema, as sorted text.
fn schema_of(config: &postgres::Config) -> Vec<String> {
    let mut client = config.connect(postgres::NoTls).expect("connect");
    let queries = [
        "SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable,
                coalesce(column_default, ''))
         FROM information_schema.columns WHERE table_schema = current_schema()",
        "SELECT format('constraint %s %s', conname, pg_get_constraintdef(c.oid))
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = current_schema()",
        "SELECT format('index %s', replace(indexdef, current_schema() || '.', ''))
         FROM pg_indexes WHERE schemaname = current_schema()",
        "SELECT format('trigger %s %s', tgname,
                replace(pg_get_triggerdef(t.oid), current_schema() || '.', ''))
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND NOT t.tgisinternal",
        "SELECT format('policy %s %s %s %s %s', tablename, policyname, cmd, qual, with_check)
         FROM pg_policies WHERE schemaname = current_schema()",
        "SELECT format('rls %s %s', relname, relrowsecurity) FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'r'",
    ];
    let mut lines: Vec<String> = queries
        .iter()
        .flat_map(|q| client.query(*q, &[]).expect("catalog query"))
        .map(|row| row.get::<_, String>(0))
        .collect();
    lines.sort();
    lines
}

#[test]
fn r_db_2_every_earlier_version_upgrades_to_the_fresh_schema() {
    let fresh = testing::fresh_config();
    Chain::connect_config(&fresh).expect("fresh schema");
    let expected = schema_of(&fresh);
    assert!(
        expected
            .iter()
            .any(|l| l.contains("reservations_never_overlap"))
    );
    for version in 1..SCHEMA_VERSION {
        let old = testing::fresh_config();
        testing::migrate_to(&old, version).expect("old version");
        // Records written at the old version survive the upgrade.
        let mut client = old.connect(postgres::NoTls).expect("connect");
        client
            .batch_execute("INSERT INTO branches (code, name) VALUES ('ALX', 'Alexandria')")
            .expect("an old branch");
        let desk = Backspace::new(
            PostgresStore::open_config(old.clone(), Some("ALX")).expect("upgrade on open"),
        );
        desk.register_customer(NewCustomer::new("Mona", "01012345678"))
            .expect("works after the upgrade");
        let upgraded = schema_of(&old);
        let missing: Vec<&String> = expected.iter().filter(|l| !upgraded.contains(l)).collect();
        let extra: Vec<&String> = upgraded.iter().filter(|l| !expected.contains(l)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "upgraded from version {version}: missing {missing:#?}, extra {extra:#?}"
        );
    }
}

#[test]
fn r_db_2_a_newer_database_is_refused() {
    let config = testing::fresh_config();
    Chain::connect_config(&config)
        .expect("fresh")
        .add_branch(NewBranch::new("Main", "MAIN"))
        .expect("branch");
    let mut client = config.connect(postgres::NoTls).expect("connect");
    client
        .execute(
            "INSERT INTO backspace_schema (version) VALUES ($1)",
            &[&(SCHEMA_VERSION + 1)],
        )
        .expect("pretend a newer build migrated it");
    let err = PostgresStore::open_config(config, Some("MAIN")).expect_err("newer schema");
    assert!(err.to_string().contains("newer than this build"), "{err}");
}

#[test]
fn r_db_2_a_schema_first_on_the_search_path_gets_its_own_tables() {
    // A chain further along the search path (here, one in the second schema) is not this one.
    let other = testing::fresh_schema();
    let mine = testing::fresh_schema();
    Chain::connect_config(&testing::schema_config(&other))
        .expect("the other chain")
        .add_branch(NewBranch::new("Other", "OTH"))
        .expect("its branch");
    let mut both = testing::schema_config(&mine);
    both.options(&format!("-c search_path={mine},{other},public"));
    let chain = Chain::connect_config(&both).expect("my chain");
    assert!(chain.branches().expect("branches").is_empty());
    chain
        .add_branch(NewBranch::new("Other", "OTH"))
        .expect("the code is free in my chain");
}
