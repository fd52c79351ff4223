//! The `backspace` command end to end on the front-desk example's file: the day's summary and
//! its HTML page, reports parsed back and summed, the CSV export summed against the reports,
//! an online backup, `verify` before and after a raw edit, receipts printed to PDF and PNG by
//! headless Chromium (the PDF's text read back with `pdftotext`), and bad input.

#![allow(clippy::unwrap_used)]

#[path = "../../../examples/front_desk.rs"]
#[allow(dead_code)]
mod front_desk;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use backspace::{Decimal, InvoiceFilter, Store};

const BIN: &str = env!("CARGO_BIN_EXE_backspace");

/// The example's day, simulated once into a file shared by the tests (read-only for them).
fn example() -> &'static Path {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = scratch("example");
        let db = dir.join("front_desk.sqlite");
        front_desk::simulate(db.to_str().unwrap()).unwrap();
        db
    })
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "backspace-cli-{name}-{}",
        backspace::Uuid::new_v4()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("BACKSPACE_DB", db)
        .env("BACKSPACE_OPERATOR", "Hany")
        .env("BACKSPACE_PIN", "1960")
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A failure: non-zero exit, one line on stderr naming the problem.
fn fails(db: &Path, args: &[&str], says: &str) {
    let out = run(db, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} succeeded");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("backspace: ") && err.contains(says),
        "{args:?}: {err}"
    );
}

fn desk() -> backspace::Desk {
    let desk = backspace::open(example()).unwrap();
    let staff = desk.store().read(|tx| tx.operators()).unwrap();
    let hany = staff.iter().find(|r| r.operator.name == "Hany").unwrap();
    desk.sign_in(hany.operator.id, "1960").unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn the_day() -> backspace::RevenueDay {
    let day = front_desk::business_day();
    desk().revenue(day, day).unwrap().pop().unwrap()
}

const DAY: &str = "2026-11-23";

#[test]
fn day_prints_the_summary_and_writes_a_page_with_charts() {
    let dir = scratch("day");
    let page = dir.join("day.html");
    let text = ok(example(), &["day", DAY, "--html", page.to_str().unwrap()]);
    let r = the_day();
    assert!(text.contains(&format!("{} EGP", r.net)), "{text}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("<svg") && html.matches("<rect").count() == 8,
        "{html}"
    );
    assert!(
        !html.contains("<script") && !html.contains("http"),
        "no JavaScript, no network"
    );
    assert!(html.contains(&r.vat.to_string()));
}

#[test]
fn reports_in_csv_and_json_sum_to_the_library_figures() {
    let csv_text = ok(
        example(),
        &[
            "report", "revenue", "--from", DAY, "--to", DAY, "--format", "csv",
        ],
    );
    let mut rows = csv::Reader::from_reader(csv_text.as_bytes());
    let header = rows.headers().unwrap().clone();
    let row = rows.records().next().unwrap().unwrap();
    let get = |name: &str| d(&row[header.iter().position(|h| h == name).unwrap()]);
    let r = the_day();
    assert_eq!(
        (get("net"), get("vat"), get("cash"), get("reservation_fees")),
        (r.net, r.vat, r.cash, r.reservation_fees)
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        example(),
        &[
            "report", "top", "--from", DAY, "--to", DAY, "--format", "json", "-n", "3",
        ],
    ))
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);
    let table = ok(
        example(),
        &["report", "utilization", "--from", DAY, "--to", DAY],
    );
    assert!(
        table.starts_with("resource") && table.contains("Room Nile"),
        "{table}"
    );
    let outstanding = ok(
        example(),
        &[
            "report",
            "outstanding",
            "--from",
            "2026-01-01",
            "--to",
            DAY,
            "--format",
            "csv",
        ],
    );
    let owed: Decimal = csv::Reader::from_reader(outstanding.as_bytes())
        .records()
        .map(|r| d(&r.unwrap()[3]))
        .sum();
    let expected: Decimal = desk()
        .outstanding_invoices()
        .unwrap()
        .iter()
        .map(|o| o.due)
        .sum();
    assert_eq!(owed, expected);
}

#[test]
fn export_writes_every_table_as_csv_that_sums_to_the_reports() {
    let dir = scratch("export").join("out");
    ok(example(), &["export", dir.to_str().unwrap()]);
    assert!(dir.join("README.txt").is_file());
    let read = |table: &str| {
        let bytes = std::fs::read(dir.join(format!("{table}.csv"))).unwrap();
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "{table} has a byte-order mark"
        );
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        let header = r.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        (header, rows)
    };
    let (h, invoices) = read("invoices");
    let total = h.iter().position(|c| c == "total").unwrap();
    let sum: Decimal = invoices.iter().map(|r| d(&r[total])).sum();
    let library: Decimal = desk()
        .list_invoices(&InvoiceFilter::default())
        .unwrap()
        .iter()
        .map(|i| i.total)
        .sum();
    assert_eq!(sum, library);
    let (h, payments) = read("payments");
    let amount = h.iter().position(|c| c == "amount").unwrap();
    let method = h.iter().position(|c| c == "method").unwrap();
    let cash: Decimal = payments
        .iter()
        .filter(|r| &r[method] == "cash")
        .map(|r| d(&r[amount]))
        .sum();
    assert_eq!(cash, the_day().cash);
    let (h, customers) = read("customers");
    let name = h.iter().position(|c| c == "name").unwrap();
    assert!(
        customers.iter().any(|r| &r[name] == "منى عادل"),
        "Arabic comes back as written"
    );
    fails(
        example(),
        &["export", dir.to_str().unwrap()],
        "already exists",
    );
}

#[test]
fn backup_copies_the_file_while_it_is_open_and_checks_the_copy() {
    let dir = scratch("backup");
    let copy = dir.join("copy.sqlite");
    let open = desk();
    ok(example(), &["backup", copy.to_str().unwrap()]);
    let again = backspace::open(&copy).unwrap();
    let day = front_desk::business_day();
    let staff = again.store().read(|tx| tx.operators()).unwrap();
    let hany = staff.iter().find(|r| r.operator.name == "Hany").unwrap();
    assert_eq!(
        again
            .sign_in(hany.operator.id, "1960")
            .unwrap()
            .revenue(day, day)
            .unwrap(),
        open.revenue(day, day).unwrap()
    );
    fails(
        example(),
        &["backup", copy.to_str().unwrap()],
        "already exists",
    );
}

#[test]
fn verify_passes_then_names_a_raw_edit() {
    let dir = scratch("verify");
    let copy = dir.join("copy.sqlite");
    ok(example(), &["backup", copy.to_str().unwrap()]);
    assert!(ok(&copy, &["verify"]).contains("no findings"));
    rusqlite::Connection::open(&copy)
        .unwrap()
        .execute(
            "UPDATE invoices SET total_piastres = total_piastres + 100 \
             WHERE invoice_number = 'INV-0005'",
            [],
        )
        .unwrap();
    let out = run(&copy, &["verify"]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("FINDING") && text.contains("INV-0005"),
        "{text}"
    );
}

fn which(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names
        .iter()
        .flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n)))
        .find(|p| p.is_file())
}

fn chromium() -> PathBuf {
    which(&["chromium", "chromium-browser", "google-chrome"])
        .expect("headless Chromium is needed (scripts/test.sh installs it with apt-get)")
}

#[test]
fn receipts_print_to_pdf_and_png_with_the_arabic_name_and_totals() {
    let dir = scratch("receipt");
    let browser = chromium();
    let pdftotext = which(&["pdftotext"]).expect("pdftotext (poppler-utils) is needed");
    let invoice = desk().find_invoice("INV-0008").unwrap();
    for paper in ["80mm", "a4"] {
        let pdf = dir.join(format!("receipt-{paper}.pdf"));
        ok(
            example(),
            &[
                "receipt",
                "INV-0008",
                "--format",
                "pdf",
                "--paper",
                paper,
                "--out",
                pdf.to_str().unwrap(),
            ],
        );
        let text = Command::new(&pdftotext)
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8(text.stdout).unwrap();
        assert!(text.contains("منى عادل"), "{text}");
        assert!(text.contains("INV-0008"), "{text}");
        assert!(text.contains(&invoice.total.to_string()), "{text}");
    }
    let html = dir.join("receipt.html");
    ok(
        example(),
        &["receipt", "INV-0008", "--out", html.to_str().unwrap()],
    );
    assert!(
        std::fs::read_to_string(&html).unwrap().contains("<svg"),
        "the e-receipt's QR code"
    );
    let png = dir.join("receipt.png");
    let shot = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--window-size=400,900",
        ])
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 2000);
}

#[test]
fn bad_input_is_one_line_and_leaves_no_files() {
    let dir = scratch("bad");
    let out = dir.join("r.html");
    fails(
        example(),
        &["receipt", "INV-9999", "--out", out.to_str().unwrap()],
        "invoice not found: INV-9999",
    );
    assert!(!out.exists());
    let junk = dir.join("junk.sqlite");
    std::fs::write(&junk, b"this is not a database, it is a shopping list").unwrap();
    fails(&junk, &["day"], "junk.sqlite");
    fails(
        &dir.join("missing.sqlite"),
        &["day"],
        "no such Backspace file",
    );
    let newer = dir.join("newer.sqlite");
    ok(example(), &["backup", newer.to_str().unwrap()]);
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    fails(&newer, &["day"], "newer than this Backspace supports");
    let unwritable = dir.join("no-such-folder").join("r.html");
    fails(
        example(),
        &["receipt", "INV-0008", "--out", unwritable.to_str().unwrap()],
        "no-such-folder",
    );
    fails(
        example(),
        &["export", unwritable.to_str().unwrap()],
        "no-such-folder",
    );
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["junk.sqlite", "newer.sqlite"]);
    let out = Command::new(BIN)
        .env("BACKSPACE_DB", example())
        .env_remove("BACKSPACE_OPERATOR")
        .arg("day")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("--operator"));
    assert!(ok(example(), &["completions", "bash"]).contains("backspace"));
    assert!(ok(example(), &["--help"]).contains("export"));
}

/// `backspace` with the database (a file or a PostgreSQL URL) and branch given by environment.
fn run_on(db: &str, branch: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("BACKSPACE_DB", db)
        .env("BACKSPACE_OPERATOR", "Hany")
        .env("BACKSPACE_PIN", "1960")
        .env_remove("BACKSPACE_BRANCH");
    if let Some(code) = branch {
        cmd.env("BACKSPACE_BRANCH", code);
    }
    cmd.output().unwrap()
}

fn ok_on(db: &str, branch: Option<&str>, args: &[&str]) -> String {
    let out = run_on(db, branch, args);
    assert!(
        out.status.success(),
        "{args:?} on {branch:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn r_chain_4_migrate_moves_the_file_and_every_report_agrees() {
    let schema = backspace_postgres::testing::fresh_schema();
    let url = format!(
        "{} options='-c search_path={schema},public'",
        backspace_postgres::testing::server_url()
    );
    let file = example().to_str().unwrap();
    let moved = ok_on(
        file,
        None,
        &["migrate", "--from", file, "--to", &url, "--branch", "ALX"],
    );
    assert!(
        moved.contains("invoices") && moved.contains("into branch ALX"),
        "{moved}"
    );
    for kind in ["revenue", "utilization", "outstanding", "top"] {
        let args = [
            "report",
            kind,
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            "csv",
        ];
        let on_file = ok_on(file, None, &args);
        assert_eq!(
            ok_on(&url, Some("ALX"), &args),
            on_file,
            "{kind} on the branch"
        );
        assert_eq!(
            ok_on(&url, None, &args),
            on_file,
            "{kind} on the chain of one branch"
        );
    }
    assert_eq!(
        ok_on(&url, Some("ALX"), &["day", DAY]),
        ok_on(file, None, &["day", DAY])
    );
    let verified = ok_on(&url, Some("ALX"), &["verify"]);
    assert!(verified.contains("no findings"), "{verified}");
    let dir = scratch("pg-receipt");
    let (a, b) = (dir.join("file.html"), dir.join("pg.html"));
    ok_on(
        file,
        None,
        &["receipt", "INV-0001", "--out", a.to_str().unwrap()],
    );
    ok_on(
        &url,
        Some("ALX"),
        &["receipt", "INV-0001", "--out", b.to_str().unwrap()],
    );
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());

    let again = run_on(
        file,
        None,
        &["migrate", "--from", file, "--to", &url, "--branch", "ALX"],
    );
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        !again.status.success() && err.contains("already has"),
        "{err}"
    );
    let export = run_on(
        &url,
        Some("ALX"),
        &["export", dir.join("x").to_str().unwrap()],
    );
    let err = String::from_utf8_lossy(&export.stderr);
    assert!(!export.status.success() && err.contains("pg_dump"), "{err}");
    assert!(
        !err.contains("search_path"),
        "the URL is never echoed: {err}"
    );
}
