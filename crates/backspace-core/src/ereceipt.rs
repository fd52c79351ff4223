//! Egyptian e-receipts (R-TAX-2..4): the Tax Authority's B2C receipt document (layout 1.2) for
//! an invoice or a refund, its canonical serialization and its `uuid`.
//!
//! A document is built as an ordered tree ([`Doc`]) and kept as the JSON text written from it;
//! amounts are JSON numbers written as fixed two-decimal text (`30.00`). The `uuid` follows the
//! authority's published algorithm: the document with an empty `uuid` is serialized canonically
//! (property names upper-cased and quoted, simple values quoted exactly as written in the
//! document, an array's name written once and again before each element, no separators) and
//! hashed with SHA-256 over its UTF-8 bytes, as 64 lower-case hex digits.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::{Customer, Invoice, InvoiceStatus, LineKind, PaymentMethod};
use crate::money::{Piastres, parse_percent};
use crate::settings::{SellerSettings, Settings};
use crate::trail::sha256_hex;

/// A JSON document with its members in order and numbers as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doc {
    /// An object's members, in order.
    Object(Vec<(String, Doc)>),
    /// An array's elements.
    Array(Vec<Doc>),
    /// A string value.
    Text(String),
    /// A number, exactly as written (`30.00`).
    Number(String),
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

impl Doc {
    /// An object from `(name, value)` pairs.
    pub fn object(members: Vec<(&str, Doc)>) -> Doc {
        Doc::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// A string value.
    pub fn text(s: impl Into<String>) -> Doc {
        Doc::Text(s.into())
    }

    /// Money as a fixed two-decimal number.
    pub fn money(d: Decimal) -> Doc {
        Doc::Number(format!("{:.2}", d.round_dp(2)))
    }

    /// Compact JSON text.
    pub fn to_json(&self) -> String {
        match self {
            Doc::Object(members) => {
                let inner: Vec<String> = members
                    .iter()
                    .map(|(k, v)| format!("{}:{}", quoted(k), v.to_json()))
                    .collect();
                format!("{{{}}}", inner.join(","))
            }
            Doc::Array(items) => {
                let inner: Vec<String> = items.iter().map(Doc::to_json).collect();
                format!("[{}]", inner.join(","))
            }
            Doc::Text(s) => quoted(s),
            Doc::Number(n) => n.clone(),
        }
    }

    /// The authority's canonical serialization (Document Serialization Approach).
    pub fn serialize(&self) -> String {
        let mut out = String::new();
        if let Doc::Object(members) = self {
            for (name, value) in members {
                member(&mut out, name, value);
            }
        } else {
            simple(&mut out, self);
        }
        out
    }

    /// The member `name` of an object.
    pub fn get(&self, name: &str) -> Option<&Doc> {
        match self {
            Doc::Object(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets the member at `path` (object names) to `value`, when it exists.
    pub fn set(&mut self, path: &[&str], value: Doc) {
        let Some((first, rest)) = path.split_first() else {
            *self = value;
            return;
        };
        if let Doc::Object(members) = self
            && let Some((_, v)) = members.iter_mut().find(|(k, _)| k == first)
        {
            v.set(rest, value);
        }
    }
}

fn upper(name: &str) -> String {
    format!("\"{}\"", name.to_uppercase())
}

fn simple(out: &mut String, value: &Doc) {
    match value {
        // A string's value as it is written in the JSON document (escapes included).
        Doc::Text(s) => out.push_str(&quoted(s)),
        Doc::Number(n) => {
            out.push('"');
            out.push_str(n);
            out.push('"');
        }
        Doc::Object(members) => {
            for (name, v) in members {
                member(out, name, v);
            }
        }
        Doc::Array(items) => {
            for item in items {
                simple(out, item);
            }
        }
    }
}

fn member(out: &mut String, name: &str, value: &Doc) {
    out.push_str(&upper(name));
    match value {
        Doc::Array(items) => {
            for item in items {
                out.push_str(&upper(name));
                simple(out, item);
            }
        }
        other => simple(out, other),
    }
}

/// The `uuid` of a document: SHA-256 of its canonical serialization with `header.uuid` empty.
pub fn receipt_uuid(doc: &Doc) -> String {
    let mut blank = doc.clone();
    blank.set(&["header", "uuid"], Doc::text(""));
    sha256_hex(&blank.serialize())
}

/// What a receipt records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ReceiptKind {
    /// A sale: an invoice (`receiptType` `s`).
    Sale,
    /// A return: a refund's credit note (`receiptType` `r`).
    Return,
}

impl ReceiptKind {
    /// `s` or `r`.
    pub fn code(self) -> &'static str {
        match self {
            ReceiptKind::Sale => "s",
            ReceiptKind::Return => "r",
        }
    }

    /// `sale` or `return`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReceiptKind::Sale => "sale",
            ReceiptKind::Return => "return",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<ReceiptKind> {
        match s {
            "sale" => Some(ReceiptKind::Sale),
            "return" => Some(ReceiptKind::Return),
            _ => None,
        }
    }
}

/// A produced e-receipt, stored the first time it is produced and never changed (R-TAX-3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EReceipt {
    /// The document's uuid (64 lower-case hex digits).
    pub uuid: String,
    /// Sale or return.
    pub kind: ReceiptKind,
    /// The invoice (sale) or credit note (return) it is for.
    pub document_id: Uuid,
    /// `INV-…` or `CN-…`.
    pub receipt_number: String,
    /// The device whose chain it is in.
    pub device_serial_number: String,
    /// The previous receipt's uuid on that device, empty for its first.
    pub previous_uuid: String,
    /// When it was produced.
    pub produced_at: DateTime<Utc>,
    /// The document as JSON, byte for byte as produced.
    pub document: String,
    /// When the embedding app marked it submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// The submission's id at the authority, as the app recorded it.
    pub submission_id: Option<String>,
}

/// The seller settings a receipt needs, each named in the error when missing.
fn required<'a>(seller: &'a SellerSettings, field: &str) -> Result<&'a str> {
    seller
        .fields()
        .into_iter()
        .find(|(name, _)| *name == field)
        .and_then(|(_, v)| v.as_deref())
        .ok_or_else(|| {
            Error::validation(
                &format!("seller.{field}"),
                "is needed for e-receipts: set it in update_settings",
            )
        })
}

fn item_code_field(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Session => "session_item_code",
        LineKind::Consumption => "consumption_item_code",
        LineKind::Subscription => "subscription_item_code",
        LineKind::ReservationFee => "reservation_fee_item_code",
    }
}

fn payment_code(invoice: &Invoice) -> &'static str {
    let largest = invoice
        .payments
        .iter()
        .max_by_key(|p| (p.amount, std::cmp::Reverse(p.paid_at)));
    match largest.map(|p| p.method) {
        Some(PaymentMethod::Card) => "V",
        Some(PaymentMethod::Transfer) => "O",
        Some(PaymentMethod::Balance) => "O",
        _ => "C",
    }
}

/// The money of one receipt line: net sale, VAT and total, with the discount's net share.
struct ItemMoney {
    total_sale: Piastres,
    net_sale: Piastres,
    vat: Piastres,
}

/// The receipt document for `invoice` (a sale), or for `refund` of it (a return, amounts in
/// proportion), before its uuid is set.
pub struct ReceiptInput<'a> {
    /// Sale or return.
    pub kind: ReceiptKind,
    /// The invoice sold (or refunded).
    pub invoice: &'a Invoice,
    /// The buyer.
    pub customer: &'a Customer,
    /// The space's settings.
    pub settings: &'a Settings,
    /// `INV-…` or `CN-…`.
    pub receipt_number: &'a str,
    /// When the receipt's document was issued.
    pub issued_at: DateTime<Utc>,
    /// For a return, the amount refunded.
    pub refunded: Option<Piastres>,
    /// The previous receipt's uuid on the device.
    pub previous_uuid: &'a str,
    /// For a return, the sale's uuid.
    pub reference_uuid: &'a str,
}

/// Builds a receipt document (R-TAX-2); a validation error names a missing seller setting.
pub fn build(input: &ReceiptInput<'_>) -> Result<Doc> {
    let ReceiptInput {
        kind,
        invoice,
        customer,
        settings,
        ..
    } = *input;
    if invoice.status == InvoiceStatus::Void {
        return Err(Error::validation(
            "invoice_id",
            format!(
                "{} is void: a void invoice has no receipt",
                invoice.invoice_number
            ),
        ));
    }
    let seller = &settings.seller;
    let rate = invoice.vat_rate;
    let hundredths = parse_percent("vat_rate", rate)?;
    // A return carries the money given back, shared among the lines in proportion to their
    // totals (largest remainder, so the shares add up to it), VAT taken from inside each share.
    let line_totals = invoice
        .line_items
        .iter()
        .map(|l| {
            Piastres::from_decimal("net", l.net)?.checked_add(Piastres::from_decimal("vat", l.vat)?)
        })
        .collect::<Result<Vec<_>>>()?;
    let returned = input
        .refunded
        .map(|r| crate::vat::discount_shares(&line_totals, r))
        .transpose()?;
    let mut items = Vec::new();
    let [mut sales, mut nets, mut vats, mut totals] = [Piastres::ZERO; 4];
    for (i, line) in invoice.line_items.iter().enumerate() {
        let field = item_code_field(line.kind);
        let code = required(seller, field)?;
        let net = Piastres::from_decimal("net", line.net)?;
        let vat = Piastres::from_decimal("vat", line.vat)?;
        let gross_before = Piastres::from_decimal("amount", line.amount)?;
        // The line's discount share, net of VAT.
        let before_net = if invoice.prices_include_vat {
            gross_before.checked_sub(crate::vat::vat_of(gross_before, hundredths, true)?)?
        } else {
            gross_before
        };
        let m = match &returned {
            Some(shares) => {
                let back = shares[i];
                let back_vat = crate::vat::vat_of(back, hundredths, true)?;
                ItemMoney {
                    total_sale: back.checked_sub(back_vat)?,
                    net_sale: back.checked_sub(back_vat)?,
                    vat: back_vat,
                }
            }
            None => ItemMoney {
                total_sale: before_net.max(net),
                net_sale: net,
                vat,
            },
        };
        let item_total = m.net_sale.checked_add(m.vat)?;
        sales = sales.checked_add(m.total_sale)?;
        nets = nets.checked_add(m.net_sale)?;
        vats = vats.checked_add(m.vat)?;
        totals = totals.checked_add(item_total)?;
        let mut taxable = Vec::new();
        if !rate.is_zero() {
            taxable.push(Doc::object(vec![
                ("taxType", Doc::text("T1")),
                ("amount", Doc::money(m.vat.to_decimal())),
                ("subType", Doc::text("V009")),
                ("rate", Doc::money(rate)),
            ]));
        }
        items.push(Doc::object(vec![
            (
                "internalCode",
                Doc::text(format!("{}-{}", invoice.invoice_number, i + 1)),
            ),
            ("description", Doc::text(line.description.clone())),
            ("itemType", Doc::text(required(seller, "item_type")?)),
            ("itemCode", Doc::text(code)),
            ("unitType", Doc::text("EA")),
            ("quantity", Doc::Number("1".to_string())),
            ("unitPrice", Doc::money(m.total_sale.to_decimal())),
            ("netSale", Doc::money(m.net_sale.to_decimal())),
            ("totalSale", Doc::money(m.total_sale.to_decimal())),
            ("total", Doc::money(item_total.to_decimal())),
            ("taxableItems", Doc::Array(taxable)),
        ]));
    }
    let mut tax_totals = Vec::new();
    if !rate.is_zero() {
        tax_totals.push(Doc::object(vec![
            ("taxType", Doc::text("T1")),
            ("amount", Doc::money(vats.to_decimal())),
        ]));
    }
    Ok(Doc::object(vec![
        (
            "header",
            Doc::object(vec![
                (
                    "dateTimeIssued",
                    Doc::text(input.issued_at.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
                ),
                ("receiptNumber", Doc::text(input.receipt_number)),
                ("uuid", Doc::text("")),
                ("previousUUID", Doc::text(input.previous_uuid)),
                ("referenceUUID", Doc::text(input.reference_uuid)),
                ("currency", Doc::text("EGP")),
            ]),
        ),
        (
            "documentType",
            Doc::object(vec![
                ("receiptType", Doc::text(kind.code())),
                ("typeVersion", Doc::text("1.2")),
            ]),
        ),
        (
            "seller",
            Doc::object(vec![
                ("rin", Doc::text(required(seller, "rin")?)),
                (
                    "companyTradeName",
                    Doc::text(required(seller, "company_trade_name")?),
                ),
                ("branchCode", Doc::text(required(seller, "branch_code")?)),
                (
                    "branchAddress",
                    Doc::object(vec![
                        ("country", Doc::text(required(seller, "country")?)),
                        ("governate", Doc::text(required(seller, "governate")?)),
                        ("regionCity", Doc::text(required(seller, "region_city")?)),
                        ("street", Doc::text(required(seller, "street")?)),
                        (
                            "buildingNumber",
                            Doc::text(required(seller, "building_number")?),
                        ),
                    ]),
                ),
                (
                    "deviceSerialNumber",
                    Doc::text(required(seller, "device_serial_number")?),
                ),
                (
                    "activityCode",
                    Doc::text(required(seller, "activity_code")?),
                ),
            ]),
        ),
        (
            "buyer",
            Doc::object(vec![
                ("type", Doc::text("P")),
                ("name", Doc::text(customer.name.clone())),
                ("mobileNumber", Doc::text(customer.phone.clone())),
            ]),
        ),
        ("itemData", Doc::Array(items)),
        ("totalSales", Doc::money(sales.to_decimal())),
        (
            "totalCommercialDiscount",
            Doc::money(sales.checked_sub(nets)?.to_decimal()),
        ),
        ("netAmount", Doc::money(nets.to_decimal())),
        ("taxTotals", Doc::Array(tax_totals)),
        ("totalAmount", Doc::money(totals.to_decimal())),
        ("paymentMethod", Doc::text(payment_code(invoice))),
    ]))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn r_tax_2_arrays_repeat_their_name_and_values_stay_as_written() {
        let doc = Doc::object(vec![
            ("a", Doc::text("x")),
            ("n", Doc::Number("0.0".into())),
            ("o", Doc::object(vec![("b", Doc::text(""))])),
            (
                "taxableItems",
                Doc::Array(vec![
                    Doc::object(vec![("taxType", Doc::text("T1"))]),
                    Doc::object(vec![("taxType", Doc::text("T2"))]),
                ]),
            ),
            ("refs", Doc::Array(vec![Doc::text("abc")])),
        ]);
        assert_eq!(
            doc.serialize(),
            r#""A""x""N""0.0""O""B""""TAXABLEITEMS""TAXABLEITEMS""TAXTYPE""T1""TAXABLEITEMS""TAXTYPE""T2""REFS""REFS""abc""#
        );
        assert_eq!(
            doc.to_json(),
            r#"{"a":"x","n":0.0,"o":{"b":""},"taxableItems":[{"taxType":"T1"},{"taxType":"T2"}],"refs":["abc"]}"#
        );
    }
}
