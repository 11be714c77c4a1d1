-- Tideline · plan "SQLite rich schema" · release r1 · SQLite
-- Refactoring score-type (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: a column the sync trigger of ""parent"".""score_new"" needs is gone: a later release has dropped it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce((SELECT count(*) FROM pragma_table_xinfo('parent') WHERE name IN ('score_new', 'score')) = 2, 0));
DROP TRIGGER IF EXISTS "tideline_sync_parent_score_new_insert";
DROP TRIGGER IF EXISTS "tideline_sync_parent_score_new_update";
CREATE TRIGGER "tideline_sync_parent_score_new_insert" AFTER INSERT ON "parent" FOR EACH ROW
WHEN NEW."score_new" IS NULL
BEGIN
    UPDATE "parent" SET "score_new" = CAST(NEW."score" AS bigint) WHERE "parent".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_parent_score_new_update" AFTER UPDATE OF "score" ON "parent" FOR EACH ROW
WHEN (NEW."score" IS NOT OLD."score") AND NEW."score_new" IS OLD."score_new"
BEGIN
    UPDATE "parent" SET "score_new" = CAST(NEW."score" AS bigint) WHERE "parent".rowid = NEW.rowid;
END;
DROP TABLE temp."tideline_check";
COMMIT;
