-- Tideline · plan "Key kinds (SQLite)" · release r2 · SQLite
-- Refactoring email-unique (add_index), step constraint, phase pre
-- build the unique index online once every running version writes no duplicates
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: a column index ""customer_email_uidx"" needs is gone from ""customer"": a later release has dropped it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'customer_email_uidx' COLLATE NOCASE) OR (SELECT count(*) FROM pragma_table_xinfo('customer') WHERE name IN ('email')) = 1, 0));
CREATE UNIQUE INDEX IF NOT EXISTS "customer_email_uidx" ON "customer" ("email")
    WHERE email IS NOT NULL;
DROP TABLE temp."tideline_check";
COMMIT;
