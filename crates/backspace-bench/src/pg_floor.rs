//! The chain bench's floor: the front-desk cycle written directly in SQL against the
//! PostgreSQL store's own tables, the simplest correct way — `READ COMMITTED`, one transaction
//! per operation, row locks where two desks could meet (the seat, the stock row, the branch's
//! invoice counter, which also orders the trail) — and no domain code beyond the price.

use backspace_core::PricingPolicy;
use backspace_core::money::Piastres;
use backspace_core::pricing::session_charge;
use chrono::{DateTime, Days, SubsecRound, Utc};
use chrono_tz::Tz;
use postgres::{Client, NoTls, Transaction};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::BenchResult;

/// One desk of the floor: a connection, the branch it writes to, the pricing it bills with.
pub struct PgFloor {
    client: Client,
    branch: i32,
    policy: PricingPolicy,
    tz: Tz,
}

fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

fn fail(what: String) -> crate::BenchError {
    what.into()
}

impl PgFloor {
    /// Connects to the database of `config` and works as branch `code`, pricing by `policy`.
    pub fn connect(
        config: &postgres::Config,
        code: &str,
        policy: PricingPolicy,
    ) -> BenchResult<PgFloor> {
        let mut client = config.connect(NoTls)?;
        let branch: i32 = client
            .query_one("SELECT id FROM branches WHERE code = $1", &[&code])?
            .get(0);
        Ok(PgFloor {
            client,
            branch,
            policy,
            tz: chrono_tz::Africa::Cairo,
        })
    }

    /// `start_session(customer, resource)`: returns the session id.
    pub fn start(&mut self, customer: Uuid, resource: Uuid) -> BenchResult<Uuid> {
        let branch = self.branch;
        let mut tx = self.client.transaction()?;
        let row = tx.query_opt(
            "SELECT rate_per_hour_piastres, is_available FROM resources
             WHERE id = $1 AND branch_id = $2 FOR UPDATE",
            &[&resource, &branch],
        )?;
        let row = row.ok_or_else(|| fail(format!("resource {resource} not found")))?;
        let (rate, available): (i64, bool) = (row.get(0), row.get(1));
        if !available {
            return Err(fail(format!("resource {resource} is busy")));
        }
        let id = Uuid::now_v7();
        tx.execute(
            "INSERT INTO sessions (id, branch_id, customer_id, resource_id, started_at,
                 rate_per_hour_piastres, is_active)
             VALUES ($1, $2, $3, $4, $5, $6, true)",
            &[&id, &branch, &customer, &resource, &now(), &rate],
        )?;
        tx.execute(
            "UPDATE resources SET is_available = false WHERE id = $1",
            &[&resource],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// `add_consumption(session, item, 1)`.
    pub fn consume(&mut self, session: Uuid, item: Uuid) -> BenchResult<()> {
        let mut tx = self.client.transaction()?;
        let active: Option<bool> = tx
            .query_opt("SELECT is_active FROM sessions WHERE id = $1", &[&session])?
            .map(|r| r.get(0));
        if active != Some(true) {
            return Err(fail(format!("session {session} is not active")));
        }
        let row = tx
            .query_opt(
                "UPDATE inventory_items SET quantity = quantity - 1
                 WHERE id = $1 AND quantity >= 1 RETURNING name, price_piastres, quantity",
                &[&item],
            )?
            .ok_or_else(|| fail(format!("item {item} is out of stock")))?;
        let (name, price, left): (String, i64, i64) = (row.get(0), row.get(1), row.get(2));
        let at = now();
        tx.execute(
            "INSERT INTO consumptions (id, session_id, item_id, item_name, quantity,
                 price_at_consumption_piastres, consumed_at)
             VALUES ($1, $2, $3, $4, 1, $5, $6)",
            &[&Uuid::now_v7(), &session, &item, &name, &price, &at],
        )?;
        tx.execute(
            "INSERT INTO stock_movements (id, item_id, kind, delta, quantity_after, reason, at)
             VALUES ($1, $2, 'consumption', -1, $3, $4, $5)",
            &[
                &Uuid::now_v7(),
                &item,
                &left,
                &format!("session {session}"),
                &at,
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// What the session costs now (`quote_session`): piastres.
    pub fn quote(&mut self, session: Uuid) -> BenchResult<i64> {
        let mut tx = self.client.transaction()?;
        let (charge, consumed) = Self::bill(&self.policy, self.tz, &mut tx, session, now())?;
        tx.commit()?;
        Ok(charge + consumed)
    }

    fn bill(
        policy: &PricingPolicy,
        tz: Tz,
        tx: &mut Transaction<'_>,
        session: Uuid,
        at: DateTime<Utc>,
    ) -> BenchResult<(i64, i64)> {
        let row = tx.query_one(
            "SELECT started_at, rate_per_hour_piastres FROM sessions WHERE id = $1",
            &[&session],
        )?;
        let (started, rate): (DateTime<Utc>, i64) = (row.get(0), row.get(1));
        let charge = session_charge(policy, Piastres::new(rate), started, at, tz)?
            .charge
            .get();
        let consumed: i64 = tx
            .query_one(
                "SELECT coalesce(sum(quantity * price_at_consumption_piastres), 0)::bigint
                 FROM consumptions WHERE session_id = $1",
                &[&session],
            )?
            .get(0);
        Ok((charge, consumed))
    }

    /// `checkout(session, cash paying the bill)`: ends the session, issues the invoice with its
    /// lines, appends it to the trail, records the cash payment and the ledger. Returns the total.
    pub fn checkout(&mut self, session: Uuid, customer: Uuid, resource: Uuid) -> BenchResult<i64> {
        let branch = self.branch;
        let at = now();
        let mut tx = self.client.transaction()?;
        let active: bool = tx
            .query_one(
                "SELECT is_active FROM sessions WHERE id = $1 FOR UPDATE",
                &[&session],
            )?
            .get(0);
        if !active {
            return Err(fail(format!("session {session} is not active")));
        }
        let (charge, consumed) = Self::bill(&self.policy, self.tz, &mut tx, session, at)?;
        let total = charge + consumed;
        // The branch's counter row, locked until commit, numbers the invoice and orders the trail.
        let n: i64 = tx
            .query_one(
                "INSERT INTO counters (branch_id, name, value) VALUES ($1, 'invoice', 1)
                 ON CONFLICT (branch_id, name) DO UPDATE SET value = counters.value + 1
                 RETURNING value",
                &[&branch],
            )?
            .get(0);
        let number = format!("INV-{n:04}");
        let issue = at.with_timezone(&self.tz).date_naive();
        let due = issue.checked_add_days(Days::new(7)).unwrap_or(issue);
        let invoice = Uuid::now_v7();
        let status = "paid";
        tx.execute(
            "INSERT INTO invoices (id, branch_id, invoice_number, customer_id, session_id,
                 issued_at, issue_date, due_date, amount_piastres, sessions_piastres,
                 consumptions_piastres, subscriptions_piastres, reservation_fees_piastres,
                 discount_basis_points, discount_amount_piastres, total_piastres,
                 paid_amount_piastres, status, paid_date, footprint, vat_rate_hundredths,
                 prices_include_vat, vat_piastres)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, 0, 0, 0, $9, $9, $12, $7,
                 '', 0, true, 0)",
            &[
                &invoice, &branch, &number, &customer, &session, &at, &issue, &due, &total,
                &charge, &consumed, &status,
            ],
        )?;
        tx.execute(
            "INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity,
                 unit_price_piastres, amount_piastres)
             SELECT $1::uuid, 0, 'session', r.name, 0, s.rate_per_hour_piastres, $2::bigint
             FROM sessions s JOIN resources r ON r.id = s.resource_id WHERE s.id = $3::uuid
             UNION ALL
             SELECT $1::uuid, row_number() OVER (ORDER BY c.seq), 'consumption', c.item_name,
                 c.quantity, c.price_at_consumption_piastres,
                 c.quantity * c.price_at_consumption_piastres
             FROM consumptions c WHERE c.session_id = $3::uuid",
            &[&invoice, &charge, &session],
        )?;
        let previous: String = tx
            .query_opt(
                "SELECT footprint FROM trail WHERE branch_id = $1 ORDER BY seq DESC LIMIT 1",
                &[&branch],
            )?
            .map_or_else(String::new, |r| r.get(0));
        let hash = format!(
            "{:x}",
            Sha256::digest(format!("{number}|{total}").as_bytes())
        );
        let footprint = format!(
            "{:x}",
            Sha256::digest(format!("{previous}{hash}").as_bytes())
        );
        tx.execute(
            "INSERT INTO trail (branch_id, seq, kind, document_id, document_hash, footprint, at)
             SELECT $1, coalesce(max(seq), 0) + 1, 'invoice', $2, $3, $4, $5
             FROM trail WHERE branch_id = $1",
            &[&branch, &invoice, &hash, &footprint, &at],
        )?;
        tx.execute(
            "UPDATE invoices SET footprint = $2 WHERE id = $1",
            &[&invoice, &footprint],
        )?;
        tx.execute(
            "UPDATE sessions SET ended_at = $2, is_active = false, invoice_id = $3,
                 amount_piastres = $4, duration_minutes = 0, billed_minutes = 0
             WHERE id = $1",
            &[&session, &at, &invoice, &charge],
        )?;
        tx.execute(
            "UPDATE resources SET is_available = NOT out_of_service WHERE id = $1",
            &[&resource],
        )?;
        if total > 0 {
            tx.execute(
                "INSERT INTO payments (id, invoice_id, amount_piastres, method, paid_at)
                 VALUES ($1, $2, $3, 'cash', $4)",
                &[&Uuid::now_v7(), &invoice, &total, &at],
            )?;
            tx.execute(
                "INSERT INTO ledger_entries (id, branch_id, customer_id, kind, amount_piastres,
                     reference, at)
                 VALUES ($1, $2, $3, 'invoice', $4, $5, $6), ($7, $2, $3, 'payment', $8, $5, $6)",
                &[
                    &Uuid::now_v7(),
                    &branch,
                    &customer,
                    &(-total),
                    &number,
                    &at,
                    &Uuid::now_v7(),
                    &total,
                ],
            )?;
        }
        tx.commit()?;
        Ok(total)
    }
}
