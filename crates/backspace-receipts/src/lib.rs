//! # backspace-receipts
//!
//! Printable receipts of Backspace invoices as HTML: an 80 mm thermal receipt or an A4 invoice,
//! in Arabic and English, laid out right to left (Arabic shaping is the browser's). The space's
//! name and address come from the seller settings; lines, discount, VAT, payments and what is
//! still due from the invoice; the e-receipt's uuid, when one was produced, as a QR code.
//! The one template is `templates/receipt.html` (minijinja, escaped by default).
//!
//! ```
//! use backspace::{Decimal, NewCustomer, ResourceType, EndSession};
//! use backspace_receipts::{Paper, receipt_html};
//! use backspace::chrono::Duration;
//!
//! let desk = backspace::in_memory()?;
//! let mona = desk.register_customer(NewCustomer::new("منى عادل", "010 1234 5678"))?;
//! let seat = desk.add_resource("Seat 1", ResourceType::Seat, Decimal::new(3000, 2))?;
//! let s = desk.at(desk.now() - Duration::hours(1)).start_session(mona.id, seat.id)?;
//! let invoice = desk.end_session(s.id, EndSession::default())?;
//! let html = receipt_html(&desk, invoice.id, Paper::Thermal80mm)?;
//! assert!(html.contains("منى عادل") && html.contains("INV-0001") && html.contains("30.00"));
//! # Ok::<(), backspace::Error>(())
//! ```

use backspace::{Backspace, Error, Result, Store, Uuid};
use minijinja::{Environment, context};
use serde::Serialize;

const TEMPLATE: &str = include_str!("../templates/receipt.html");

/// The paper a receipt is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// An 80 mm thermal roll.
    Thermal80mm,
    /// An A4 page.
    A4,
}

impl std::str::FromStr for Paper {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "80mm" | "80" | "thermal" => Ok(Paper::Thermal80mm),
            "a4" => Ok(Paper::A4),
            other => Err(Error::validation(
                "paper",
                format!("must be 80mm or a4, got {other:?}"),
            )),
        }
    }
}

#[derive(Serialize)]
struct Line {
    description: String,
    quantity: i64,
    amount: String,
}

#[derive(Serialize)]
struct Paid {
    method: &'static str,
    amount: String,
}

fn method_name(m: backspace::PaymentMethod) -> &'static str {
    match m {
        backspace::PaymentMethod::Cash => "نقدا / cash",
        backspace::PaymentMethod::Card => "بطاقة / card",
        backspace::PaymentMethod::Transfer => "تحويل / transfer",
        backspace::PaymentMethod::Balance => "من الرصيد / balance",
    }
}

/// The QR code of `text` as an SVG element.
fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .quiet_zone(true)
            .min_dimensions(120, 120)
            .build(),
    )
}

/// The receipt of an invoice as an HTML page for `paper`.
pub fn receipt_html<S: Store>(
    desk: &Backspace<S>,
    invoice_id: Uuid,
    paper: Paper,
) -> Result<String> {
    let invoice = desk.get_invoice(invoice_id)?;
    let customer = desk.get_customer(invoice.customer_id)?;
    let settings = desk.settings()?;
    let receipt = desk.find_e_receipt(invoice_id)?;
    let seller = &settings.seller;
    let address: Vec<&str> = [
        seller.street.as_deref(),
        seller.building_number.as_deref(),
        seller.region_city.as_deref(),
        seller.governate.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let issued = invoice
        .issued_at
        .with_timezone(&settings.time_zone)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let status_note = match invoice.status {
        backspace::InvoiceStatus::Void => Some("ملغاة / VOID"),
        backspace::InvoiceStatus::WrittenOff => Some("مشطوبة / WRITTEN OFF"),
        _ => None,
    };
    let (page_size, page_margin, font_size, body_width, qr_size) = match paper {
        Paper::Thermal80mm => ("80mm auto", "3mm", "11px", "74mm", "32mm"),
        Paper::A4 => ("A4", "18mm", "13px", "auto", "40mm"),
    };
    let mut env = Environment::new();
    env.add_template("receipt.html", TEMPLATE)
        .map_err(|e| Error::storage(format!("receipt template: {e}")))?;
    let template = env
        .get_template("receipt.html")
        .map_err(|e| Error::storage(format!("receipt template: {e}")))?;
    let lines: Vec<Line> = invoice
        .line_items
        .iter()
        .map(|l| Line {
            description: l.description.clone(),
            quantity: l.quantity,
            amount: l.amount.to_string(),
        })
        .collect();
    let payments: Vec<Paid> = invoice
        .payments
        .iter()
        .map(|p| Paid {
            method: method_name(p.method),
            amount: p.amount.to_string(),
        })
        .collect();
    template
        .render(context! {
            page_size, page_margin, font_size, body_width, qr_size,
            currency => settings.currency.clone(),
            space => context! {
                name => seller.company_trade_name.clone().unwrap_or_else(|| "Backspace".into()),
                address => (!address.is_empty()).then(|| address.join("، ")),
                rin => seller.rin.clone(),
            },
            invoice => context! {
                number => invoice.invoice_number.clone(),
                issued,
                amount => invoice.amount.to_string(),
                has_discount => !invoice.discount_amount.is_zero(),
                discount => invoice.discount.to_string(),
                discount_amount => invoice.discount_amount.to_string(),
                has_vat => !invoice.vat_rate.is_zero(),
                vat_rate => invoice.vat_rate.to_string(),
                vat_included => invoice.prices_include_vat,
                vat_amount => invoice.vat_amount.to_string(),
                total => invoice.total.to_string(),
                has_refunds => !invoice.refunded_amount.is_zero(),
                refunded => invoice.refunded_amount.to_string(),
                due => invoice.due().to_string(),
                status_note,
            },
            customer => context! { name => customer.name.clone(), human_id => customer.human_id.clone() },
            lines, payments,
            qr => receipt.as_ref().and_then(|r| qr_svg(&r.uuid)),
            e_receipt_uuid => receipt.as_ref().map(|r| r.uuid.clone()),
        })
        .map_err(|e| Error::storage(format!("receipt template: {e}")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_and_paper_parses() {
        let desk = backspace::in_memory().unwrap();
        let c = desk
            .register_customer(backspace::NewCustomer::new("<b>Omar</b>", "01012345678"))
            .unwrap();
        let seat = desk
            .add_resource(
                "Seat",
                backspace::ResourceType::Seat,
                backspace::Decimal::new(1000, 2),
            )
            .unwrap();
        let s = desk
            .at(desk.now() - backspace::chrono::Duration::hours(1))
            .start_session(c.id, seat.id)
            .unwrap();
        let inv = desk
            .end_session(s.id, backspace::EndSession::default())
            .unwrap();
        let html = receipt_html(&desk, inv.id, Paper::A4).unwrap();
        assert!(
            html.contains("&lt;b&gt;Omar") && !html.contains("<b>Omar"),
            "names are escaped"
        );
        assert!(html.contains("size: A4"));
        assert_eq!("80MM".parse::<Paper>().unwrap(), Paper::Thermal80mm);
        assert!("letter".parse::<Paper>().is_err());
        assert_eq!(
            receipt_html(&desk, Uuid::new_v4(), Paper::A4)
                .unwrap_err()
                .kind(),
            backspace::ErrorKind::NotFound
        );
    }
}
