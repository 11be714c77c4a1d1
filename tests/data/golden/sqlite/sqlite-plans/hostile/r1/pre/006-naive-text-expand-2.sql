-- Tideline · plan "SQLite hostile names" · release r1 · SQLite
-- Refactoring naive-text (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: a column the sync trigger of ""Ord*/ers; --""""x"""" %1"".""naïve ☃_new"" needs is gone: a later release has dropped it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce((SELECT count(*) FROM pragma_table_xinfo('Ord*/ers; --"x" %1') WHERE name IN ('naïve ☃_new', 'naïve ☃')) = 2, 0));
DROP TRIGGER IF EXISTS "tideline_sync_Ord*/ers; --""x"" %1_naïve ☃_new_insert";
DROP TRIGGER IF EXISTS "tideline_sync_Ord*/ers; --""x"" %1_naïve ☃_new_update";
CREATE TRIGGER "tideline_sync_Ord*/ers; --""x"" %1_naïve ☃_new_insert" AFTER INSERT ON "Ord*/ers; --""x"" %1" FOR EACH ROW
WHEN NEW."naïve ☃_new" IS NULL
BEGIN
    UPDATE "Ord*/ers; --""x"" %1" SET "naïve ☃_new" = CAST(NEW."naïve ☃" AS text) WHERE "Ord*/ers; --""x"" %1".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_Ord*/ers; --""x"" %1_naïve ☃_new_update" AFTER UPDATE OF "naïve ☃" ON "Ord*/ers; --""x"" %1" FOR EACH ROW
WHEN (NEW."naïve ☃" IS NOT OLD."naïve ☃") AND NEW."naïve ☃_new" IS OLD."naïve ☃_new"
BEGIN
    UPDATE "Ord*/ers; --""x"" %1" SET "naïve ☃_new" = CAST(NEW."naïve ☃" AS text) WHERE "Ord*/ers; --""x"" %1".rowid = NEW.rowid;
END;
DROP TABLE temp."tideline_check";
COMMIT;
