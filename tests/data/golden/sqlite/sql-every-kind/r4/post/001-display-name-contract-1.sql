-- Tideline · plan "Every kind" · release r4 · SQLite
-- Refactoring display-name (rename_column), step contract, phase post
-- drop the trigger and the old column with its indexes
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: the sync trigger of ""customer"".""display_name"" is not the one this file drops: a later release has made another. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name IN ('tideline_sync_customer_display_name_insert', 'tideline_sync_customer_display_name_update') AND sql NOT IN ('CREATE TRIGGER "tideline_sync_customer_display_name_insert" AFTER INSERT ON "customer" FOR EACH ROW
WHEN NEW."display_name" IS NULL
BEGIN
    UPDATE "customer" SET "display_name" = NEW."nickname" WHERE "customer".rowid = NEW.rowid;
END', 'CREATE TRIGGER "tideline_sync_customer_display_name_update" AFTER UPDATE OF "nickname" ON "customer" FOR EACH ROW
WHEN (NEW."nickname" IS NOT OLD."nickname") AND NEW."display_name" IS OLD."display_name"
BEGIN
    UPDATE "customer" SET "display_name" = NEW."nickname" WHERE "customer".rowid = NEW.rowid;
END')), 0));
DROP TRIGGER IF EXISTS "tideline_sync_customer_display_name_insert";
DROP TRIGGER IF EXISTS "tideline_sync_customer_display_name_update";
DROP TABLE temp."tideline_check";
COMMIT;
