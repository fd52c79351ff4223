//! `invoices` with their `invoice_lines` (by position) and `payments` (by insertion `seq`).
//! The discount percentage is stored in basis points (hundredths of a percent). An invoice row
//! also carries its lines' amounts summed by kind (`sessions_piastres`, …), written with it
//! from the lines, for the revenue report. Invoices are the branch's: lookups and lists see
//! this branch's (the chain view sees all).
//!
//! Loading invoices takes two statements however many there are — the headers, then the lines
//! and payments of all of them together — plus one for the credit notes of refunded ones.

use std::collections::HashMap;

use backspace_core::money::to_decimal;
use backspace_core::{
    Correction, Invoice, InvoiceFilter, InvoiceLine, InvoiceStatus, LineKind, Payment, Result, Uuid,
};
use chrono::{DateTime, Utc};
use postgres::Row;
use postgres::types::ToSql;

use crate::convert::{StoredPiastres, get, money, opt_parsed, parsed, piastres};
use crate::credit_notes;
use crate::db::Db;

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
fn header_from_row(row: &Row) -> Result<Invoice> {
    let total = money(row, 11)?;
    Ok(Invoice {
        id: get(row, 0)?,
        invoice_number: get(row, 1)?,
        customer_id: get(row, 2)?,
        session_id: get(row, 3)?,
        subscription_id: get(row, 4)?,
        issued_at: get(row, 5)?,
        issue_date: get(row, 6)?,
        due_date: get(row, 7)?,
        amount: money(row, 8)?,
        discount: money(row, 9)?,
        discount_amount: money(row, 10)?,
        total,
        vat_rate: money(row, 23)?,
        prices_include_vat: get(row, 24)?,
        // Derived from the lines when they are loaded (`vat::split_lines`).
        net_amount: total,
        vat_amount: to_decimal(0),
        paid_amount: money(row, 12)?,
        // A corrected invoice shows its correction; `status` keeps its payment status.
        status: match opt_parsed::<InvoiceStatus>(row, 17)? {
            Some(correction) => correction,
            None => parsed(row, 13)?,
        },
        paid_date: get(row, 14)?,
        line_items: Vec::new(),
        payments: Vec::new(),
        refunded_amount: money(row, 15)?,
        written_off_amount: money(row, 16)?,
        correction: match get::<Option<DateTime<Utc>>>(row, 18)? {
            Some(at) => Some(Correction {
                at,
                date: get(row, 19)?,
                reason: get(row, 20)?,
                footprint: get(row, 21)?,
            }),
            None => None,
        },
        credit_notes: Vec::new(),
        footprint: get(row, 22)?,
    })
}

/// The payment status stored in `status` and the correction stored in `correction`.
fn status_columns(inv: &Invoice) -> (&'static str, Option<&'static str>) {
    match inv.status {
        InvoiceStatus::Void | InvoiceStatus::WrittenOff => {
            let paid = if inv.paid_amount >= inv.total {
                "paid"
            } else if inv.paid_amount.is_zero() {
                "unpaid"
            } else {
                "pending"
            };
            (paid, Some(inv.status.as_str()))
        }
        s => (s.as_str(), None),
    }
}

/// A line or a payment of some invoice, as the children query returns them.
enum Child {
    /// A line, in position order.
    Line(InvoiceLine),
    /// A payment, in insertion order.
    Payment(Payment),
}

/// The lines (first, by position) and payments (then, by `seq`) of a set of invoices, in one
/// statement: `what` (0 line, 1 payment), `invoice_id`, the order, then the columns of each.
const CHILDREN: &str = "SELECT 0 AS what, invoice_id, position AS ord, kind, description, quantity,
         unit_price_piastres, amount_piastres, NULL::uuid AS id, NULL::text AS method,
         NULL::timestamptz AS paid_at, NULL::text AS note
     FROM invoice_lines WHERE invoice_id = ANY($1)
     UNION ALL
     SELECT 1, invoice_id, seq, NULL, NULL, NULL, NULL, amount_piastres, id, method, paid_at,
         note
     FROM payments WHERE invoice_id = ANY($1)
     ORDER BY what, ord";

/// A child row of [`CHILDREN`] with its invoice's id.
fn child_from_row(row: &Row) -> Result<(Uuid, Child)> {
    let invoice_id: Uuid = get(row, 1)?;
    let child = if get::<i32>(row, 0)? == 0 {
        Child::Line(InvoiceLine {
            kind: parsed::<LineKind>(row, 3)?,
            description: get(row, 4)?,
            quantity: get(row, 5)?,
            unit_price: money(row, 6)?,
            amount: money(row, 7)?,
            net: to_decimal(0),
            vat: to_decimal(0),
        })
    } else {
        Child::Payment(Payment {
            id: get(row, 8)?,
            invoice_id,
            amount: money(row, 7)?,
            method: parsed(row, 9)?,
            paid_at: get(row, 10)?,
            note: get(row, 11)?,
        })
    };
    Ok((invoice_id, child))
}

/// Loads the lines, payments and (when refunded) credit notes of `headers`, and derives each
/// one's net and VAT from its lines, as every store does on load.
fn complete(db: &mut Db<'_, '_>, mut headers: Vec<Invoice>) -> Result<Vec<Invoice>> {
    if headers.is_empty() {
        return Ok(headers);
    }
    let ids: Vec<Uuid> = headers.iter().map(|h| h.id).collect();
    let mut lines: HashMap<Uuid, Vec<InvoiceLine>> = HashMap::with_capacity(headers.len());
    let mut payments: HashMap<Uuid, Vec<Payment>> = HashMap::new();
    for (id, child) in db.many(CHILDREN, &[&ids], child_from_row)? {
        match child {
            Child::Line(line) => lines.entry(id).or_default().push(line),
            Child::Payment(payment) => payments.entry(id).or_default().push(payment),
        }
    }
    let refunded: Vec<Uuid> = headers
        .iter()
        .filter(|h| !h.refunded_amount.is_zero())
        .map(|h| h.id)
        .collect();
    let mut notes: HashMap<Uuid, Vec<_>> = HashMap::new();
    for note in credit_notes::of_invoices(db, &refunded)? {
        notes.entry(note.invoice_id).or_default().push(note);
    }
    for h in &mut headers {
        h.line_items = lines.remove(&h.id).unwrap_or_default();
        h.payments = payments.remove(&h.id).unwrap_or_default();
        h.credit_notes = notes.remove(&h.id).unwrap_or_default();
        backspace_core::vat::split_lines(h)?;
    }
    Ok(headers)
}

/// Completes an optional header.
fn completed(db: &mut Db<'_, '_>, header: Option<Invoice>) -> Result<Option<Invoice>> {
    match header {
        Some(h) => Ok(complete(db, vec![h])?.pop()),
        None => Ok(None),
    }
}

/// Adds an invoice to this branch with its lines (and their sums by kind) and payments, in two
/// statements. A taken number or id is a conflict (`error.rs` words it).
pub(crate) fn insert(db: &mut Db<'_, '_>, inv: &Invoice) -> Result<()> {
    let branch = db.writing_branch()?;
    let [sessions, consumptions, subscriptions, fees] =
        backspace_core::reports::kind_sums(&inv.line_items)?;
    let (status, correction) = status_columns(inv);
    let c = inv.correction.as_ref();
    let kinds: Vec<&str> = inv.line_items.iter().map(|l| l.kind.as_str()).collect();
    let descriptions: Vec<&str> = inv
        .line_items
        .iter()
        .map(|l| l.description.as_str())
        .collect();
    let quantities: Vec<i64> = inv.line_items.iter().map(|l| l.quantity).collect();
    let unit_prices: Vec<StoredPiastres> = inv
        .line_items
        .iter()
        .map(|l| piastres(l.unit_price))
        .collect();
    let amounts: Vec<StoredPiastres> = inv.line_items.iter().map(|l| piastres(l.amount)).collect();
    let payment_ids: Vec<Uuid> = inv.payments.iter().map(|p| p.id).collect();
    let payment_amounts: Vec<StoredPiastres> =
        inv.payments.iter().map(|p| piastres(p.amount)).collect();
    let methods: Vec<&str> = inv.payments.iter().map(|p| p.method.as_str()).collect();
    let paid_ats: Vec<DateTime<Utc>> = inv.payments.iter().map(|p| p.paid_at).collect();
    let notes: Vec<Option<&str>> = inv.payments.iter().map(|p| p.note.as_deref()).collect();
    db.exec(
        "INSERT INTO invoices (id, branch_id, invoice_number, customer_id, session_id,
             subscription_id, issued_at, issue_date, due_date, amount_piastres,
             discount_basis_points, discount_amount_piastres, total_piastres,
             paid_amount_piastres, status, paid_date, sessions_piastres, consumptions_piastres,
             subscriptions_piastres, reservation_fees_piastres, footprint, vat_rate_hundredths,
             prices_include_vat, vat_piastres, refunded_piastres, written_off_piastres,
             correction, corrected_at, correction_date, correction_reason, correction_footprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
             $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31)",
        &[
            &inv.id,
            &branch,
            &inv.invoice_number,
            &inv.customer_id,
            &inv.session_id,
            &inv.subscription_id,
            &inv.issued_at,
            &inv.issue_date,
            &inv.due_date,
            &piastres(inv.amount),
            &piastres(inv.discount),
            &piastres(inv.discount_amount),
            &piastres(inv.total),
            &piastres(inv.paid_amount),
            &status,
            &inv.paid_date,
            &sessions,
            &consumptions,
            &subscriptions,
            &fees,
            &inv.footprint,
            &piastres(inv.vat_rate),
            &inv.prices_include_vat,
            &piastres(inv.vat_amount),
            &piastres(inv.refunded_amount),
            &piastres(inv.written_off_amount),
            &correction,
            &c.map(|c| c.at),
            &c.map(|c| c.date),
            &c.map(|c| c.reason.as_str()),
            &c.map(|c| c.footprint.as_str()),
        ],
    )?;
    if inv.line_items.is_empty() && inv.payments.is_empty() {
        return Ok(());
    }
    db.exec(
        // A statement of its own after the header's: the row policies of a branch role check
        // that the lines' and payments' invoice is visible, which a row inserted by the same
        // statement is not.
        "WITH lines AS (
             INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity,
                 unit_price_piastres, amount_piastres)
             SELECT $1, l.n - 1, l.kind, l.description, l.quantity, l.unit_price, l.amount
             FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[])
                 WITH ORDINALITY AS l (kind, description, quantity, unit_price, amount, n)
         )
         INSERT INTO payments (id, invoice_id, amount_piastres, method, paid_at, note)
         SELECT p.id, $1, p.amount, p.method, p.paid_at, p.note
         FROM unnest($7::uuid[], $8::bigint[], $9::text[], $10::timestamptz[], $11::text[])
             WITH ORDINALITY AS p (id, amount, method, paid_at, note, n)
         ORDER BY p.n",
        &[
            &inv.id,
            &kinds,
            &descriptions,
            &quantities,
            &unit_prices,
            &amounts,
            &payment_ids,
            &payment_amounts,
            &methods,
            &paid_ats,
            &notes,
        ],
    )
    .map(|_| ())
}

/// Saves an invoice's header: discount, totals, payments, status, refunds, its correction
/// and its footprint. Not-found unless it is an invoice of this branch.
pub(crate) fn update(db: &mut Db<'_, '_>, inv: &Invoice) -> Result<()> {
    let branch = db.writing_branch()?;
    let (status, correction) = status_columns(inv);
    let c = inv.correction.as_ref();
    db.exec_touching(
        // Only what changes after issue: the number, customer, dates and lines are fixed.
        "UPDATE invoices SET discount_basis_points = $3, discount_amount_piastres = $4,
             total_piastres = $5, paid_amount_piastres = $6, status = $7, paid_date = $8,
             refunded_piastres = $9, written_off_piastres = $10, correction = $11,
             corrected_at = $12, correction_date = $13, correction_reason = $14,
             correction_footprint = $15, footprint = $16, vat_piastres = $17
         WHERE id = $1 AND branch_id = $2",
        &[
            &inv.id,
            &branch,
            &piastres(inv.discount),
            &piastres(inv.discount_amount),
            &piastres(inv.total),
            &piastres(inv.paid_amount),
            &status,
            &inv.paid_date,
            &piastres(inv.refunded_amount),
            &piastres(inv.written_off_amount),
            &correction,
            &c.map(|c| c.at),
            &c.map(|c| c.date),
            &c.map(|c| c.reason.as_str()),
            &c.map(|c| c.footprint.as_str()),
            &inv.footprint,
            &piastres(inv.vat_amount),
        ],
        "invoice",
        inv.id,
    )
}

/// Adds a payment to its invoice; not-found unless the invoice is this branch's.
pub(crate) fn insert_payment(db: &mut Db<'_, '_>, p: &Payment) -> Result<()> {
    let branch = db.writing_branch()?;
    db.exec_touching(
        "INSERT INTO payments (id, invoice_id, amount_piastres, method, paid_at, note)
         SELECT $1, $2, $3, $4, $5, $6
         WHERE EXISTS (SELECT 1 FROM invoices WHERE id = $2 AND branch_id = $7)",
        &[
            &p.id,
            &p.invoice_id,
            &piastres(p.amount),
            &p.method.as_str(),
            &p.paid_at,
            &p.note,
            &branch,
        ],
        "invoice",
        p.invoice_id,
    )
}

/// An invoice of this branch by id, complete.
pub(crate) fn by_id(db: &mut Db<'_, '_>, id: Uuid) -> Result<Option<Invoice>> {
    let branch = db.branch();
    let header = db.one(
        select!("WHERE id = $1 AND ($2::integer IS NULL OR branch_id = $2)"),
        &[&id, &branch],
        header_from_row,
    )?;
    completed(db, header)
}

/// An invoice of this branch by number, complete (in the chain view, where plain numbers may
/// repeat across branches, the first written).
pub(crate) fn by_number(db: &mut Db<'_, '_>, number: &str) -> Result<Option<Invoice>> {
    let branch = db.branch();
    let header = db.one(
        select!(
            "WHERE invoice_number = $1 AND ($2::integer IS NULL OR branch_id = $2) \
             ORDER BY seq LIMIT 1"
        ),
        &[&number, &branch],
        header_from_row,
    )?;
    completed(db, header)
}

/// This branch's invoices passing the filter, by number (length, then text in byte order),
/// complete. Only the filter's set conditions go into the statement, so each shape gets a
/// plan that uses its index.
pub(crate) fn list(db: &mut Db<'_, '_>, filter: &InvoiceFilter) -> Result<Vec<Invoice>> {
    let branch = db.branch();
    let status = filter.status.map(|s| s.as_str());
    let mut conditions: Vec<String> = Vec::new();
    let mut params: Vec<&(dyn ToSql + Sync)> = Vec::new();
    // Each set condition binds its value as the next parameter.
    macro_rules! add {
        ($condition:literal, $value:expr) => {{
            params.push($value);
            conditions.push(format!($condition, params.len()));
        }};
    }
    if let Some(b) = &branch {
        add!("branch_id = ${}", b);
    }
    if let Some(c) = &filter.customer_id {
        add!("customer_id = ${}", c);
    }
    if let Some(s) = &status {
        add!("coalesce(correction, status) = ${}", s);
    }
    if let Some(from) = &filter.from {
        add!("issue_date >= ${}", from);
    }
    if let Some(to) = &filter.to {
        add!("issue_date <= ${}", to);
    }
    let mut sql = String::from(select!(""));
    if !conditions.is_empty() {
        sql.push_str("WHERE ");
        sql.push_str(&conditions.join(" AND "));
    }
    sql.push_str(" ORDER BY octet_length(invoice_number), invoice_number COLLATE \"C\", seq");
    let headers = db.many_built(&sql, &params, header_from_row)?;
    complete(db, headers)
}
