-- Backspace on PostgreSQL, schema version 1.
-- Money is bigint piastres (columns ending _piastres), instants timestamptz, business dates date.
-- A chain has branches; resources, stock, sessions, invoices, shifts, reservations, the trail,
-- the audit log and the e-receipts belong to one branch (branch_id). Customers, their ledger
-- balance and subscriptions, operators and the customer counter are chain-wide.

-- btree_gist lives in the public schema, created once per database (see open.rs).


CREATE TABLE branches (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{2,8}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    plain_numbers boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE settings (
    branch_id integer PRIMARY KEY REFERENCES branches (id),
    time_zone text NOT NULL,
    unit_minutes bigint NOT NULL CHECK (unit_minutes >= 1),
    rounding text NOT NULL CHECK (rounding IN ('up', 'nearest', 'down')),
    grace_minutes bigint NOT NULL CHECK (grace_minutes >= 0),
    minimum_minutes bigint NOT NULL CHECK (minimum_minutes >= 0),
    daily_cap_piastres bigint CHECK (daily_cap_piastres >= 0),
    weekly_price_piastres bigint CHECK (weekly_price_piastres >= 0),
    half_monthly_price_piastres bigint CHECK (half_monthly_price_piastres >= 0),
    monthly_price_piastres bigint CHECK (monthly_price_piastres >= 0),
    invoice_due_days bigint NOT NULL CHECK (invoice_due_days >= 0),
    currency text NOT NULL,
    max_cashier_discount_hundredths bigint NOT NULL
        CHECK (max_cashier_discount_hundredths BETWEEN 0 AND 10000),
    require_shift boolean NOT NULL,
    opening_hours text,
    buffer_minutes bigint NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 1440),
    max_booking_days bigint NOT NULL CHECK (max_booking_days BETWEEN 1 AND 3660),
    cancel_notice_hours bigint NOT NULL CHECK (cancel_notice_hours BETWEEN 0 AND 8760),
    late_cancel_hundredths bigint NOT NULL CHECK (late_cancel_hundredths BETWEEN 0 AND 10000),
    no_show_minutes bigint NOT NULL CHECK (no_show_minutes BETWEEN 0 AND 1440),
    no_show_hundredths bigint NOT NULL CHECK (no_show_hundredths BETWEEN 0 AND 10000),
    vat_hundredths bigint NOT NULL CHECK (vat_hundredths BETWEEN 0 AND 10000),
    prices_include_vat boolean NOT NULL,
    seller jsonb NOT NULL DEFAULT '{}'
);

-- Gapless counters: the customer counter is the chain's (branch_id 0 is "the chain"), the
-- others are each branch's. A number is taken by UPDATE … RETURNING inside the operation's
-- transaction, so a rolled-back operation gives its number back.
CREATE TABLE counters (
    branch_id integer NOT NULL,
    name text NOT NULL CHECK (name IN ('customer', 'invoice', 'credit_note', 'reservation')),
    value bigint NOT NULL CHECK (value >= 0),
    PRIMARY KEY (branch_id, name),
    CHECK ((name = 'customer') = (branch_id = 0))
);

CREATE TABLE customers (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    human_id text NOT NULL CONSTRAINT customers_human_id_key UNIQUE,
    name text NOT NULL,
    phone text NOT NULL CONSTRAINT customers_phone_key UNIQUE,
    email text,
    customer_type text NOT NULL
        CHECK (customer_type IN ('visitor', 'weekly', 'half-monthly', 'monthly')),
    balance_piastres bigint NOT NULL,
    credit_piastres bigint NOT NULL CHECK (credit_piastres >= 0),
    notes text,
    created_at timestamptz NOT NULL
);

CREATE TABLE operators (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('cashier', 'manager', 'owner')),
    is_active boolean NOT NULL,
    pin_hash text NOT NULL CHECK (pin_hash LIKE '$argon2id$%'),
    wrong_pins bigint NOT NULL DEFAULT 0 CHECK (wrong_pins >= 0),
    locked_until timestamptz,
    created_at timestamptz NOT NULL
);

CREATE TABLE resources (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    branch_id integer NOT NULL REFERENCES branches (id),
    name text NOT NULL,
    resource_type text NOT NULL CHECK (resource_type IN ('seat', 'room', 'desk')),
    rate_per_hour_piastres bigint NOT NULL CHECK (rate_per_hour_piastres >= 0),
    is_available boolean NOT NULL,
    out_of_service boolean NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX resources_name_unique ON resources (branch_id, lower(name));

CREATE TABLE subscriptions (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    branch_id integer NOT NULL REFERENCES branches (id),
    customer_id uuid NOT NULL REFERENCES customers (id),
    plan text NOT NULL CHECK (plan IN ('weekly', 'half-monthly', 'monthly')),
    start_date date NOT NULL,
    end_date date NOT NULL,
    price_piastres bigint NOT NULL CHECK (price_piastres >= 0),
    is_active boolean NOT NULL,
    invoice_id uuid NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX subscriptions_by_customer ON subscriptions (customer_id);
CREATE INDEX subscriptions_active ON subscriptions (is_active) WHERE is_active;

-- No two sessions of one resource, nor of one customer (chain-wide), overlap (R-SESS-7); a
-- running session reaches to the end of time.
CREATE TABLE sessions (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    branch_id integer NOT NULL REFERENCES branches (id),
    customer_id uuid NOT NULL REFERENCES customers (id),
    resource_id uuid NOT NULL REFERENCES resources (id),
    started_at timestamptz NOT NULL,
    ended_at timestamptz,
    rate_per_hour_piastres bigint NOT NULL CHECK (rate_per_hour_piastres >= 0),
    is_active boolean NOT NULL,
    duration_minutes bigint CHECK (duration_minutes >= 0),
    billed_minutes bigint CHECK (billed_minutes >= 0),
    amount_piastres bigint CHECK (amount_piastres >= 0),
    subscription_id uuid,
    invoice_id uuid,
    reservation_id uuid,
    CONSTRAINT sessions_resource_overlap EXCLUDE USING gist (
        resource_id WITH =, tstzrange(started_at, coalesce(ended_at, 'infinity')) WITH &&),
    CONSTRAINT sessions_customer_overlap EXCLUDE USING gist (
        customer_id WITH =, tstzrange(started_at, coalesce(ended_at, 'infinity')) WITH &&)
);
CREATE UNIQUE INDEX sessions_one_active_per_customer ON sessions (customer_id) WHERE is_active;
CREATE UNIQUE INDEX sessions_one_active_per_resource ON sessions (resource_id) WHERE is_active;
CREATE INDEX sessions_by_branch_start ON sessions (branch_id, started_at, id);

CREATE TABLE inventory_items (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    branch_id integer NOT NULL REFERENCES branches (id),
    name text NOT NULL,
    category text NOT NULL CHECK (category IN ('beverage', 'snack', 'meal')),
    price_piastres bigint NOT NULL CHECK (price_piastres >= 0),
    quantity bigint NOT NULL CONSTRAINT stock_not_negative CHECK (quantity >= 0),
    min_stock bigint NOT NULL CHECK (min_stock >= 0),
    created_at timestamptz NOT NULL
);
CREATE INDEX inventory_items_by_name ON inventory_items (branch_id, name, id);

CREATE TABLE stock_movements (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    item_id uuid NOT NULL REFERENCES inventory_items (id),
    kind text NOT NULL CHECK (kind IN
        ('initial', 'restock', 'adjustment', 'consumption', 'consumption-removed')),
    delta bigint NOT NULL,
    quantity_after bigint NOT NULL CHECK (quantity_after >= 0),
    reason text,
    at timestamptz NOT NULL
);
CREATE INDEX stock_movements_by_item ON stock_movements (item_id, at);

CREATE TABLE consumptions (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    session_id uuid NOT NULL REFERENCES sessions (id),
    item_id uuid NOT NULL REFERENCES inventory_items (id),
    item_name text NOT NULL,
    quantity bigint NOT NULL CHECK (quantity >= 1),
    price_at_consumption_piastres bigint NOT NULL CHECK (price_at_consumption_piastres >= 0),
    consumed_at timestamptz NOT NULL
);
CREATE INDEX consumptions_by_session ON consumptions (session_id, consumed_at);

CREATE TABLE invoices (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    branch_id integer NOT NULL REFERENCES branches (id),
    invoice_number text NOT NULL,
    customer_id uuid NOT NULL REFERENCES customers (id),
    session_id uuid,
    subscription_id uuid,
    issued_at timestamptz NOT NULL,
    issue_date date NOT NULL,
    due_date date NOT NULL,
    amount_piastres bigint NOT NULL CHECK (amount_piastres >= 0),
    sessions_piastres bigint NOT NULL CHECK (sessions_piastres >= 0),
    consumptions_piastres bigint NOT NULL CHECK (consumptions_piastres >= 0),
    subscriptions_piastres bigint NOT NULL CHECK (subscriptions_piastres >= 0),
    reservation_fees_piastres bigint NOT NULL CHECK (reservation_fees_piastres >= 0),
    discount_basis_points bigint NOT NULL CHECK (discount_basis_points BETWEEN 0 AND 10000),
    discount_amount_piastres bigint NOT NULL CHECK (discount_amount_piastres >= 0),
    total_piastres bigint NOT NULL CHECK (total_piastres >= 0),
    paid_amount_piastres bigint NOT NULL CHECK (paid_amount_piastres >= 0),
    status text NOT NULL CHECK (status IN ('unpaid', 'pending', 'paid')),
    paid_date date,
    refunded_piastres bigint NOT NULL DEFAULT 0 CHECK (refunded_piastres >= 0),
    written_off_piastres bigint NOT NULL DEFAULT 0 CHECK (written_off_piastres >= 0),
    correction text CHECK (correction IN ('void', 'written_off')),
    corrected_at timestamptz,
    correction_date date,
    correction_reason text,
    correction_footprint text,
    footprint text NOT NULL,
    vat_rate_hundredths bigint NOT NULL CHECK (vat_rate_hundredths BETWEEN 0 AND 10000),
    prices_include_vat boolean NOT NULL,
    vat_piastres bigint NOT NULL CHECK (vat_piastres >= 0),
    CONSTRAINT invoices_number_per_branch UNIQUE (branch_id, invoice_number),
    CONSTRAINT invoices_kind_sums CHECK (sessions_piastres + consumptions_piastres
        + subscriptions_piastres + reservation_fees_piastres = amount_piastres)
);
CREATE INDEX invoices_by_customer ON invoices (customer_id, issue_date);
CREATE INDEX invoices_by_issue_date ON invoices (branch_id, issue_date);
CREATE INDEX invoices_unpaid ON invoices (due_date, invoice_number)
    WHERE status <> 'paid' AND correction IS NULL;

CREATE TABLE invoice_lines (
    invoice_id uuid NOT NULL REFERENCES invoices (id),
    position bigint NOT NULL CHECK (position >= 0),
    kind text NOT NULL CHECK (kind IN ('session', 'consumption', 'subscription',
        'reservation_fee')),
    description text NOT NULL,
    quantity bigint NOT NULL CHECK (quantity >= 0),
    unit_price_piastres bigint NOT NULL CHECK (unit_price_piastres >= 0),
    amount_piastres bigint NOT NULL CHECK (amount_piastres >= 0),
    PRIMARY KEY (invoice_id, position)
);

CREATE TABLE payments (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    invoice_id uuid NOT NULL REFERENCES invoices (id),
    amount_piastres bigint NOT NULL CHECK (amount_piastres > 0),
    method text NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'balance')),
    paid_at timestamptz NOT NULL,
    note text
);
CREATE INDEX payments_by_invoice ON payments (invoice_id);
CREATE INDEX payments_by_paid_at ON payments (paid_at);

CREATE TABLE credit_notes (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    branch_id integer NOT NULL REFERENCES branches (id),
    credit_note_number text NOT NULL,
    invoice_id uuid NOT NULL REFERENCES invoices (id),
    customer_id uuid NOT NULL REFERENCES customers (id),
    amount_piastres bigint NOT NULL CHECK (amount_piastres > 0),
    method text NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'balance')),
    reason text NOT NULL,
    issued_at timestamptz NOT NULL,
    issue_date date NOT NULL,
    footprint text NOT NULL,
    CONSTRAINT credit_notes_number_per_branch UNIQUE (branch_id, credit_note_number)
);
CREATE INDEX credit_notes_by_invoice ON credit_notes (invoice_id);

-- The ledger is the customer's (chain-wide); branch_id says which branch's desk wrote it, so
-- each branch's revenue report counts its own deposits.
CREATE TABLE ledger_entries (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    branch_id integer NOT NULL REFERENCES branches (id),
    customer_id uuid NOT NULL REFERENCES customers (id),
    kind text NOT NULL CHECK (kind IN ('invoice', 'payment', 'deposit', 'discount', 'void',
        'refund', 'write_off')),
    amount_piastres bigint NOT NULL,
    reference text NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX ledger_entries_by_customer ON ledger_entries (customer_id, at);
CREATE INDEX ledger_entries_by_at ON ledger_entries (branch_id, at);

CREATE TABLE trail (
    branch_id integer NOT NULL REFERENCES branches (id),
    seq bigint NOT NULL CHECK (seq >= 1),
    kind text NOT NULL CHECK (kind IN ('invoice', 'credit_note', 'void', 'write_off')),
    document_id uuid NOT NULL,
    document_hash text NOT NULL,
    footprint text NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (branch_id, seq)
);

CREATE TABLE z_reports (
    branch_id integer NOT NULL REFERENCES branches (id),
    date date NOT NULL,
    closed_at timestamptz NOT NULL,
    sessions_piastres bigint NOT NULL,
    consumptions_piastres bigint NOT NULL,
    subscriptions_piastres bigint NOT NULL,
    reservation_fees_piastres bigint NOT NULL,
    discounts_piastres bigint NOT NULL,
    voids_piastres bigint NOT NULL,
    refunds_cash_piastres bigint NOT NULL,
    refunds_card_piastres bigint NOT NULL,
    refunds_transfer_piastres bigint NOT NULL,
    refunds_to_balance_piastres bigint NOT NULL,
    write_offs_piastres bigint NOT NULL,
    cash_piastres bigint NOT NULL,
    card_piastres bigint NOT NULL,
    transfer_piastres bigint NOT NULL,
    credit_applied_piastres bigint NOT NULL,
    vat_piastres bigint NOT NULL,
    vat_on_top_piastres bigint NOT NULL,
    PRIMARY KEY (branch_id, date)
);

CREATE TABLE audit_log (
    branch_id integer NOT NULL REFERENCES branches (id),
    seq bigint NOT NULL CHECK (seq >= 1),
    at timestamptz NOT NULL,
    operator_id uuid REFERENCES operators (id),
    operation text NOT NULL,
    ids text NOT NULL,
    args text NOT NULL,
    footprint text NOT NULL,
    PRIMARY KEY (branch_id, seq)
);
CREATE INDEX audit_log_by_at ON audit_log (branch_id, at);

CREATE TABLE shifts (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    branch_id integer NOT NULL REFERENCES branches (id),
    drawer text NOT NULL,
    opened_by uuid REFERENCES operators (id),
    opened_at timestamptz NOT NULL,
    opening_float_piastres bigint NOT NULL CHECK (opening_float_piastres >= 0),
    closed_by uuid REFERENCES operators (id),
    closed_at timestamptz,
    counted_piastres bigint CHECK (counted_piastres >= 0),
    expected_piastres bigint,
    over_short_piastres bigint,
    CHECK ((closed_at IS NULL) = (counted_piastres IS NULL)
        AND (closed_at IS NULL) = (expected_piastres IS NULL)
        AND (closed_at IS NULL) = (over_short_piastres IS NULL))
);
CREATE UNIQUE INDEX shifts_one_open_per_drawer ON shifts (branch_id, drawer)
    WHERE closed_at IS NULL;

CREATE TABLE drawer_entries (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    shift_id uuid NOT NULL REFERENCES shifts (id),
    kind text NOT NULL CHECK (kind IN ('payment', 'deposit', 'refund', 'pay_in', 'pay_out')),
    method text NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'balance')),
    amount_piastres bigint NOT NULL CHECK (amount_piastres > 0),
    reference text NOT NULL,
    operator_id uuid REFERENCES operators (id),
    at timestamptz NOT NULL
);
CREATE INDEX drawer_entries_by_shift ON drawer_entries (shift_id);

-- Booked and checked-in reservations of one resource never overlap (R-BOOK-1).
CREATE TABLE reservations (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id uuid PRIMARY KEY,
    branch_id integer NOT NULL REFERENCES branches (id),
    reservation_number text NOT NULL,
    customer_id uuid NOT NULL REFERENCES customers (id),
    resource_id uuid NOT NULL REFERENCES resources (id),
    start_at timestamptz NOT NULL,
    end_at timestamptz NOT NULL,
    status text NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
    rate_per_hour_piastres bigint NOT NULL CHECK (rate_per_hour_piastres >= 0),
    created_at timestamptz NOT NULL,
    closed_at timestamptz,
    session_id uuid REFERENCES sessions (id),
    fee_invoice_id uuid REFERENCES invoices (id),
    CHECK (start_at < end_at),
    CONSTRAINT reservations_number_per_branch UNIQUE (branch_id, reservation_number),
    CONSTRAINT reservations_never_overlap EXCLUDE USING gist (
        resource_id WITH =, tstzrange(start_at, end_at) WITH &&)
        WHERE (status IN ('booked', 'checked_in'))
);
CREATE INDEX reservations_by_start ON reservations (branch_id, start_at);

CREATE TABLE e_receipts (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    branch_id integer NOT NULL REFERENCES branches (id),
    uuid text NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('sale', 'return')),
    document_id uuid NOT NULL UNIQUE,
    receipt_number text NOT NULL,
    device_serial_number text NOT NULL,
    previous_uuid text NOT NULL,
    produced_at timestamptz NOT NULL,
    document text NOT NULL,
    submitted_at timestamptz,
    submission_id text
);
CREATE INDEX e_receipts_by_device ON e_receipts (device_serial_number, seq);

-- Records that are never changed or deleted once written.
CREATE FUNCTION backspace_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% are never %', TG_ARGV[0], TG_ARGV[1] USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER credit_notes_never_change BEFORE UPDATE ON credit_notes
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('credit notes', 'changed');
CREATE TRIGGER credit_notes_are_never_deleted BEFORE DELETE ON credit_notes
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('credit notes', 'deleted');
CREATE TRIGGER trail_never_changes BEFORE UPDATE ON trail
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('trail entries', 'changed');
CREATE TRIGGER trail_is_never_deleted BEFORE DELETE ON trail
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('trail entries', 'deleted');
CREATE TRIGGER z_reports_never_change BEFORE UPDATE ON z_reports
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('Z reports', 'changed');
CREATE TRIGGER z_reports_are_never_deleted BEFORE DELETE ON z_reports
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('Z reports', 'deleted');
CREATE TRIGGER audit_log_never_changes BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('audit entries', 'changed');
CREATE TRIGGER audit_log_is_never_deleted BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('audit entries', 'deleted');
CREATE TRIGGER drawer_entries_never_change BEFORE UPDATE ON drawer_entries
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('drawer entries', 'changed');
CREATE TRIGGER drawer_entries_are_never_deleted BEFORE DELETE ON drawer_entries
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('drawer entries', 'deleted');
CREATE TRIGGER operators_are_never_deleted BEFORE DELETE ON operators
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('operators', 'deleted');
CREATE TRIGGER shifts_are_never_deleted BEFORE DELETE ON shifts
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('shifts', 'deleted');
CREATE TRIGGER shifts_closed_never_change BEFORE UPDATE ON shifts
    FOR EACH ROW WHEN (OLD.closed_at IS NOT NULL)
    EXECUTE FUNCTION backspace_refuse('closed shifts', 'changed');
CREATE TRIGGER reservations_are_never_deleted BEFORE DELETE ON reservations
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('reservations', 'deleted');
CREATE TRIGGER e_receipts_are_never_deleted BEFORE DELETE ON e_receipts
    FOR EACH ROW EXECUTE FUNCTION backspace_refuse('e-receipts', 'deleted');
CREATE TRIGGER e_receipts_never_change BEFORE UPDATE ON e_receipts
    FOR EACH ROW WHEN (OLD.submitted_at IS NOT NULL OR NEW.uuid IS DISTINCT FROM OLD.uuid
        OR NEW.document IS DISTINCT FROM OLD.document
        OR NEW.previous_uuid IS DISTINCT FROM OLD.previous_uuid
        OR NEW.document_id IS DISTINCT FROM OLD.document_id)
    EXECUTE FUNCTION backspace_refuse('e-receipts', 'changed');

CREATE FUNCTION backspace_drawer_entry_open_shift() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT closed_at FROM shifts WHERE id = NEW.shift_id) IS NOT NULL THEN
        RAISE EXCEPTION 'drawer entries only go to open shifts' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER drawer_entries_only_in_open_shifts BEFORE INSERT ON drawer_entries
    FOR EACH ROW EXECUTE FUNCTION backspace_drawer_entry_open_shift();
