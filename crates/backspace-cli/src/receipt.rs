//! `backspace receipt INV-0001 --format html|pdf --paper 80mm|a4 --out FILE`.

use std::path::{Path, PathBuf};
use std::process::Command;

use backspace::{Backspace, Store};
use backspace_receipts::{Paper, receipt_html};

use crate::{CliResult, ReceiptFormat};

/// The Chromium to print with: `$BACKSPACE_CHROMIUM`, else the first on the PATH.
pub fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("BACKSPACE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|p| p.is_file())
}

/// Prints `html` to a PDF at `out` with headless Chromium.
fn print_pdf(html: &str, out: &Path) -> CliResult {
    let browser = chromium().ok_or("PDF needs Chromium: install it or set BACKSPACE_CHROMIUM")?;
    let tmp = crate::files::staging(out)?;
    let page = tmp.with_extension("html");
    std::fs::write(&page, html).map_err(|e| format!("{}: {e}", out.display()))?;
    let absolute = std::fs::canonicalize(&page).map_err(|e| e.to_string())?;
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", tmp.display()))
        .arg(format!("file://{}", absolute.display()))
        .output();
    let _ = std::fs::remove_file(&page);
    match status {
        Ok(o) if o.status.success() && tmp.is_file() => {
            std::fs::rename(&tmp, out).map_err(|e| format!("{}: {e}", out.display()))
        }
        Ok(o) => {
            let _ = std::fs::remove_file(&tmp);
            Err(format!(
                "Chromium could not print the receipt: {}",
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or("no output")
            ))
        }
        Err(e) => Err(format!("Chromium could not start: {e}")),
    }
}

/// Writes the receipt of invoice `number`.
pub fn run<S: Store>(
    desk: &Backspace<S>,
    number: &str,
    format: ReceiptFormat,
    paper: &str,
    out: &Path,
) -> CliResult {
    let paper: Paper = paper.parse().map_err(|e: backspace::Error| e.to_string())?;
    let invoice = desk.find_invoice(number).map_err(|e| e.to_string())?;
    let html = receipt_html(desk, invoice.id, paper).map_err(|e| e.to_string())?;
    match format {
        ReceiptFormat::Html => crate::files::write_whole(out, html.as_bytes()),
        ReceiptFormat::Pdf => print_pdf(&html, out),
    }
}
