-- Tideline · plan "SQLite rich schema" · release r1 · SQLite
-- Refactoring code-rename (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: a column the sync trigger of ""parent"".""ref_code"" needs is gone: a later release has dropped it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce((SELECT count(*) FROM pragma_table_xinfo('parent') WHERE name IN ('ref_code', 'code')) = 2, 0));
DROP TRIGGER IF EXISTS "tideline_sync_parent_ref_code_insert";
DROP TRIGGER IF EXISTS "tideline_sync_parent_ref_code_update";
CREATE TRIGGER "tideline_sync_parent_ref_code_insert" AFTER INSERT ON "parent" FOR EACH ROW
WHEN NEW."ref_code" IS NULL
BEGIN
    UPDATE "parent" SET "ref_code" = NEW."code" WHERE "parent".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_parent_ref_code_update" AFTER UPDATE OF "code" ON "parent" FOR EACH ROW
WHEN (NEW."code" IS NOT OLD."code") AND NEW."ref_code" IS OLD."ref_code"
BEGIN
    UPDATE "parent" SET "ref_code" = NEW."code" WHERE "parent".rowid = NEW.rowid;
END;
DROP TABLE temp."tideline_check";
COMMIT;
