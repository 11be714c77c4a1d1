-- Tideline · plan "Table and view kinds (SQLite: no rename_table, whose route is offline there)" · release r3 · SQLite
-- Refactoring active-with-email (replace_view), step expand, phase pre
-- replace the definition (CREATE OR REPLACE VIEW)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: view ""active_customers"" is neither as this file expects it before its change nor after it: a later release has changed it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT group_concat(quote(name), ',') FROM (SELECT name FROM pragma_table_info('active_customers') ORDER BY cid)), '') IN ('''id'',''display_name''', '''id'',''display_name'',''email'''), 0));
DROP VIEW IF EXISTS "active_customers";
CREATE VIEW "active_customers" ("id", "display_name", "email") AS
SELECT c.id, c.name AS display_name, c.email FROM customer c WHERE c.email IS NOT NULL;
DROP TABLE temp."tideline_check";
COMMIT;
