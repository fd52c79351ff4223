//! VAT and e-receipts (§18: R-TAX-1..3; R-TAX-4's worked example is in `tests/`).

use serde_json::Value;

use super::*;
use crate::ErrorKind;
use crate::ereceipt::ReceiptKind;
use crate::settings::{SellerSettings, SettingsUpdate};

fn vat<S: Store>(fx: &Fx<S>, percent: &str, inclusive: bool) {
    fx.bs
        .update_settings(SettingsUpdate {
            vat_percent: Some(d(percent)),
            prices_include_vat: Some(inclusive),
            ..Default::default()
        })
        .unwrap();
}

fn seller() -> SellerSettings {
    let s = |v: &str| Some(v.to_string());
    SellerSettings {
        rin: s("123456789"),
        company_trade_name: s("مساحة العمل"),
        branch_code: s("0"),
        country: s("EG"),
        governate: s("Cairo"),
        region_city: s("Nasr City"),
        street: s("Abbas El Akkad"),
        building_number: s("12"),
        device_serial_number: s("POS-1"),
        activity_code: s("6820"),
        item_type: s("EGS"),
        session_item_code: s("EG-123456789-1"),
        consumption_item_code: s("EG-123456789-2"),
        subscription_item_code: s("EG-123456789-3"),
        reservation_fee_item_code: s("EG-123456789-4"),
    }
}

/// A two-hour visit at 30.00/hour with two teas at 10.00, ended with `discount` percent off.
fn visit<S: Store>(fx: &Fx<S>, h: u32, discount: &str) -> Invoice {
    let a = fx
        .bs
        .at(t(6, 0))
        .register_customer(NewCustomer::new(
            format!("C{h}"),
            format!("010000000{h:02}"),
        ))
        .unwrap();
    let seat = fx.seat(&format!("Seat {h}"), "30");
    let tea = fx.item(&format!("Tea {h}"), "10", 10, 0);
    let s = fx.bs.at(t(h, 0)).start_session(a.id, seat.id).unwrap();
    fx.bs.at(t(h, 5)).add_consumption(s.id, tea.id, 2).unwrap();
    fx.bs
        .at(t(h + 2, 0))
        .end_session(s.id, EndSession::with_discount(d(discount)))
        .unwrap()
}

fn ties_out(inv: &Invoice) {
    let net: Decimal = inv.line_items.iter().map(|l| l.net).sum();
    let vat: Decimal = inv.line_items.iter().map(|l| l.vat).sum();
    assert_eq!((net, vat), (inv.net_amount, inv.vat_amount), "{inv:?}");
    assert_eq!(inv.total, inv.net_amount + inv.vat_amount);
}

pub fn r_tax_1_vat_is_split_over_lines_and_ties_out<S: Store>(store: S) {
    let fx = Fx::new(store);
    for bad in ["100.5", "14.001", "-1"] {
        fails_unchanged(&fx.bs, ErrorKind::Validation, || {
            fx.bs.update_settings(SettingsUpdate {
                vat_percent: Some(d(bad)),
                ..Default::default()
            })
        });
    }
    vat(&fx, "14", true);
    // 60.00 + 20.00 = 80.00 with 14 % inside, 10 % off: 72.00, of which VAT 8.84.
    let inv = visit(&fx, 8, "10");
    assert_eq!(
        (inv.amount, inv.discount_amount, inv.total),
        (d("80.00"), d("8.00"), d("72.00"))
    );
    assert_eq!((inv.vat_rate, inv.prices_include_vat), (d("14.00"), true));
    // Lines: 60.00 − 6.00 = 54.00 → VAT 6.63; 20.00 − 2.00 = 18.00 → VAT 2.21.
    let split: Vec<(Decimal, Decimal)> = inv.line_items.iter().map(|l| (l.net, l.vat)).collect();
    assert_eq!(split, [(d("47.37"), d("6.63")), (d("15.79"), d("2.21"))]);
    ties_out(&inv);
    assert_eq!(fx.bs.get_invoice(inv.id).unwrap(), inv);
    // A later discount recomputes them, still tied out.
    let inv = fx.bs.at(t(10, 30)).set_discount(inv.id, d("25")).unwrap();
    ties_out(&inv);
    assert_eq!(inv.total, d("60.00"));
    let day = fx
        .bs
        .revenue(date(2026, 11, 24), date(2026, 11, 24))
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (day.vat, day.vat_on_top, day.net),
        (inv.vat_amount, d("0.00"), d("60.00"))
    );
}

pub fn r_tax_1_prices_without_vat_add_it_on_top<S: Store>(store: S) {
    let fx = Fx::new(store);
    vat(&fx, "14", false);
    let inv = visit(&fx, 8, "0");
    // 80.00 net, 11.20 VAT on top.
    assert_eq!(
        (inv.net_amount, inv.vat_amount, inv.total),
        (d("80.00"), d("11.20"), d("91.20"))
    );
    ties_out(&inv);
    let day = fx
        .bs
        .revenue(date(2026, 11, 24), date(2026, 11, 24))
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (day.vat, day.vat_on_top, day.net),
        (d("11.20"), d("11.20"), d("91.20"))
    );
    // The customer owes the total with VAT.
    let c = fx.bs.get_customer(inv.customer_id).unwrap();
    assert_eq!(c.balance, d("-91.20"));
    super::invariants::check_invariants(&fx.bs);
}

pub fn r_tax_1_invoices_before_vat_keep_their_figures<S: Store>(store: S) {
    let fx = Fx::new(store);
    let before = visit(&fx, 8, "0");
    vat(&fx, "14", false);
    let after = fx.bs.get_invoice(before.id).unwrap();
    assert_eq!(
        (after.vat_rate, after.vat_amount, after.total),
        (d("0.00"), d("0.00"), d("80.00"))
    );
    let discounted = fx
        .bs
        .at(t(10, 30))
        .set_discount(before.id, d("50"))
        .unwrap();
    assert_eq!(
        (discounted.vat_amount, discounted.total),
        (d("0.00"), d("40.00"))
    );
    assert!(fx.bs.verify_trail().unwrap().is_intact());
}

fn json(r: &crate::ereceipt::EReceipt) -> Value {
    serde_json::from_str(&r.document).unwrap()
}

pub fn r_tax_2_e_receipt_of_an_invoice_is_produced_once<S: Store>(store: S) {
    let fx = Fx::new(store);
    vat(&fx, "14", true);
    let inv = visit(&fx, 8, "10");
    let err = fails_unchanged(&fx.bs, ErrorKind::Validation, || fx.bs.e_receipt(inv.id));
    assert!(
        err.to_string().contains("seller.device_serial_number")
            || err.to_string().contains("seller."),
        "{err}"
    );
    let mut partial = seller();
    partial.consumption_item_code = None;
    fx.bs
        .update_settings(SettingsUpdate {
            seller: Some(partial),
            ..Default::default()
        })
        .unwrap();
    let err = fails_unchanged(&fx.bs, ErrorKind::Validation, || fx.bs.e_receipt(inv.id));
    assert!(
        matches!(&err, crate::Error::Validation { field, .. } if field == "seller.consumption_item_code"),
        "{err}"
    );
    fx.bs
        .update_settings(SettingsUpdate {
            seller: Some(seller()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(fx.bs.settings().unwrap().seller, seller());
    let r = fx.bs.at(t(11, 0)).e_receipt(inv.id).unwrap();
    assert_eq!(
        (r.kind, r.receipt_number.as_str(), r.previous_uuid.as_str()),
        (ReceiptKind::Sale, "INV-0001", "")
    );
    assert_eq!(r.uuid.len(), 64);
    assert!(
        r.uuid
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    let doc = json(&r);
    assert_eq!(doc["header"]["uuid"], r.uuid.as_str());
    assert_eq!(doc["header"]["dateTimeIssued"], "2026-11-24T10:00:00Z");
    assert_eq!(doc["documentType"]["receiptType"], "s");
    assert_eq!(doc["seller"]["companyTradeName"], "مساحة العمل");
    assert_eq!(doc["buyer"]["mobileNumber"], "+201000000008");
    assert_eq!(doc["itemData"].as_array().unwrap().len(), 2);
    assert_eq!(doc["itemData"][0]["taxableItems"][0]["subType"], "V009");
    // Amounts are written as two-decimal numbers and add up to the invoice.
    assert!(
        r.document.contains("\"totalAmount\":72.00"),
        "{}",
        r.document
    );
    assert!(
        r.document
            .contains("\"taxTotals\":[{\"taxType\":\"T1\",\"amount\":8.84}]"),
        "{}",
        r.document
    );
    // Asked again: the same bytes, nothing new.
    assert_eq!(fx.bs.at(t(12, 0)).e_receipt(inv.id).unwrap(), r);
    assert_eq!(
        fx.bs.pending_e_receipts().unwrap(),
        std::slice::from_ref(&r)
    );
    // A void invoice has none.
    let other = visit(&fx, 14, "0");
    fx.bs.at(t(16, 30)).void_invoice(other.id, "typo").unwrap();
    let err = fails_unchanged(&fx.bs, ErrorKind::Validation, || fx.bs.e_receipt(other.id));
    assert!(err.to_string().contains("void"), "{err}");
}

pub fn r_tax_3_receipts_chain_per_device_and_returns_name_the_sale<S: Store>(store: S) {
    let fx = Fx::new(store);
    vat(&fx, "14", true);
    fx.bs
        .update_settings(SettingsUpdate {
            seller: Some(seller()),
            ..Default::default()
        })
        .unwrap();
    let first = visit(&fx, 8, "0");
    let second = visit(&fx, 9, "0");
    let r1 = fx.bs.e_receipt(first.id).unwrap();
    let r2 = fx.bs.e_receipt(second.id).unwrap();
    assert_eq!(r2.previous_uuid, r1.uuid);
    assert_eq!(json(&r2)["header"]["previousUUID"], r1.uuid.as_str());
    // A refund of half: a return receipt with positive amounts, naming the sale.
    fx.bs
        .at(t(11, 30))
        .record_payment(second.id, NewPayment::cash(d("80")))
        .unwrap();
    let note = fx
        .bs
        .at(t(11, 40))
        .refund(second.id, d("40"), PaymentMethod::Cash, "noise")
        .unwrap();
    let ret = fx.bs.return_receipt(note.id).unwrap();
    let doc = json(&ret);
    assert_eq!(
        (ret.kind, ret.receipt_number.as_str()),
        (ReceiptKind::Return, "CN-0001")
    );
    assert_eq!(doc["documentType"]["receiptType"], "r");
    assert_eq!(doc["header"]["referenceUUID"], r2.uuid.as_str());
    assert_eq!(ret.previous_uuid, r2.uuid);
    assert!(
        ret.document.contains("\"totalAmount\":40.00"),
        "{}",
        ret.document
    );
    assert_eq!(fx.bs.return_receipt(note.id).unwrap(), ret);
    // The app submits them; pending ones are listed in order.
    assert_eq!(fx.bs.pending_e_receipts().unwrap().len(), 3);
    let marked = fx.bs.mark_e_receipt_submitted(&r1.uuid, "SUB-1").unwrap();
    assert_eq!(marked.submission_id.as_deref(), Some("SUB-1"));
    assert!(marked.submitted_at.is_some());
    let pending: Vec<String> = fx
        .bs
        .pending_e_receipts()
        .unwrap()
        .into_iter()
        .map(|r| r.uuid)
        .collect();
    assert_eq!(pending, [r2.uuid.clone(), ret.uuid.clone()]);
    fails_unchanged(&fx.bs, ErrorKind::InvalidState, || {
        fx.bs.mark_e_receipt_submitted(&r1.uuid, "SUB-2")
    });
    fails_unchanged(&fx.bs, ErrorKind::NotFound, || {
        fx.bs.mark_e_receipt_submitted(&"0".repeat(64), "SUB-3")
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.mark_e_receipt_submitted(&r2.uuid, " ")
    });
}
