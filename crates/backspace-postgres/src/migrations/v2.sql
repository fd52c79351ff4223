-- Schema version 2: row-level security per branch.
-- A branch's desks may connect with their own database role, mapped to the branch in
-- branch_roles (by Chain::grant_branch_role). For such a role, the policies below show and
-- accept only its branch's resources, stock, sessions, invoices, corrections, shifts,
-- reservations, trail, audit log, e-receipts, settings and counters; customers, ledgers,
-- subscriptions and operators stay the chain's. The schema's owner (the chain's administrator)
-- is not subject to them.

CREATE TABLE branch_roles (
    role_name text PRIMARY KEY,
    branch_id integer NOT NULL REFERENCES branches (id)
);

-- The branch of the connected role (NULL for a role that has none: it sees no branch rows).
CREATE FUNCTION backspace_role_branch() RETURNS integer LANGUAGE sql STABLE AS $$
    SELECT branch_id FROM branch_roles WHERE role_name = current_user
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['settings', 'resources', 'inventory_items', 'sessions', 'invoices',
        'credit_notes', 'trail', 'z_reports', 'audit_log', 'shifts', 'reservations', 'e_receipts']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY own_branch ON %I USING (branch_id = backspace_role_branch())
            WITH CHECK (branch_id = backspace_role_branch())', t);
    END LOOP;
END $$;

-- The chain's customer counter (branch 0) is shared; the others are the branch's.
ALTER TABLE counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_branch ON counters
    USING (branch_id = 0 OR branch_id = backspace_role_branch())
    WITH CHECK (branch_id = 0 OR branch_id = backspace_role_branch());

-- A customer's ledger is read chain-wide; a desk writes only its own branch's entries.
ALTER TABLE ledger_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY chain_reads ON ledger_entries FOR SELECT USING (true);
CREATE POLICY own_branch_writes ON ledger_entries FOR INSERT
    WITH CHECK (branch_id = backspace_role_branch());

-- Subscriptions are the chain's (a subscriber is covered in every branch); a desk sells its own.
ALTER TABLE subscriptions ENABLE ROW LEVEL SECURITY;
CREATE POLICY chain_reads ON subscriptions FOR SELECT USING (true);
CREATE POLICY own_branch_writes ON subscriptions FOR INSERT
    WITH CHECK (branch_id = backspace_role_branch());
CREATE POLICY own_branch_updates ON subscriptions FOR UPDATE
    USING (true) WITH CHECK (true);

-- Rows without a branch of their own follow their parent, which the policies above filter.
ALTER TABLE invoice_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY parent_visible ON invoice_lines
    USING (EXISTS (SELECT 1 FROM invoices i WHERE i.id = invoice_id));
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY parent_visible ON payments
    USING (EXISTS (SELECT 1 FROM invoices i WHERE i.id = invoice_id));
ALTER TABLE stock_movements ENABLE ROW LEVEL SECURITY;
CREATE POLICY parent_visible ON stock_movements
    USING (EXISTS (SELECT 1 FROM inventory_items i WHERE i.id = item_id));
ALTER TABLE consumptions ENABLE ROW LEVEL SECURITY;
CREATE POLICY parent_visible ON consumptions
    USING (EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id));
ALTER TABLE drawer_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY parent_visible ON drawer_entries
    USING (EXISTS (SELECT 1 FROM shifts s WHERE s.id = shift_id));
