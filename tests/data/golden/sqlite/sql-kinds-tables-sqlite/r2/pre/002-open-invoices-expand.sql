-- Tideline · plan "Table and view kinds (SQLite: no rename_table, whose route is offline there)" · release r2 · SQLite
-- Refactoring open-invoices (create_view), step expand, phase pre
-- create the view
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
CREATE VIEW IF NOT EXISTS "open_invoices" ("invoice", "customer", "total") AS
SELECT id, customer_id, amount FROM invoice WHERE status = 'open';
COMMIT;
