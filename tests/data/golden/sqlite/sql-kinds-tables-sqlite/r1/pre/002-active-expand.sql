-- Tideline · plan "Table and view kinds (SQLite: no rename_table, whose route is offline there)" · release r1 · SQLite
-- Refactoring active (create_view), step expand, phase pre
-- create the view
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
CREATE VIEW IF NOT EXISTS "active_customers" ("id", "display_name") AS
SELECT c.id, c.name AS display_name FROM customer c WHERE c.email IS NOT NULL;
COMMIT;
