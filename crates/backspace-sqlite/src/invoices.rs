//! `invoices` with their `invoice_lines` (by position) and `payments` (by insertion `seq`).
//! The discount percentage is stored in basis points (hundredths of a percent). An invoice row
//! also carries its lines' amounts summed by kind (`sessions_piastres`, …), written with it
//! from the lines, for the revenue report.

use std::collections::HashMap;

use backspace_core::{
    Correction, Error, Invoice, InvoiceFilter, InvoiceLine, InvoiceStatus, Payment, Result, Uuid,
};
use rusqlite::{Connection, Row, named_params};

use crate::constraints::translate;
use crate::convert::{
    date, get_date, get_instant, get_money, get_opt_date, get_opt_instant, get_opt_uuid,
    get_parsed, get_uuid, instant, opt_date, opt_instant, opt_uuid, piastres, uuid,
};
use crate::credit_notes;
use crate::error::Db;
use crate::query::{exec, many, one, touched};

/// `SELECT` of every header column, followed by the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT id, invoice_number, customer_id, session_id, subscription_id, issued_at, ",
            "issue_date, due_date, amount_piastres, discount_basis_points, ",
            "discount_amount_piastres, total_piastres, paid_amount_piastres, status, paid_date, ",
            "refunded_piastres, written_off_piastres, correction, corrected_at, correction_date, ",
            "correction_reason, correction_footprint, footprint, vat_rate_hundredths, ",
            "prices_include_vat ",
            "FROM invoices ",
            $rest
        )
    };
}

/// The header (columns in the order of `select!`, read by position); lines and payments are
/// loaded by [`complete`].
fn header_from_row(row: &Row<'_>) -> rusqlite::Result<Invoice> {
    Ok(Invoice {
        id: get_uuid(row, 0)?,
        invoice_number: row.get(1)?,
        customer_id: get_uuid(row, 2)?,
        session_id: get_opt_uuid(row, 3)?,
        subscription_id: get_opt_uuid(row, 4)?,
        issued_at: get_instant(row, 5)?,
        issue_date: get_date(row, 6)?,
        due_date: get_date(row, 7)?,
        amount: get_money(row, 8)?,
        discount: get_money(row, 9)?,
        discount_amount: get_money(row, 10)?,
        total: get_money(row, 11)?,
        vat_rate: get_money(row, 23)?,
        prices_include_vat: crate::convert::get_flag(row, 24)?,
        // Derived from the lines when they are loaded (`vat::split_lines`).
        net_amount: get_money(row, 11)?,
        vat_amount: backspace_core::money::to_decimal(0),
        paid_amount: get_money(row, 12)?,
        status: match row.get::<_, Option<String>>(17)? {
            // A corrected invoice shows its correction; `status` keeps its payment status.
            Some(_) => get_parsed(row, 17)?,
            None => get_parsed(row, 13)?,
        },
        paid_date: get_opt_date(row, 14)?,
        line_items: Vec::new(),
        payments: Vec::new(),
        refunded_amount: get_money(row, 15)?,
        written_off_amount: get_money(row, 16)?,
        correction: match get_opt_instant(row, 18)? {
            Some(at) => Some(Correction {
                at,
                date: get_date(row, 19)?,
                reason: row.get(20)?,
                footprint: row.get(21)?,
            }),
            None => None,
        },
        credit_notes: Vec::new(),
        footprint: row.get(22)?,
    })
}

/// The payment status stored in `status` and the correction stored in `correction`.
fn status_columns(inv: &Invoice) -> (&'static str, Option<&'static str>) {
    match inv.status {
        InvoiceStatus::Void | InvoiceStatus::WrittenOff => {
            let paid = if inv.paid_amount.is_zero() {
                "unpaid"
            } else {
                "pending"
            };
            let paid = if inv.paid_amount >= inv.total {
                "paid"
            } else {
                paid
            };
            (paid, Some(inv.status.as_str()))
        }
        s => (s.as_str(), None),
    }
}

/// A line from `kind, description, quantity, unit_price_piastres, amount_piastres`.
fn line_from_row(row: &Row<'_>) -> rusqlite::Result<InvoiceLine> {
    Ok(InvoiceLine {
        kind: get_parsed(row, 0)?,
        description: row.get(1)?,
        quantity: row.get(2)?,
        unit_price: get_money(row, 3)?,
        amount: get_money(row, 4)?,
        net: backspace_core::money::to_decimal(0),
        vat: backspace_core::money::to_decimal(0),
    })
}

/// A payment from `id, invoice_id, amount_piastres, method, paid_at, note`.
fn payment_from_row(row: &Row<'_>) -> rusqlite::Result<Payment> {
    Ok(Payment {
        id: get_uuid(row, 0)?,
        invoice_id: get_uuid(row, 1)?,
        amount: get_money(row, 2)?,
        method: get_parsed(row, 3)?,
        paid_at: get_instant(row, 4)?,
        note: row.get(5)?,
    })
}

/// Loads the lines and payments of a header.
fn complete(conn: &Connection, mut invoice: Invoice) -> Result<Invoice> {
    let id = uuid(invoice.id);
    invoice.line_items = many(
        conn,
        "SELECT kind, description, quantity, unit_price_piastres, amount_piastres
         FROM invoice_lines WHERE invoice_id = ?1 ORDER BY position",
        [&id],
        line_from_row,
    )?;
    invoice.payments = many(
        conn,
        "SELECT id, invoice_id, amount_piastres, method, paid_at, note
         FROM payments WHERE invoice_id = ?1 ORDER BY seq",
        [&id],
        payment_from_row,
    )?;
    if !invoice.refunded_amount.is_zero() {
        invoice.credit_notes = credit_notes::of_invoice(conn, invoice.id)?;
    }
    backspace_core::vat::split_lines(&mut invoice)?;
    Ok(invoice)
}

/// Completes an optional header.
fn completed(conn: &Connection, header: Option<Invoice>) -> Result<Option<Invoice>> {
    header.map(|h| complete(conn, h)).transpose()
}

/// Adds an invoice with its lines (and their sums by kind) and payments.
pub(crate) fn insert(conn: &Connection, inv: &Invoice) -> Result<()> {
    let [sessions, consumptions, subscriptions, fees] =
        backspace_core::reports::kind_sums(&inv.line_items)?;
    exec(
        conn,
        "INSERT INTO invoices (id, invoice_number, customer_id, session_id, subscription_id,
             issued_at, issue_date, due_date, amount_piastres, discount_basis_points,
             discount_amount_piastres, total_piastres, paid_amount_piastres, status, paid_date,
             sessions_piastres, consumptions_piastres, subscriptions_piastres,
             reservation_fees_piastres, footprint, vat_rate_hundredths, prices_include_vat,
             vat_piastres)
         VALUES (:id, :number, :customer_id, :session_id, :subscription_id, :issued_at,
             :issue_date, :due_date, :amount, :discount, :discount_amount, :total, :paid,
             :status, :paid_date, :sessions, :consumptions, :subscriptions, :fees, :footprint,
             :vat_rate, :inclusive, :vat)",
        named_params! {
            ":id": uuid(inv.id),
            ":number": inv.invoice_number,
            ":customer_id": uuid(inv.customer_id),
            ":session_id": opt_uuid(inv.session_id),
            ":subscription_id": opt_uuid(inv.subscription_id),
            ":issued_at": instant(inv.issued_at),
            ":issue_date": date(inv.issue_date),
            ":due_date": date(inv.due_date),
            ":amount": piastres(inv.amount),
            ":discount": piastres(inv.discount),
            ":discount_amount": piastres(inv.discount_amount),
            ":total": piastres(inv.total),
            ":paid": piastres(inv.paid_amount),
            ":status": inv.status.as_str(),
            ":paid_date": opt_date(inv.paid_date),
            ":sessions": sessions,
            ":consumptions": consumptions,
            ":subscriptions": subscriptions,
            ":fees": fees,
            ":footprint": inv.footprint,
            ":vat_rate": piastres(inv.vat_rate),
            ":inclusive": inv.prices_include_vat,
            ":vat": piastres(inv.vat_amount),
        },
    )
    .map_err(|e| {
        translate(
            e,
            "invoices",
            &[("id", &inv.id), ("invoice_number", &inv.invoice_number)],
        )
    })?;
    for (position, line) in inv.line_items.iter().enumerate() {
        exec(
            conn,
            "INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity,
                 unit_price_piastres, amount_piastres)
             VALUES (:invoice_id, :position, :kind, :description, :quantity, :unit_price,
                 :amount)",
            named_params! {
                ":invoice_id": uuid(inv.id),
                ":position": i64::try_from(position).unwrap_or(i64::MAX),
                ":kind": line.kind.as_str(),
                ":description": line.description,
                ":quantity": line.quantity,
                ":unit_price": piastres(line.unit_price),
                ":amount": piastres(line.amount),
            },
        )
        .db()?;
    }
    for payment in &inv.payments {
        insert_payment_row(conn, payment)?;
    }
    Ok(())
}

/// Saves an invoice's header: discount, totals, payments, status, refunds, its correction
/// and its footprint.
pub(crate) fn update(conn: &Connection, inv: &Invoice) -> Result<()> {
    let (status, correction) = status_columns(inv);
    let c = inv.correction.as_ref();
    let changed = exec(
        conn,
        // Only what changes after issue: the number, customer, dates and lines are fixed, and
        // leaving them out of SET spares their indexes.
        "UPDATE invoices SET discount_basis_points = :discount,
             discount_amount_piastres = :discount_amount, total_piastres = :total,
             paid_amount_piastres = :paid, status = :status, paid_date = :paid_date,
             refunded_piastres = :refunded, written_off_piastres = :written_off,
             correction = :correction, corrected_at = :corrected_at,
             correction_date = :correction_date, correction_reason = :correction_reason,
             correction_footprint = :correction_footprint, footprint = :footprint,
             vat_piastres = :vat
         WHERE id = :id",
        named_params! {
            ":id": uuid(inv.id),
            ":discount": piastres(inv.discount),
            ":discount_amount": piastres(inv.discount_amount),
            ":total": piastres(inv.total),
            ":paid": piastres(inv.paid_amount),
            ":status": status,
            ":paid_date": opt_date(inv.paid_date),
            ":refunded": piastres(inv.refunded_amount),
            ":written_off": piastres(inv.written_off_amount),
            ":correction": correction,
            ":corrected_at": opt_instant(c.map(|c| c.at)),
            ":correction_date": opt_date(c.map(|c| c.date)),
            ":correction_reason": c.map(|c| c.reason.as_str()),
            ":correction_footprint": c.map(|c| c.footprint.as_str()),
            ":footprint": inv.footprint,
            ":vat": piastres(inv.vat_amount),
        },
    )
    .db()?;
    touched(changed, "invoice", inv.id)
}

fn insert_payment_row(conn: &Connection, p: &Payment) -> Result<()> {
    exec(
        conn,
        "INSERT INTO payments (id, invoice_id, amount_piastres, method, paid_at, note)
         VALUES (:id, :invoice_id, :amount, :method, :paid_at, :note)",
        named_params! {
            ":id": uuid(p.id),
            ":invoice_id": uuid(p.invoice_id),
            ":amount": piastres(p.amount),
            ":method": p.method.as_str(),
            ":paid_at": instant(p.paid_at),
            ":note": p.note,
        },
    )
    .db()
    .map(|_| ())
}

/// Adds a payment to its invoice.
pub(crate) fn insert_payment(conn: &Connection, p: &Payment) -> Result<()> {
    let exists = one(
        conn,
        "SELECT 1 FROM invoices WHERE id = ?1",
        [uuid(p.invoice_id)],
        |_| Ok(()),
    )?;
    if exists.is_none() {
        return Err(Error::not_found("invoice", p.invoice_id));
    }
    insert_payment_row(conn, p)
}

/// An invoice by id, complete.
pub(crate) fn by_id(conn: &Connection, id: Uuid) -> Result<Option<Invoice>> {
    let header = one(conn, select!("WHERE id = ?1"), [uuid(id)], header_from_row)?;
    completed(conn, header)
}

/// An invoice by number, complete.
pub(crate) fn by_number(conn: &Connection, number: &str) -> Result<Option<Invoice>> {
    let header = one(
        conn,
        select!("WHERE invoice_number = ?1"),
        [number],
        header_from_row,
    )?;
    completed(conn, header)
}

/// Invoices passing the filter, by number (length, then text), complete.
pub(crate) fn list(conn: &Connection, filter: &InvoiceFilter) -> Result<Vec<Invoice>> {
    let headers = many(
        conn,
        select!(
            "WHERE (?1 IS NULL OR customer_id = ?1) \
             AND (?2 IS NULL OR coalesce(correction, status) = ?2) \
             AND (?3 IS NULL OR issue_date >= ?3) AND (?4 IS NULL OR issue_date <= ?4) \
             ORDER BY octet_length(invoice_number), invoice_number"
        ),
        rusqlite::params![
            opt_uuid(filter.customer_id),
            filter.status.map(|s| s.as_str()),
            opt_date(filter.from),
            opt_date(filter.to),
        ],
        header_from_row,
    )?;
    headers.into_iter().map(|h| complete(conn, h)).collect()
}

/// Invoices not fully paid, by due date then number text, complete (uses the partial index
/// `invoices_unpaid`). Their lines and payments come in two statements for all of them, not
/// two per invoice, looked up by the sorted ids so the index is walked in order.
pub(crate) fn unpaid(conn: &Connection) -> Result<Vec<Invoice>> {
    let mut headers = many(
        conn,
        select!(
            "WHERE status <> 'paid' AND correction IS NULL \
             ORDER BY due_date, octet_length(invoice_number), invoice_number"
        ),
        [],
        header_from_row,
    )?;
    if headers.is_empty() {
        return Ok(headers);
    }
    let mut ids: Vec<String> = headers.iter().map(|h| uuid(h.id)).collect();
    ids.sort_unstable();
    let ids = format!("[\"{}\"]", ids.join("\",\""));
    let mut lines: HashMap<Uuid, Vec<InvoiceLine>> = HashMap::with_capacity(headers.len());
    let rows = many(
        conn,
        "SELECT kind, description, quantity, unit_price_piastres, amount_piastres, invoice_id
         FROM invoice_lines WHERE invoice_id IN (SELECT value FROM json_each(?1))
         ORDER BY invoice_id, position",
        [&ids],
        |r| Ok((get_uuid(r, 5)?, line_from_row(r)?)),
    )?;
    for (id, line) in rows {
        lines.entry(id).or_default().push(line);
    }
    let mut payments: HashMap<Uuid, Vec<Payment>> = HashMap::new();
    let rows = many(
        conn,
        "SELECT id, invoice_id, amount_piastres, method, paid_at, note
         FROM payments WHERE invoice_id IN (SELECT value FROM json_each(?1))
         ORDER BY seq",
        [&ids],
        payment_from_row,
    )?;
    for p in rows {
        payments.entry(p.invoice_id).or_default().push(p);
    }
    for h in &mut headers {
        h.line_items = lines.remove(&h.id).unwrap_or_default();
        h.payments = payments.remove(&h.id).unwrap_or_default();
        if !h.refunded_amount.is_zero() {
            h.credit_notes = credit_notes::of_invoice(conn, h.id)?;
        }
        backspace_core::vat::split_lines(h)?;
    }
    Ok(headers)
}
