//! `backspace`: the owner's and the accountant's tools over a Backspace SQLite file or a branch
//! (or the whole chain) on PostgreSQL.
//!
//! Every command reports a failure as one line on stderr and exits non-zero; files are written
//! to a temporary name beside the target and renamed when complete, so a failure leaves none.

/// Prints a line on stdout; a closed pipe (`| head`) ends the output quietly, never a panic.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

mod day;
mod desk;
mod export;
mod files;
mod receipt;
mod report;
mod verify;

use std::path::{Path, PathBuf};

use backspace::{Backspace, Store};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

/// The front desk's files, reports and receipts.
#[derive(Parser)]
#[command(name = "backspace", version, about, long_about = None)]
struct Cli {
    /// The space's SQLite file, or a chain's PostgreSQL URL (`postgres://…` or `host=… dbname=…`).
    #[arg(
        long,
        env = "BACKSPACE_DB",
        default_value = "space.sqlite",
        global = true
    )]
    db: String,
    /// On PostgreSQL: the branch's code (ALX); without it, reports cover the whole chain.
    #[arg(long, env = "BACKSPACE_BRANCH", global = true)]
    branch: Option<String>,
    /// Act as this operator (name or id) where the space has staff; the PIN is read from the
    /// BACKSPACE_PIN environment variable, never from the command line.
    #[arg(long, env = "BACKSPACE_OPERATOR", global = true)]
    operator: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The end-of-day summary of a business date (default: today in the space's time zone).
    Day {
        /// The business date, YYYY-MM-DD.
        date: Option<NaiveDate>,
        /// Also write the summary as an HTML page with bar charts.
        #[arg(long)]
        html: Option<PathBuf>,
    },
    /// A report over business dates.
    Report {
        /// Which report.
        kind: ReportKind,
        /// First business date.
        #[arg(long)]
        from: NaiveDate,
        /// Last business date.
        #[arg(long)]
        to: NaiveDate,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// How many customers (top).
        #[arg(short, long, default_value_t = 10)]
        n: usize,
    },
    /// Every table as a CSV file (UTF-8 with a byte-order mark, money as decimals) in DIR.
    Export {
        /// A folder that does not exist yet.
        dir: PathBuf,
    },
    /// An online copy of the file while desks keep working, checked afterwards.
    Backup {
        /// The copy to write (must not exist).
        out: PathBuf,
    },
    /// Integrity check, the books' invariants and the trail; exits 1 on any finding.
    Verify,
    /// A printable receipt of an invoice.
    Receipt {
        /// The invoice number (INV-0001).
        number: String,
        /// HTML or PDF (PDF is printed by headless Chromium).
        #[arg(long, value_enum, default_value_t = ReceiptFormat::Html)]
        format: ReceiptFormat,
        /// 80mm thermal or A4.
        #[arg(long, default_value = "80mm")]
        paper: String,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
    /// Moves a single-space SQLite file into an empty branch of a chain on PostgreSQL
    /// (every record and figure unchanged; the file is left as it was).
    Migrate {
        /// The space's SQLite file.
        #[arg(long)]
        from: PathBuf,
        /// The chain's PostgreSQL URL.
        #[arg(long)]
        to: String,
        /// The branch's code; the branch is added (named after the code) when missing.
        #[arg(long)]
        branch: String,
    },
    /// Shell completions for the backspace command.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Which report.
#[derive(Clone, Copy, ValueEnum)]
pub enum ReportKind {
    /// Revenue per business day.
    Revenue,
    /// Occupancy per resource.
    Utilization,
    /// Invoices not fully paid.
    Outstanding,
    /// Customers by invoiced total.
    Top,
}

/// How a report is printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns.
    Table,
    /// Comma-separated values with a header.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// How a receipt is written.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReceiptFormat {
    /// An HTML page.
    Html,
    /// A PDF printed from it.
    Pdf,
}

/// A failure of a command, printed as one line.
pub type CliResult<T = ()> = Result<T, String>;

fn run(cli: Cli) -> CliResult {
    match cli.command {
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "backspace",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        Command::Migrate { from, to, branch } => desk::migrate(&from, &to, &branch),
        Command::Export { dir } => export::run(sqlite_only(&cli.db, "export")?, &dir),
        Command::Backup { out } => files::backup(sqlite_only(&cli.db, "backup")?, &out),
        command if desk::is_postgres(&cli.db) => {
            let desk =
                desk::open_postgres(&cli.db, cli.branch.as_deref(), cli.operator.as_deref())?;
            on_desk(&desk, command, None)
        }
        command => {
            let file = Path::new(&cli.db);
            let desk = desk::open(file, cli.operator.as_deref())?;
            on_desk(&desk, command, Some(file))
        }
    }
}

/// The database as a file path, for the commands that copy SQLite files.
fn sqlite_only<'a>(db: &'a str, command: &str) -> CliResult<&'a Path> {
    if desk::is_postgres(db) {
        return Err(format!(
            "{command} works on a SQLite file; on PostgreSQL use pg_dump"
        ));
    }
    Ok(Path::new(db))
}

/// The commands that read a desk, on either store.
fn on_desk<S: Store>(desk: &Backspace<S>, command: Command, file: Option<&Path>) -> CliResult {
    match command {
        Command::Day { date, html } => day::run(desk, date, html.as_deref()),
        Command::Report {
            kind,
            from,
            to,
            format,
            n,
        } => report::run(desk, kind, from, to, format, n),
        Command::Verify => verify::run(desk, file),
        Command::Receipt {
            number,
            format,
            paper,
            out,
        } => receipt::run(desk, &number, format, &paper, &out),
        Command::Export { .. }
        | Command::Backup { .. }
        | Command::Migrate { .. }
        | Command::Completions { .. } => Ok(()),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("backspace: {message}");
            ExitCode::FAILURE
        }
    }
}
