-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring display-name (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: a column the sync trigger of ""customer"".""display_name"" needs is gone: a later release has dropped it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce((SELECT count(*) FROM pragma_table_xinfo('customer') WHERE name IN ('display_name', 'nickname')) = 2, 0));
DROP TRIGGER IF EXISTS "tideline_sync_customer_display_name_insert";
DROP TRIGGER IF EXISTS "tideline_sync_customer_display_name_update";
CREATE TRIGGER "tideline_sync_customer_display_name_insert" AFTER INSERT ON "customer" FOR EACH ROW
WHEN NEW."display_name" IS NULL
BEGIN
    UPDATE "customer" SET "display_name" = NEW."nickname" WHERE "customer".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_customer_display_name_update" AFTER UPDATE OF "nickname" ON "customer" FOR EACH ROW
WHEN (NEW."nickname" IS NOT OLD."nickname") AND NEW."display_name" IS OLD."display_name"
BEGIN
    UPDATE "customer" SET "display_name" = NEW."nickname" WHERE "customer".rowid = NEW.rowid;
END;
DROP TABLE temp."tideline_check";
COMMIT;
