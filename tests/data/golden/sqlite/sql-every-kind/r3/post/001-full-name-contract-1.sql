-- Tideline · plan "Every kind" · release r3 · SQLite
-- Refactoring full-name (merge_columns), step contract, phase post
-- drop the trigger and the old columns
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: the sync trigger of ""customer"".""full_name"" is not the one this file drops: a later release has made another. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name IN ('tideline_sync_customer_full_name_insert', 'tideline_sync_customer_full_name_update') AND sql NOT IN ('CREATE TRIGGER "tideline_sync_customer_full_name_insert" AFTER INSERT ON "customer" FOR EACH ROW
WHEN NEW."full_name" IS NULL
BEGIN
    UPDATE "customer" SET "full_name" = (first_name || '' '' || last_name) WHERE "customer".rowid = NEW.rowid;
END', 'CREATE TRIGGER "tideline_sync_customer_full_name_update" AFTER UPDATE OF "first_name", "last_name" ON "customer" FOR EACH ROW
WHEN (NEW."first_name" IS NOT OLD."first_name" OR NEW."last_name" IS NOT OLD."last_name") AND NEW."full_name" IS OLD."full_name"
BEGIN
    UPDATE "customer" SET "full_name" = (first_name || '' '' || last_name) WHERE "customer".rowid = NEW.rowid;
END')), 0));
DROP TRIGGER IF EXISTS "tideline_sync_customer_full_name_insert";
DROP TRIGGER IF EXISTS "tideline_sync_customer_full_name_update";
DROP TABLE temp."tideline_check";
COMMIT;
