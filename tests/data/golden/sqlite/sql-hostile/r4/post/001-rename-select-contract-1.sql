-- Tideline · plan "Hostile identifiers" · release r4 · SQLite
-- Refactoring rename-select (rename_column), step contract, phase post
-- drop the trigger and the old column with its indexes
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: the sync trigger of ""Robert'); DROP TABLE x;--"".""from"" is not the one this file drops: a later release has made another. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name IN ('tideline_sync_Robert''); DROP TABLE x;--_from_insert', 'tideline_sync_Robert''); DROP TABLE x;--_from_update') AND sql NOT IN ('CREATE TRIGGER "tideline_sync_Robert''); DROP TABLE x;--_from_insert" AFTER INSERT ON "Robert''); DROP TABLE x;--" FOR EACH ROW
WHEN NEW."from" IS NULL
BEGIN
    UPDATE "Robert''); DROP TABLE x;--" SET "from" = NEW."select" WHERE "Robert''); DROP TABLE x;--".rowid = NEW.rowid;
END', 'CREATE TRIGGER "tideline_sync_Robert''); DROP TABLE x;--_from_update" AFTER UPDATE OF "select" ON "Robert''); DROP TABLE x;--" FOR EACH ROW
WHEN (NEW."select" IS NOT OLD."select") AND NEW."from" IS OLD."from"
BEGIN
    UPDATE "Robert''); DROP TABLE x;--" SET "from" = NEW."select" WHERE "Robert''); DROP TABLE x;--".rowid = NEW.rowid;
END')), 0));
DROP TRIGGER IF EXISTS "tideline_sync_Robert'); DROP TABLE x;--_from_insert";
DROP TRIGGER IF EXISTS "tideline_sync_Robert'); DROP TABLE x;--_from_update";
DROP TABLE temp."tideline_check";
COMMIT;
