-- The schema of bench 4b's Python baseline (`python_baseline.py` reads it; the Rust port,
-- `src/sqlite3_baseline.rs`, includes it).
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT NOT NULL UNIQUE,
    balance INTEGER NOT NULL);
CREATE TABLE resources (id TEXT PRIMARY KEY, name TEXT NOT NULL, rate INTEGER NOT NULL,
    busy INTEGER NOT NULL);
CREATE TABLE items (id TEXT PRIMARY KEY, name TEXT NOT NULL, price INTEGER NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity >= 0));
CREATE TABLE sessions (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, resource_id TEXT NOT NULL,
    started_at TEXT NOT NULL, ended_at TEXT, rate INTEGER NOT NULL, invoice_id TEXT);
CREATE UNIQUE INDEX one_active_per_resource ON sessions (resource_id) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX one_active_per_customer ON sessions (customer_id) WHERE ended_at IS NULL;
CREATE TABLE consumptions (session_id TEXT NOT NULL, item_id TEXT NOT NULL,
    quantity INTEGER NOT NULL, price INTEGER NOT NULL);
CREATE INDEX consumptions_by_session ON consumptions (session_id);
CREATE TABLE invoices (id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL,
    issued_at TEXT NOT NULL, total INTEGER NOT NULL, paid INTEGER NOT NULL, status TEXT NOT NULL);
CREATE TABLE invoice_lines (invoice_id TEXT NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL,
    quantity INTEGER NOT NULL, amount INTEGER NOT NULL);
CREATE TABLE payments (invoice_id TEXT NOT NULL, amount INTEGER NOT NULL, method TEXT NOT NULL,
    paid_at TEXT NOT NULL);
CREATE TABLE ledger (customer_id TEXT NOT NULL, kind TEXT NOT NULL, amount INTEGER NOT NULL,
    reference TEXT NOT NULL, at TEXT NOT NULL);
