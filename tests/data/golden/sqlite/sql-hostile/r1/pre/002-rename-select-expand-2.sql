-- Tideline · plan "Hostile identifiers" · release r1 · SQLite
-- Refactoring rename-select (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: a column the sync trigger of ""Robert'); DROP TABLE x;--"".""from"" needs is gone: a later release has dropped it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce((SELECT count(*) FROM pragma_table_xinfo('Robert''); DROP TABLE x;--') WHERE name IN ('from', 'select')) = 2, 0));
DROP TRIGGER IF EXISTS "tideline_sync_Robert'); DROP TABLE x;--_from_insert";
DROP TRIGGER IF EXISTS "tideline_sync_Robert'); DROP TABLE x;--_from_update";
CREATE TRIGGER "tideline_sync_Robert'); DROP TABLE x;--_from_insert" AFTER INSERT ON "Robert'); DROP TABLE x;--" FOR EACH ROW
WHEN NEW."from" IS NULL
BEGIN
    UPDATE "Robert'); DROP TABLE x;--" SET "from" = NEW."select" WHERE "Robert'); DROP TABLE x;--".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_Robert'); DROP TABLE x;--_from_update" AFTER UPDATE OF "select" ON "Robert'); DROP TABLE x;--" FOR EACH ROW
WHEN (NEW."select" IS NOT OLD."select") AND NEW."from" IS OLD."from"
BEGIN
    UPDATE "Robert'); DROP TABLE x;--" SET "from" = NEW."select" WHERE "Robert'); DROP TABLE x;--".rowid = NEW.rowid;
END;
DROP TABLE temp."tideline_check";
COMMIT;
