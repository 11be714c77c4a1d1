-- Tideline · plan "Attribute kinds (SQLite)" · release r2 · SQLite
-- Refactoring raw-review (raw_sql), step post, phase post
-- the SQL, after the switch
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
-- user SQL (raw_sql), as the plan gives it, in a temporary trigger that runs only while its guard returns no row.
BEGIN IMMEDIATE;
DROP VIEW IF EXISTS temp."tideline_raw_sql";
CREATE TEMP VIEW "tideline_raw_sql" ("run") AS SELECT 1;
CREATE TEMP TRIGGER "tideline_raw_sql" INSTEAD OF INSERT ON "tideline_raw_sql"
BEGIN
INSERT INTO audit_log (entry) VALUES ('accounts reviewed');
UPDATE accounts SET note = 'it''s reviewed' WHERE note IS NULL;
END;
INSERT INTO temp."tideline_raw_sql" ("run") SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE entry LIKE 'accounts reviewed%');
DROP VIEW temp."tideline_raw_sql";
COMMIT;
