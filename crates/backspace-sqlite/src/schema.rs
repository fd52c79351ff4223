//! Versioned migrations (R-DB-2). Migration *n* brings a file from `user_version` *n − 1* to
//! *n*; all pending ones run in one immediate transaction on open. A shipped migration never
//! changes: later schema changes are new entries of [`MIGRATIONS`].

use backspace_core::{Error, Result};
use rusqlite::{Connection, TransactionBehavior};

use crate::error::Db;

/// `PRAGMA application_id` of a Backspace file (`BSPC`).
pub const APPLICATION_ID: i32 = 0x4253_5043;

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Every migration, in order; index 0 is version 1.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8];

/// Version 1: the whole data model.
const V1: &str = r#"
CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    time_zone TEXT NOT NULL,
    unit_minutes INTEGER NOT NULL CHECK (unit_minutes >= 1),
    rounding TEXT NOT NULL CHECK (rounding IN ('up', 'nearest', 'down')),
    grace_minutes INTEGER NOT NULL CHECK (grace_minutes >= 0),
    minimum_minutes INTEGER NOT NULL CHECK (minimum_minutes >= 0),
    daily_cap_piastres INTEGER CHECK (daily_cap_piastres >= 0),
    weekly_price_piastres INTEGER CHECK (weekly_price_piastres >= 0),
    half_monthly_price_piastres INTEGER CHECK (half_monthly_price_piastres >= 0),
    monthly_price_piastres INTEGER CHECK (monthly_price_piastres >= 0),
    invoice_due_days INTEGER NOT NULL CHECK (invoice_due_days >= 0),
    currency TEXT NOT NULL
) STRICT;

CREATE TABLE counters (
    name TEXT PRIMARY KEY NOT NULL CHECK (name IN ('customer', 'invoice')),
    value INTEGER NOT NULL CHECK (value >= 0)
) STRICT;

CREATE TABLE customers (
    id TEXT PRIMARY KEY NOT NULL,
    human_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    phone TEXT NOT NULL UNIQUE,
    email TEXT,
    customer_type TEXT NOT NULL
        CHECK (customer_type IN ('visitor', 'weekly', 'half-monthly', 'monthly')),
    balance_piastres INTEGER NOT NULL,
    credit_piastres INTEGER NOT NULL CHECK (credit_piastres >= 0),
    notes TEXT,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE resources (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    resource_type TEXT NOT NULL CHECK (resource_type IN ('seat', 'room', 'desk')),
    rate_per_hour_piastres INTEGER NOT NULL CHECK (rate_per_hour_piastres >= 0),
    is_available INTEGER NOT NULL CHECK (is_available IN (0, 1)),
    out_of_service INTEGER NOT NULL CHECK (out_of_service IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX resources_name_unique ON resources (name COLLATE NOCASE);
CREATE INDEX resources_by_name ON resources (name, id);

CREATE TABLE inventory_items (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('beverage', 'snack', 'meal')),
    price_piastres INTEGER NOT NULL CHECK (price_piastres >= 0),
    quantity INTEGER NOT NULL CONSTRAINT stock_not_negative CHECK (quantity >= 0),
    min_stock INTEGER NOT NULL CHECK (min_stock >= 0),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX inventory_items_by_name ON inventory_items (name, id);

CREATE TABLE invoices (
    id TEXT PRIMARY KEY NOT NULL,
    invoice_number TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    session_id TEXT REFERENCES sessions (id) DEFERRABLE INITIALLY DEFERRED,
    subscription_id TEXT REFERENCES subscriptions (id) DEFERRABLE INITIALLY DEFERRED,
    issued_at TEXT NOT NULL,
    issue_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    amount_piastres INTEGER NOT NULL CHECK (amount_piastres >= 0),
    discount_basis_points INTEGER NOT NULL
        CHECK (discount_basis_points BETWEEN 0 AND 10000),
    discount_amount_piastres INTEGER NOT NULL CHECK (discount_amount_piastres >= 0),
    total_piastres INTEGER NOT NULL CHECK (total_piastres >= 0),
    paid_amount_piastres INTEGER NOT NULL CHECK (paid_amount_piastres >= 0),
    status TEXT NOT NULL CHECK (status IN ('unpaid', 'pending', 'paid')),
    paid_date TEXT
) STRICT;
CREATE INDEX invoices_by_issue_date ON invoices (issue_date);
CREATE INDEX invoices_by_customer ON invoices (customer_id, issue_date);
CREATE INDEX invoices_unpaid ON invoices (due_date, invoice_number) WHERE status <> 'paid';

CREATE TABLE invoice_lines (
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    kind TEXT NOT NULL CHECK (kind IN ('session', 'consumption', 'subscription')),
    description TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity >= 0),
    unit_price_piastres INTEGER NOT NULL CHECK (unit_price_piastres >= 0),
    amount_piastres INTEGER NOT NULL CHECK (amount_piastres >= 0),
    PRIMARY KEY (invoice_id, position)
) STRICT;

CREATE TABLE payments (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    amount_piastres INTEGER NOT NULL CHECK (amount_piastres > 0),
    method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'balance')),
    paid_at TEXT NOT NULL,
    note TEXT
) STRICT;
CREATE INDEX payments_by_invoice ON payments (invoice_id);
CREATE INDEX payments_by_paid_at ON payments (paid_at);

CREATE TABLE subscriptions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    plan TEXT NOT NULL CHECK (plan IN ('weekly', 'half-monthly', 'monthly')),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    price_piastres INTEGER NOT NULL CHECK (price_piastres >= 0),
    is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
    invoice_id TEXT NOT NULL REFERENCES invoices (id) DEFERRABLE INITIALLY DEFERRED,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX subscriptions_by_customer ON subscriptions (customer_id);
CREATE INDEX subscriptions_active ON subscriptions (is_active) WHERE is_active = 1;

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    resource_id TEXT NOT NULL REFERENCES resources (id),
    started_at TEXT NOT NULL,
    ended_at TEXT,
    rate_per_hour_piastres INTEGER NOT NULL CHECK (rate_per_hour_piastres >= 0),
    is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
    duration_minutes INTEGER CHECK (duration_minutes >= 0),
    billed_minutes INTEGER CHECK (billed_minutes >= 0),
    amount_piastres INTEGER CHECK (amount_piastres >= 0),
    subscription_id TEXT REFERENCES subscriptions (id) DEFERRABLE INITIALLY DEFERRED,
    invoice_id TEXT REFERENCES invoices (id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE UNIQUE INDEX sessions_one_active_per_resource ON sessions (resource_id) WHERE is_active = 1;
CREATE UNIQUE INDEX sessions_one_active_per_customer ON sessions (customer_id) WHERE is_active = 1;
CREATE INDEX sessions_by_started_at ON sessions (started_at, id);
CREATE INDEX sessions_by_resource ON sessions (resource_id, started_at);
CREATE INDEX sessions_by_customer ON sessions (customer_id);

CREATE TABLE consumptions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    item_id TEXT NOT NULL REFERENCES inventory_items (id),
    item_name TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity >= 1),
    price_at_consumption_piastres INTEGER NOT NULL CHECK (price_at_consumption_piastres >= 0),
    consumed_at TEXT NOT NULL
) STRICT;
CREATE INDEX consumptions_by_session ON consumptions (session_id, consumed_at);
CREATE INDEX consumptions_by_item ON consumptions (item_id);

CREATE TABLE stock_movements (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    item_id TEXT NOT NULL REFERENCES inventory_items (id),
    kind TEXT NOT NULL CHECK (kind IN
        ('initial', 'restock', 'adjustment', 'consumption', 'consumption-removed')),
    delta INTEGER NOT NULL,
    quantity_after INTEGER NOT NULL CHECK (quantity_after >= 0),
    reason TEXT,
    at TEXT NOT NULL
) STRICT;
CREATE INDEX stock_movements_by_item ON stock_movements (item_id, at);

CREATE TABLE ledger_entries (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    kind TEXT NOT NULL CHECK (kind IN ('invoice', 'payment', 'deposit', 'discount')),
    amount_piastres INTEGER NOT NULL,
    reference TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_entries_by_at ON ledger_entries (at);
CREATE INDEX ledger_entries_by_customer ON ledger_entries (customer_id, at);
"#;

/// Version 2: indexes that keep two reports bounded by their range on a long history.
const V2: &str = r#"
-- Utilization: the longest finished session (whole seconds) bounds how long before a range a
-- session reaching into it can have started, so the report scans the range, not the history.
-- The expression is the one `reports::utilization` asks the maximum of.
CREATE INDEX sessions_by_length
    ON sessions ((unixepoch(substr(ended_at, 1, 19)) - unixepoch(substr(started_at, 1, 19))));
-- Revenue: deposits of a range without visiting every ledger entry of it.
CREATE INDEX ledger_deposits_by_at ON ledger_entries (at) WHERE kind = 'deposit';
"#;

/// Version 3: the revenue and top-customers reports of a range of days read index ranges
/// only, instead of looking up every invoice's lines and row.
const V3: &str = r#"
-- Each invoice's lines summed by kind, kept on the invoice: a month's category sums and
-- discounts come from one range of `invoices_by_issue_date` (which covers them, below)
-- instead of a lookup per invoice into `invoice_lines`, whose key starts with a random id.
-- The lines stay the record: they never change once the invoice is written, and the store
-- writes these sums from them in the same statement as the invoice. Files of earlier
-- versions get them summed from their lines here.
ALTER TABLE invoices ADD COLUMN sessions_piastres INTEGER NOT NULL DEFAULT 0
    CHECK (sessions_piastres >= 0);
ALTER TABLE invoices ADD COLUMN consumptions_piastres INTEGER NOT NULL DEFAULT 0
    CHECK (consumptions_piastres >= 0);
ALTER TABLE invoices ADD COLUMN subscriptions_piastres INTEGER NOT NULL DEFAULT 0
    CHECK (subscriptions_piastres >= 0);
UPDATE invoices
SET sessions_piastres = l.sessions,
    consumptions_piastres = l.consumptions,
    subscriptions_piastres = l.subscriptions
FROM (
    SELECT invoice_id,
           coalesce(sum(amount_piastres) FILTER (WHERE kind = 'session'), 0) AS sessions,
           coalesce(sum(amount_piastres) FILTER (WHERE kind = 'consumption'), 0) AS consumptions,
           coalesce(sum(amount_piastres) FILTER (WHERE kind = 'subscription'), 0) AS subscriptions
    FROM invoice_lines
    GROUP BY invoice_id
) AS l
WHERE l.invoice_id = invoices.id;
-- An invoice's amount is the sum of its lines, so its sums by kind add up to it: a writer that
-- leaves them out (or gets them wrong) is refused. (A CHECK added by ALTER TABLE would be
-- tested against the rows before they are summed above, hence triggers.)
CREATE TRIGGER invoices_kind_sums_on_insert BEFORE INSERT ON invoices
WHEN NEW.sessions_piastres + NEW.consumptions_piastres + NEW.subscriptions_piastres
    <> NEW.amount_piastres
BEGIN
    SELECT RAISE(ABORT, 'invoice sums by kind do not add up to its amount');
END;
CREATE TRIGGER invoices_kind_sums_on_update
BEFORE UPDATE OF amount_piastres, sessions_piastres, consumptions_piastres,
    subscriptions_piastres ON invoices
WHEN NEW.sessions_piastres + NEW.consumptions_piastres + NEW.subscriptions_piastres
    <> NEW.amount_piastres
BEGIN
    SELECT RAISE(ABORT, 'invoice sums by kind do not add up to its amount');
END;
-- The index of issue dates covers the two reports of a range of them: revenue (sums by kind,
-- discounts) and top customers (customer, total), so neither visits the invoices themselves.
DROP INDEX invoices_by_issue_date;
CREATE INDEX invoices_by_issue_date ON invoices (issue_date, customer_id, total_piastres,
    sessions_piastres, consumptions_piastres, subscriptions_piastres, discount_amount_piastres);
-- Money received per method and day: one range per (method, day), read from the index alone.
-- It replaces `payments_by_paid_at`, which only the revenue report used.
DROP INDEX payments_by_paid_at;
CREATE INDEX payments_by_method_and_paid_at ON payments (method, paid_at, amount_piastres);
"#;

/// Version 4: sessions never overlap (R-SESS-7). The store checks it before every start with
/// one seek per index below; the trigger refuses an overlapping insert from any writer. Rows
/// written before this version are left as they are (`Backspace::session_overlaps` lists
/// them), and ends are not re-checked: an end only shortens a span that was free.
const V4: &str = r#"
DROP INDEX sessions_by_customer;
CREATE INDEX sessions_by_customer ON sessions (customer_id, started_at);
-- Of one resource's (or customer's) sessions, those that start last before the new one ends
-- are the only ones that can reach into it (two index seeks: the latest start, then the
-- furthest end among the sessions starting then); a running session reaches to the end of time.
CREATE TRIGGER sessions_never_overlap BEFORE INSERT ON sessions
WHEN coalesce((SELECT max(coalesce(ended_at, '9999-12-31T23:59:59.999999Z')) FROM sessions
               WHERE resource_id = NEW.resource_id
                 AND started_at = (SELECT max(started_at) FROM sessions
                     WHERE resource_id = NEW.resource_id
                       AND started_at < coalesce(NEW.ended_at, '9999-12-31T23:59:59.999999Z'))),
              '') > NEW.started_at
  OR coalesce((SELECT max(coalesce(ended_at, '9999-12-31T23:59:59.999999Z')) FROM sessions
               WHERE customer_id = NEW.customer_id
                 AND started_at = (SELECT max(started_at) FROM sessions
                     WHERE customer_id = NEW.customer_id
                       AND started_at < coalesce(NEW.ended_at, '9999-12-31T23:59:59.999999Z'))),
              '') > NEW.started_at
BEGIN
    SELECT RAISE(ABORT, 'sessions_overlap: a session of this resource or customer overlaps it');
END;
"#;

/// Version 5: corrections that keep the trail (R-CORR-1..6). An invoice's payment `status`
/// stays as it was when it was corrected; `correction` says `void` or `written_off`, and the
/// invoice's status as Backspace shows it is the correction when there is one (the column's
/// CHECK cannot grow without rebuilding a table that others reference). Credit notes, the
/// trail and Z reports are new tables whose rows never change (triggers refuse an update or a
/// delete). The ledger's kinds and the counters' names grow, so those two tables, which no
/// other table references, are rebuilt.
const V5: &str = r#"
ALTER TABLE invoices ADD COLUMN refunded_piastres INTEGER NOT NULL DEFAULT 0
    CHECK (refunded_piastres >= 0);
ALTER TABLE invoices ADD COLUMN written_off_piastres INTEGER NOT NULL DEFAULT 0
    CHECK (written_off_piastres >= 0);
ALTER TABLE invoices ADD COLUMN correction TEXT CHECK (correction IN ('void', 'written_off'));
ALTER TABLE invoices ADD COLUMN corrected_at TEXT;
ALTER TABLE invoices ADD COLUMN correction_date TEXT;
ALTER TABLE invoices ADD COLUMN correction_reason TEXT;
ALTER TABLE invoices ADD COLUMN correction_footprint TEXT;
-- Invoices written before version 5 have no footprint (empty): the trail starts after them.
ALTER TABLE invoices ADD COLUMN footprint TEXT NOT NULL DEFAULT '';
CREATE INDEX invoices_corrected ON invoices (correction_date, correction, total_piastres,
    written_off_piastres) WHERE correction IS NOT NULL;
DROP INDEX invoices_unpaid;
CREATE INDEX invoices_unpaid ON invoices (due_date, invoice_number)
    WHERE status <> 'paid' AND correction IS NULL;
DROP INDEX invoices_by_issue_date;
CREATE INDEX invoices_by_issue_date ON invoices (issue_date, customer_id, total_piastres,
    sessions_piastres, consumptions_piastres, subscriptions_piastres, discount_amount_piastres,
    correction);

CREATE TABLE credit_notes (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    credit_note_number TEXT NOT NULL UNIQUE,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    customer_id TEXT NOT NULL REFERENCES customers (id),
    amount_piastres INTEGER NOT NULL CHECK (amount_piastres > 0),
    method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'balance')),
    reason TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    issue_date TEXT NOT NULL,
    footprint TEXT NOT NULL
) STRICT;
CREATE INDEX credit_notes_by_invoice ON credit_notes (invoice_id);
CREATE INDEX credit_notes_by_issue_date ON credit_notes (issue_date, method, amount_piastres);
CREATE TRIGGER credit_notes_never_change BEFORE UPDATE ON credit_notes
BEGIN SELECT RAISE(ABORT, 'credit notes never change'); END;
CREATE TRIGGER credit_notes_are_never_deleted BEFORE DELETE ON credit_notes
BEGIN SELECT RAISE(ABORT, 'credit notes are never deleted'); END;

CREATE TABLE trail (
    seq INTEGER PRIMARY KEY CHECK (seq >= 1),
    kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'void', 'write_off')),
    document_id TEXT NOT NULL,
    document_hash TEXT NOT NULL,
    footprint TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;
CREATE TRIGGER trail_never_changes BEFORE UPDATE ON trail
BEGIN SELECT RAISE(ABORT, 'trail entries never change'); END;
CREATE TRIGGER trail_is_never_deleted BEFORE DELETE ON trail
BEGIN SELECT RAISE(ABORT, 'trail entries are never deleted'); END;

CREATE TABLE z_reports (
    date TEXT PRIMARY KEY NOT NULL,
    closed_at TEXT NOT NULL,
    sessions_piastres INTEGER NOT NULL,
    consumptions_piastres INTEGER NOT NULL,
    subscriptions_piastres INTEGER NOT NULL,
    discounts_piastres INTEGER NOT NULL,
    voids_piastres INTEGER NOT NULL,
    refunds_cash_piastres INTEGER NOT NULL,
    refunds_card_piastres INTEGER NOT NULL,
    refunds_transfer_piastres INTEGER NOT NULL,
    refunds_to_balance_piastres INTEGER NOT NULL,
    write_offs_piastres INTEGER NOT NULL,
    cash_piastres INTEGER NOT NULL,
    card_piastres INTEGER NOT NULL,
    transfer_piastres INTEGER NOT NULL,
    credit_applied_piastres INTEGER NOT NULL
) STRICT;
CREATE TRIGGER z_reports_never_change BEFORE UPDATE ON z_reports
BEGIN SELECT RAISE(ABORT, 'Z reports never change'); END;
CREATE TRIGGER z_reports_are_never_deleted BEFORE DELETE ON z_reports
BEGIN SELECT RAISE(ABORT, 'Z reports are never deleted'); END;

CREATE TABLE counters_v5 (
    name TEXT PRIMARY KEY NOT NULL CHECK (name IN ('customer', 'invoice', 'credit_note')),
    value INTEGER NOT NULL CHECK (value >= 0)
) STRICT;
INSERT INTO counters_v5 (name, value) SELECT name, value FROM counters;
DROP TABLE counters;
ALTER TABLE counters_v5 RENAME TO counters;

CREATE TABLE ledger_entries_v5 (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    kind TEXT NOT NULL CHECK (kind IN ('invoice', 'payment', 'deposit', 'discount', 'void',
        'refund', 'write_off')),
    amount_piastres INTEGER NOT NULL,
    reference TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;
INSERT INTO ledger_entries_v5 (seq, id, customer_id, kind, amount_piastres, reference, at)
    SELECT seq, id, customer_id, kind, amount_piastres, reference, at FROM ledger_entries;
DROP TABLE ledger_entries;
ALTER TABLE ledger_entries_v5 RENAME TO ledger_entries;
CREATE INDEX ledger_entries_by_at ON ledger_entries (at);
CREATE INDEX ledger_entries_by_customer ON ledger_entries (customer_id, at);
CREATE INDEX ledger_deposits_by_at ON ledger_entries (at) WHERE kind = 'deposit';
"#;

/// Version 6: staff, the audit log and cash drawers (§16).
const V6: &str = r#"
ALTER TABLE settings ADD COLUMN max_cashier_discount_hundredths INTEGER NOT NULL DEFAULT 1000
    CHECK (max_cashier_discount_hundredths BETWEEN 0 AND 10000);
ALTER TABLE settings ADD COLUMN require_shift INTEGER NOT NULL DEFAULT 0
    CHECK (require_shift IN (0, 1));

-- PINs are kept only as Argon2id hashes (PHC strings).
CREATE TABLE operators (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('cashier', 'manager', 'owner')),
    is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
    pin_hash TEXT NOT NULL CHECK (pin_hash LIKE '$argon2id$%'),
    wrong_pins INTEGER NOT NULL DEFAULT 0 CHECK (wrong_pins >= 0),
    locked_until TEXT,
    created_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER operators_are_never_deleted BEFORE DELETE ON operators
BEGIN SELECT RAISE(ABORT, 'operators are never deleted; deactivate them'); END;

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY CHECK (seq >= 1),
    at TEXT NOT NULL,
    operator_id TEXT REFERENCES operators (id),
    operation TEXT NOT NULL,
    ids TEXT NOT NULL,
    args TEXT NOT NULL,
    footprint TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE TRIGGER audit_log_never_changes BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries never change'); END;
CREATE TRIGGER audit_log_is_never_deleted BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are never deleted'); END;

CREATE TABLE shifts (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    drawer TEXT NOT NULL,
    opened_by TEXT REFERENCES operators (id),
    opened_at TEXT NOT NULL,
    opening_float_piastres INTEGER NOT NULL CHECK (opening_float_piastres >= 0),
    closed_by TEXT REFERENCES operators (id),
    closed_at TEXT,
    counted_piastres INTEGER CHECK (counted_piastres >= 0),
    expected_piastres INTEGER,
    over_short_piastres INTEGER,
    CHECK ((closed_at IS NULL) = (counted_piastres IS NULL)
        AND (closed_at IS NULL) = (expected_piastres IS NULL)
        AND (closed_at IS NULL) = (over_short_piastres IS NULL))
) STRICT;
-- One open shift per drawer, whichever desk asks (R-SHIFT-1).
CREATE UNIQUE INDEX shifts_one_open_per_drawer ON shifts (drawer) WHERE closed_at IS NULL;
CREATE TRIGGER shifts_closed_never_change BEFORE UPDATE ON shifts WHEN OLD.closed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a closed shift never changes'); END;
CREATE TRIGGER shifts_are_never_deleted BEFORE DELETE ON shifts
BEGIN SELECT RAISE(ABORT, 'shifts are never deleted'); END;

CREATE TABLE drawer_entries (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    shift_id TEXT NOT NULL REFERENCES shifts (id),
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'deposit', 'refund', 'pay_in', 'pay_out')),
    method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'balance')),
    amount_piastres INTEGER NOT NULL CHECK (amount_piastres > 0),
    reference TEXT NOT NULL,
    operator_id TEXT REFERENCES operators (id),
    at TEXT NOT NULL
) STRICT;
CREATE INDEX drawer_entries_by_shift ON drawer_entries (shift_id);
CREATE TRIGGER drawer_entries_only_in_open_shifts BEFORE INSERT ON drawer_entries
WHEN (SELECT closed_at FROM shifts WHERE id = NEW.shift_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a closed shift never changes'); END;
CREATE TRIGGER drawer_entries_never_change BEFORE UPDATE ON drawer_entries
BEGIN SELECT RAISE(ABORT, 'drawer entries never change'); END;
CREATE TRIGGER drawer_entries_are_never_deleted BEFORE DELETE ON drawer_entries
BEGIN SELECT RAISE(ABORT, 'drawer entries are never deleted'); END;
"#;

/// Version 7: reservations and opening hours (§17), reservation fees in revenue.
const V7: &str = r#"
-- Opening hours as their canonical text (`sun 09:00-23:00; …; fri closed`), NULL: always open.
ALTER TABLE settings ADD COLUMN opening_hours TEXT;
ALTER TABLE settings ADD COLUMN buffer_minutes INTEGER NOT NULL DEFAULT 0
    CHECK (buffer_minutes BETWEEN 0 AND 1440);
ALTER TABLE settings ADD COLUMN max_booking_days INTEGER NOT NULL DEFAULT 90
    CHECK (max_booking_days BETWEEN 1 AND 3660);
ALTER TABLE settings ADD COLUMN cancel_notice_hours INTEGER NOT NULL DEFAULT 24
    CHECK (cancel_notice_hours BETWEEN 0 AND 8760);
ALTER TABLE settings ADD COLUMN late_cancel_hundredths INTEGER NOT NULL DEFAULT 5000
    CHECK (late_cancel_hundredths BETWEEN 0 AND 10000);
ALTER TABLE settings ADD COLUMN no_show_minutes INTEGER NOT NULL DEFAULT 15
    CHECK (no_show_minutes BETWEEN 0 AND 1440);
ALTER TABLE settings ADD COLUMN no_show_hundredths INTEGER NOT NULL DEFAULT 10000
    CHECK (no_show_hundredths BETWEEN 0 AND 10000);

CREATE TABLE reservations (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    reservation_number TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    resource_id TEXT NOT NULL REFERENCES resources (id),
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
    rate_per_hour_piastres INTEGER NOT NULL CHECK (rate_per_hour_piastres >= 0),
    created_at TEXT NOT NULL,
    closed_at TEXT,
    session_id TEXT REFERENCES sessions (id),
    fee_invoice_id TEXT REFERENCES invoices (id),
    CHECK (start_at < end_at)
) STRICT;
CREATE INDEX reservations_by_resource ON reservations (resource_id, start_at);
CREATE INDEX reservations_by_start ON reservations (start_at);
CREATE TRIGGER reservations_are_never_deleted BEFORE DELETE ON reservations
BEGIN SELECT RAISE(ABORT, 'reservations are never deleted; cancel them'); END;

-- The reservation a session was checked in from (no foreign key: a column added with one
-- could never be dropped again).
ALTER TABLE sessions ADD COLUMN reservation_id TEXT;

-- Fee lines (R-BOOK-3): a fourth kind of line, summed on the invoice like the others.
CREATE TABLE invoice_lines_v7 (
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    kind TEXT NOT NULL CHECK (kind IN ('session', 'consumption', 'subscription',
        'reservation_fee')),
    description TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity >= 0),
    unit_price_piastres INTEGER NOT NULL CHECK (unit_price_piastres >= 0),
    amount_piastres INTEGER NOT NULL CHECK (amount_piastres >= 0),
    PRIMARY KEY (invoice_id, position)
) STRICT;
INSERT INTO invoice_lines_v7 SELECT * FROM invoice_lines;
DROP TABLE invoice_lines;
ALTER TABLE invoice_lines_v7 RENAME TO invoice_lines;
ALTER TABLE invoices ADD COLUMN reservation_fees_piastres INTEGER NOT NULL DEFAULT 0
    CHECK (reservation_fees_piastres >= 0);
DROP TRIGGER invoices_kind_sums_on_insert;
DROP TRIGGER invoices_kind_sums_on_update;
CREATE TRIGGER invoices_kind_sums_on_insert BEFORE INSERT ON invoices
WHEN NEW.sessions_piastres + NEW.consumptions_piastres + NEW.subscriptions_piastres
    + NEW.reservation_fees_piastres <> NEW.amount_piastres
BEGIN
    SELECT RAISE(ABORT, 'invoice sums by kind do not add up to its amount');
END;
CREATE TRIGGER invoices_kind_sums_on_update
BEFORE UPDATE OF amount_piastres, sessions_piastres, consumptions_piastres,
    subscriptions_piastres, reservation_fees_piastres ON invoices
WHEN NEW.sessions_piastres + NEW.consumptions_piastres + NEW.subscriptions_piastres
    + NEW.reservation_fees_piastres <> NEW.amount_piastres
BEGIN
    SELECT RAISE(ABORT, 'invoice sums by kind do not add up to its amount');
END;
DROP INDEX invoices_by_issue_date;
CREATE INDEX invoices_by_issue_date ON invoices (issue_date, customer_id, total_piastres,
    sessions_piastres, consumptions_piastres, subscriptions_piastres, discount_amount_piastres,
    correction, reservation_fees_piastres);
ALTER TABLE z_reports ADD COLUMN reservation_fees_piastres INTEGER NOT NULL DEFAULT 0;

CREATE TABLE counters_v7 (
    name TEXT PRIMARY KEY NOT NULL CHECK (name IN ('customer', 'invoice', 'credit_note',
        'reservation')),
    value INTEGER NOT NULL CHECK (value >= 0)
) STRICT;
INSERT INTO counters_v7 (name, value) SELECT name, value FROM counters;
DROP TABLE counters;
ALTER TABLE counters_v7 RENAME TO counters;
"#;

/// Version 8: VAT (§18) on invoices and in settings, the seller data and the e-receipts.
const V8: &str = r#"
ALTER TABLE settings ADD COLUMN vat_hundredths INTEGER NOT NULL DEFAULT 0
    CHECK (vat_hundredths BETWEEN 0 AND 10000);
ALTER TABLE settings ADD COLUMN prices_include_vat INTEGER NOT NULL DEFAULT 1
    CHECK (prices_include_vat IN (0, 1));
-- The seller data of e-receipts as a JSON object of text fields (rin, branch_code, …).
ALTER TABLE settings ADD COLUMN seller TEXT NOT NULL DEFAULT '{}';
-- The rate and mode an invoice was issued with (0: before VAT, which keeps its figures), and
-- its VAT for the revenue report. Lines' net and VAT are derived from these and the discount.
ALTER TABLE invoices ADD COLUMN vat_rate_hundredths INTEGER NOT NULL DEFAULT 0
    CHECK (vat_rate_hundredths BETWEEN 0 AND 10000);
ALTER TABLE invoices ADD COLUMN prices_include_vat INTEGER NOT NULL DEFAULT 1
    CHECK (prices_include_vat IN (0, 1));
ALTER TABLE invoices ADD COLUMN vat_piastres INTEGER NOT NULL DEFAULT 0
    CHECK (vat_piastres >= 0);
ALTER TABLE z_reports ADD COLUMN vat_piastres INTEGER NOT NULL DEFAULT 0;
-- VAT added on top of net prices: part of that day's net.
ALTER TABLE z_reports ADD COLUMN vat_on_top_piastres INTEGER NOT NULL DEFAULT 0;

CREATE TABLE e_receipts (
    seq INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('sale', 'return')),
    document_id TEXT NOT NULL UNIQUE,
    receipt_number TEXT NOT NULL,
    device_serial_number TEXT NOT NULL,
    previous_uuid TEXT NOT NULL,
    produced_at TEXT NOT NULL,
    document TEXT NOT NULL,
    submitted_at TEXT,
    submission_id TEXT
) STRICT;
CREATE INDEX e_receipts_by_device ON e_receipts (device_serial_number, seq);
CREATE INDEX e_receipts_pending ON e_receipts (seq) WHERE submitted_at IS NULL;
-- A produced receipt never changes; only its submission is recorded, once.
CREATE TRIGGER e_receipts_never_change BEFORE UPDATE ON e_receipts
WHEN OLD.submitted_at IS NOT NULL OR NEW.uuid IS NOT OLD.uuid OR NEW.document IS NOT OLD.document
    OR NEW.previous_uuid IS NOT OLD.previous_uuid OR NEW.document_id IS NOT OLD.document_id
BEGIN SELECT RAISE(ABORT, 'e-receipts never change'); END;
CREATE TRIGGER e_receipts_are_never_deleted BEFORE DELETE ON e_receipts
BEGIN SELECT RAISE(ABORT, 'e-receipts are never deleted'); END;
"#;

/// The file's `PRAGMA user_version`.
fn version(conn: &Connection) -> Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .db()
}

/// The file's `PRAGMA application_id`.
fn application_id(conn: &Connection) -> Result<i32> {
    conn.pragma_query_value(None, "application_id", |r| r.get(0))
        .db()
}

/// Brings the file up to [`SCHEMA_VERSION`], refusing files of a newer version or of another
/// application.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    // Fast path: an up-to-date Backspace file needs no write lock.
    if version(conn)? == SCHEMA_VERSION && application_id(conn)? == APPLICATION_ID {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .db()?;
    let version = version(&tx)?;
    let app = application_id(&tx)?;
    if app != 0 && app != APPLICATION_ID {
        return Err(Error::storage(format!(
            "not a Backspace database (application_id {app:#x})"
        )));
    }
    if version > SCHEMA_VERSION {
        return Err(Error::storage(format!(
            "database schema version {version} is newer than this Backspace supports \
             ({SCHEMA_VERSION}); upgrade Backspace"
        )));
    }
    if version < 0 {
        return Err(Error::storage(format!(
            "database schema version {version} is not valid"
        )));
    }
    if version == 0 {
        let tables: i64 = tx
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .db()?;
        if tables > 0 {
            return Err(Error::storage(
                "not a Backspace database: it has tables but no Backspace schema version",
            ));
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .db()?;
    }
    for (done, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql).db()?;
        tx.pragma_update(None, "user_version", done as i64 + 1)
            .db()?;
    }
    tx.commit().db()
}

#[cfg(test)]
mod tests {
    use super::*;
    use backspace_core::{
        Category, CustomerType, InvoiceStatus, LedgerKind, LineKind, MovementKind, PaymentMethod,
        Plan, ResourceType,
    };

    /// Every enum value the code can write is allowed by a CHECK of the schema (version 1, or
    /// the later version that added it).
    #[test]
    fn checks_list_every_enum_value() {
        let values = CustomerType::ALL
            .iter()
            .map(|v| v.as_str())
            .chain(Plan::ALL.iter().map(|v| v.as_str()))
            .chain(ResourceType::ALL.iter().map(|v| v.as_str()))
            .chain(Category::ALL.iter().map(|v| v.as_str()))
            .chain(MovementKind::ALL.iter().map(|v| v.as_str()))
            .chain(LineKind::ALL.iter().map(|v| v.as_str()))
            .chain(InvoiceStatus::ALL.iter().map(|v| v.as_str()))
            .chain(PaymentMethod::ALL.iter().map(|v| v.as_str()))
            .chain(LedgerKind::ALL.iter().map(|v| v.as_str()))
            .chain(backspace_core::Role::ALL.iter().map(|v| v.as_str()))
            .chain(
                backspace_core::DrawerEntryKind::ALL
                    .iter()
                    .map(|v| v.as_str()),
            );
        let checks = MIGRATIONS.concat();
        for v in values {
            assert!(
                checks.contains(&format!("'{v}'")),
                "{v} missing from a CHECK"
            );
        }
    }

    /// Every table, index and trigger with its SQL, for comparing two files' schemas.
    fn schema_of(conn: &Connection) -> Vec<(String, String, Option<String>)> {
        let mut stmt = conn
            .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }

    /// R-DB-2: a file left at any earlier version is upgraded to exactly the schema of a new file.
    #[test]
    fn r_db_2_every_earlier_version_upgrades_to_the_fresh_schema() -> Result<()> {
        let mut fresh = Connection::open_in_memory().db()?;
        migrate(&mut fresh)?;
        for earlier in 1..SCHEMA_VERSION {
            let mut old = Connection::open_in_memory().db()?;
            old.pragma_update(None, "application_id", APPLICATION_ID)
                .db()?;
            for sql in &MIGRATIONS[..earlier as usize] {
                old.execute_batch(sql).db()?;
            }
            old.pragma_update(None, "user_version", earlier).db()?;
            migrate(&mut old)?;
            assert_eq!(version(&old)?, SCHEMA_VERSION, "from version {earlier}");
            assert_eq!(schema_of(&old), schema_of(&fresh), "from version {earlier}");
        }
        Ok(())
    }

    #[test]
    fn migrating_twice_is_a_no_op() -> Result<()> {
        let mut conn = Connection::open_in_memory().db()?;
        migrate(&mut conn)?;
        migrate(&mut conn)?;
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .db()?;
        assert_eq!(v, SCHEMA_VERSION);
        Ok(())
    }
}
