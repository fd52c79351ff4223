//! The reports (§11) as indexed SQL aggregates. They give exactly what the scans of
//! `backspace_core::reports` give; the shared row builders keep the shapes identical.
//!
//! Payments and deposits carry instants, not business dates, so they are bucketed by the
//! instants at which each business day starts: the days go to SQLite as a JSON array of
//! `[date, start, end]` and each day is one range seek on `payments(method, paid_at)` (per
//! method) / `ledger_entries(at)`.

use std::collections::BTreeMap;

use backspace_core::chrono_tz::Tz;
use backspace_core::money::to_decimal;
use backspace_core::reports::{
    DaySums, ResourceUtilization, RevenueDay, TopCustomer, dates, day_start, fraction,
    range_instants, revenue_rows, sort_top,
};
use backspace_core::{Invoice, PaymentMethod, Result};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Row};

use crate::convert::{bad, date, get_date, get_parsed, get_uuid, instant, parse_date};
use crate::invoices;
use crate::query::{many, one};

/// `[[date, start, end], …]`: each business date with the instants that bound it.
fn day_bounds(from: NaiveDate, to: NaiveDate, tz: Tz) -> String {
    let days: Vec<String> = dates(from, to)
        .map(|d| {
            let next = d.succ_opt().unwrap_or(d);
            format!(
                "[\"{}\",\"{}\",\"{}\"]",
                date(d),
                instant(day_start(d, tz)),
                instant(day_start(next, tz))
            )
        })
        .collect();
    format!("[{}]", days.join(","))
}

/// Reads the `day` column of a bucketed row.
fn bucket_day(row: &Row<'_>) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get("day")?;
    parse_date(&text).ok_or_else(|| bad(row, "day", format!("{text:?} is not a date")))
}

/// `["cash", "card", …]`: every payment method.
fn methods() -> String {
    let names: Vec<String> = PaymentMethod::ALL
        .iter()
        .map(|m| format!("\"{}\"", m.as_str()))
        .collect();
    format!("[{}]", names.join(","))
}

/// Revenue per business day of `from..=to` (R-REP-1).
///
/// What was invoiced comes from one range of `invoices_by_issue_date`, which covers each
/// invoice's sums by kind and its discount; what was received, from one range of
/// `payments_by_method_and_paid_at` per (day, method), read from the index alone; deposits,
/// from the partial index of deposits by instant.
pub(crate) fn revenue(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
) -> Result<Vec<RevenueDay>> {
    let mut days: BTreeMap<NaiveDate, DaySums> = BTreeMap::new();
    let invoiced = many(
        conn,
        "SELECT issue_date, sum(sessions_piastres), sum(consumptions_piastres),
                sum(subscriptions_piastres), sum(discount_amount_piastres),
                sum(reservation_fees_piastres), sum(vat_piastres),
                sum(CASE WHEN prices_include_vat = 0 THEN vat_piastres ELSE 0 END)
         FROM invoices WHERE issue_date BETWEEN ?1 AND ?2
         GROUP BY issue_date",
        [date(from), date(to)],
        |r| {
            Ok((
                get_date(r, 0)?,
                [
                    r.get::<_, i64>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ],
            ))
        },
    )?;
    for (
        day,
        [
            sessions,
            consumptions,
            subscriptions,
            discounts,
            fees,
            vat,
            on_top,
        ],
    ) in invoiced
    {
        let d = days.entry(day).or_default();
        d.sessions += sessions;
        d.consumptions += consumptions;
        d.subscriptions += subscriptions;
        d.discounts += discounts;
        d.reservation_fees += fees;
        d.vat += vat;
        d.vat_on_top += on_top;
    }
    // Voids and write-offs on their own dates (R-CORR-6), from the partial index of corrections.
    let corrected = many(
        conn,
        "SELECT correction_date, correction, sum(total_piastres), sum(written_off_piastres)
         FROM invoices WHERE correction IS NOT NULL AND correction_date BETWEEN ?1 AND ?2
         GROUP BY correction_date, correction",
        [date(from), date(to)],
        |r| {
            Ok((
                get_date(r, 0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        },
    )?;
    for (day, correction, totals, written_off) in corrected {
        let d = days.entry(day).or_default();
        if correction == "void" {
            d.voids += totals;
        } else {
            d.write_offs += written_off;
        }
    }
    let refunds = many(
        conn,
        "SELECT issue_date, method, sum(amount_piastres) FROM credit_notes
         WHERE issue_date BETWEEN ?1 AND ?2 GROUP BY issue_date, method",
        [date(from), date(to)],
        |r| {
            Ok((
                get_date(r, 0)?,
                get_parsed::<PaymentMethod>(r, 1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    )?;
    for (day, method, amount) in refunds {
        days.entry(day).or_default().refunded(method, amount)?;
    }
    let bounds = day_bounds(from, to, tz);
    let payments = many(
        conn,
        "WITH d (day, a, b) AS (
             SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?1)
         )
         SELECT d.day AS day, m.value AS method,
                (SELECT sum(p.amount_piastres) FROM payments AS p
                 WHERE p.method = m.value AND p.paid_at >= d.a AND p.paid_at < d.b) AS total
         FROM d, json_each(?2) AS m",
        [&bounds, &methods()],
        |r| {
            Ok((
                bucket_day(r)?,
                get_parsed::<PaymentMethod>(r, "method")?,
                r.get::<_, Option<i64>>("total")?.unwrap_or(0),
            ))
        },
    )?;
    let deposits = many(
        conn,
        "SELECT d.value ->> 0 AS day, e.reference AS reference, sum(e.amount_piastres) AS total
         FROM json_each(?1) AS d
         JOIN ledger_entries AS e ON e.at >= (d.value ->> 1) AND e.at < (d.value ->> 2)
         WHERE e.kind = 'deposit'
         GROUP BY day, e.reference",
        [&bounds],
        |r| {
            // A deposit's reference is its method; anything else counts as cash, as in the scan.
            let reference: String = r.get("reference")?;
            let method = reference.parse().unwrap_or(PaymentMethod::Cash);
            Ok((bucket_day(r)?, method, r.get::<_, i64>("total")?))
        },
    )?;
    for (day, method, total) in payments.into_iter().chain(deposits) {
        days.entry(day).or_default().received(method, total)?;
    }
    Ok(revenue_rows(from, to, |d| {
        days.remove(&d).unwrap_or_default()
    }))
}

/// Microseconds between two stored instants `b` and `a`, exactly (SQLite's own date
/// functions only keep milliseconds).
macro_rules! micros_between {
    ($b:literal, $a:literal) => {
        concat!(
            "((unixepoch(substr(",
            $b,
            ", 1, 19)) - unixepoch(substr(",
            $a,
            ", 1, 19))) * 1000000 ",
            "+ CAST(substr(",
            $b,
            ", 21, 6) AS INTEGER) - CAST(substr(",
            $a,
            ", 21, 6) AS INTEGER))"
        )
    };
}

/// The longest finished session in whole seconds (index `sessions_by_length`), if any.
const LONGEST_SESSION: &str = "SELECT max(unixepoch(substr(ended_at, 1, 19)) \
     - unixepoch(substr(started_at, 1, 19))) FROM sessions";

/// Occupied share of each resource over `from..=to`, running sessions up to `now` (R-REP-2).
///
/// A finished session reaching into the range started at most the longest finished session
/// before it (`LONGEST_SESSION`, plus 2 s for the cut fractions), so only sessions that
/// started from then on are read (`sessions_by_started_at`); running sessions come from a
/// partial index of active sessions (`+started_at` keeps SQLite from scanning the history by
/// start instead). Sums are per resource before the join. The scan is the range's sessions,
/// not the history's.
pub(crate) fn utilization(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<Vec<ResourceUtilization>> {
    let (start, end) = range_instants(from, to, tz);
    let range_seconds = (end - start).num_seconds();
    let longest: Option<i64> = one(conn, LONGEST_SESSION, [], |r| r.get(0))?.flatten();
    let earliest = start - chrono::Duration::seconds(longest.unwrap_or(0).max(0) + 2);
    let rows = many(
        conn,
        concat!(
            "SELECT r.id AS id, r.name AS name, coalesce(o.seconds, 0) AS occupied_seconds
             FROM resources AS r
             LEFT JOIN (
                 SELECT c.resource_id AS resource_id,
                        sum(CASE WHEN c.b > c.a THEN ",
            micros_between!("c.b", "c.a"),
            " / 1000000 END) AS seconds
                 FROM (
                     SELECT resource_id, max(started_at, ?1) AS a, min(ended_at, ?2) AS b
                     FROM sessions
                     WHERE started_at >= ?4 AND started_at < ?2 AND ended_at > ?1
                     UNION ALL
                     SELECT resource_id, max(started_at, ?1) AS a, min(?3, ?2) AS b
                     FROM sessions
                     WHERE is_active = 1 AND ended_at IS NULL AND +started_at < ?2
                 ) AS c
                 GROUP BY c.resource_id
             ) AS o ON o.resource_id = r.id
             ORDER BY r.name, r.id"
        ),
        [
            instant(start),
            instant(end),
            instant(now),
            instant(earliest),
        ],
        |r| {
            Ok((
                get_uuid(r, "id")?,
                r.get::<_, String>("name")?,
                r.get::<_, i64>("occupied_seconds")?,
            ))
        },
    )?;
    Ok(rows
        .into_iter()
        .map(
            |(resource_id, resource_name, occupied)| ResourceUtilization {
                resource_id,
                resource_name,
                occupied_minutes: occupied / 60,
                range_minutes: range_seconds / 60,
                utilization: fraction(occupied, range_seconds),
                occupied_minutes_24h: occupied / 60,
                range_minutes_24h: range_seconds / 60,
                utilization_24h: fraction(occupied, range_seconds),
            },
        )
        .collect())
}

/// Invoices not fully paid, by due date then number.
pub(crate) fn outstanding(conn: &Connection) -> Result<Vec<Invoice>> {
    invoices::unpaid(conn)
}

/// Customers by invoiced total over issue dates `from..=to`, at most `n`. The sums come from
/// one range of `invoices_by_issue_date`, which covers customer and total.
pub(crate) fn top_customers(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    n: usize,
) -> Result<Vec<TopCustomer>> {
    let limit = i64::try_from(n).unwrap_or(i64::MAX);
    let mut rows = many(
        conn,
        // Sums per customer first, then one customer lookup per customer (not per invoice).
        "SELECT t.customer_id AS customer_id, c.human_id AS human_id, c.name AS name,
                t.invoiced AS invoiced, t.invoice_count AS invoice_count
         FROM (
             SELECT customer_id, sum(total_piastres) AS invoiced, count(*) AS invoice_count
             FROM invoices WHERE issue_date BETWEEN ?1 AND ?2 AND correction IS NOT 'void'
             GROUP BY customer_id
         ) AS t JOIN customers AS c ON c.id = t.customer_id
         ORDER BY t.invoiced DESC, octet_length(c.human_id), c.human_id
         LIMIT ?3",
        rusqlite::params![date(from), date(to), limit],
        |r| {
            Ok(TopCustomer {
                customer_id: get_uuid(r, "customer_id")?,
                human_id: r.get("human_id")?,
                name: r.get("name")?,
                invoiced: to_decimal(r.get("invoiced")?),
                invoice_count: r.get("invoice_count")?,
            })
        },
    )?;
    sort_top(&mut rows);
    Ok(rows)
}
