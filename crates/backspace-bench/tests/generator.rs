//! The generator's file is a Backspace file whose every invariant holds, and it is the same
//! file for the same seed.

use backspace_bench::data::remove_db;
use backspace_bench::generator::{GenConfig, generate, invoices_with_wrong_kind_sums};
use backspace_core::testkit::invariants::check_invariants;
use rusqlite::Connection;

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "backspace-gen-{name}-{}.sqlite",
        std::process::id()
    ))
}

/// Every row of every table, as text, in a fixed order.
fn dump(path: &std::path::Path) -> Vec<String> {
    let conn = Connection::open(path).expect("open");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {t} ORDER BY rowid"))
            .or_else(|_| conn.prepare(&format!("SELECT * FROM {t} ORDER BY 1")))
            .expect("select");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).map(|v| format!("{v:?}"))))
                    .collect();
                Ok(format!("{t}: {}", cells.join("|")))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .expect("rows");
        out.extend(rows);
    }
    out
}

#[test]
fn a_generated_history_keeps_every_invariant() {
    let path = temp("invariants");
    let cfg = GenConfig::new(2_000, 7);
    let stats = generate(&path, &cfg).expect("generate");
    assert_eq!(stats.sessions, 2_000);
    assert!(stats.consumptions > 1_000, "{stats:?}");
    assert!(stats.subscriptions > 0 && stats.deposits > 0, "{stats:?}");
    assert!(stats.outstanding > 0, "{stats:?}");
    {
        let conn = Connection::open(&path).expect("open");
        let fk: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .expect("foreign_key_check");
        assert_eq!(fk, 0, "foreign keys");
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity_check");
        assert_eq!(ok, "ok");
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("journal_mode");
        assert_eq!(mode, "wal");
        let (sessions, free, paid_late): (i64, i64, i64) = conn
            .query_row(
                "SELECT count(*), sum(amount_piastres = 0), \
                 (SELECT count(*) FROM invoices WHERE paid_date > issue_date) FROM sessions",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("counts");
        assert_eq!(sessions, 2_000);
        assert!(
            free > 0 && paid_late > 0,
            "{free} free sessions, {paid_late} paid late"
        );
        let wrong = invoices_with_wrong_kind_sums(&conn).expect("sums by kind");
        assert_eq!(wrong, 0, "invoices whose sums by kind are not their lines'");
        let (consumed, subscribed): (i64, i64) = conn
            .query_row(
                "SELECT sum(consumptions_piastres > 0), sum(subscriptions_piastres > 0) \
                 FROM invoices",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("kinds");
        assert!(consumed > 0 && subscribed > 0, "{consumed} {subscribed}");
    }
    let desk = backspace::open(&path).expect("backspace opens the file");
    check_invariants(&desk);
    assert_eq!(desk.list_customers().expect("customers").len(), 50);
    assert!(desk.active_sessions().expect("active").is_empty());
    let (from, to) = cfg.report_month();
    assert_eq!(desk.revenue(from, to).expect("revenue").len(), 31);
    drop(desk);
    remove_db(&path);
}

/// The schema of a file: every table and index with its SQL.
fn schema(path: &std::path::Path) -> Vec<(String, String, Option<String>)> {
    let conn = Connection::open(path).expect("open");
    conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .expect("schema")
}

#[test]
fn the_schema_is_backspace_s_own() {
    let (generated, fresh) = (temp("schema-gen"), temp("schema-fresh"));
    generate(&generated, &GenConfig::new(100, 1)).expect("generate");
    drop(backspace::open(&fresh).expect("fresh"));
    assert_eq!(schema(&generated), schema(&fresh));
    let version = |p: &std::path::Path| -> (i64, i64) {
        let c = Connection::open(p).expect("open");
        (
            c.query_row("PRAGMA user_version", [], |r| r.get(0))
                .expect("v"),
            c.query_row("PRAGMA application_id", [], |r| r.get(0))
                .expect("a"),
        )
    };
    assert_eq!(version(&generated), version(&fresh));
    remove_db(&generated);
    remove_db(&fresh);
}

#[test]
fn the_same_seed_gives_the_same_file() {
    let (a, b, c) = (temp("seed-a"), temp("seed-b"), temp("seed-c"));
    generate(&a, &GenConfig::new(400, 9)).expect("a");
    generate(&b, &GenConfig::new(400, 9)).expect("b");
    generate(&c, &GenConfig::new(400, 10)).expect("c");
    let (da, db, dc) = (dump(&a), dump(&b), dump(&c));
    assert!(da.len() > 1_000);
    assert_eq!(da, db);
    assert_ne!(da, dc);
    for p in [a, b, c] {
        remove_db(&p);
    }
}
