-- Tideline · plan "SQLite hostile names" · release r4 · SQLite
-- Refactoring rename-ref (rename_column), step contract, phase post
-- drop the trigger and the old column with its indexes
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: the sync trigger of ""Ord*/ers; --""""x"""" %1"".""ref; %10"" is not the one this file drops: a later release has made another. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name IN ('tideline_sync_Ord*/ers; --"x" %1_ref; %10_insert', 'tideline_sync_Ord*/ers; --"x" %1_ref; %10_update') AND sql NOT IN ('CREATE TRIGGER "tideline_sync_Ord*/ers; --""x"" %1_ref; %10_insert" AFTER INSERT ON "Ord*/ers; --""x"" %1" FOR EACH ROW
WHEN NEW."ref; %10" IS NULL
BEGIN
    UPDATE "Ord*/ers; --""x"" %1" SET "ref; %10" = NEW."%2 ref" WHERE "Ord*/ers; --""x"" %1".rowid = NEW.rowid;
END', 'CREATE TRIGGER "tideline_sync_Ord*/ers; --""x"" %1_ref; %10_update" AFTER UPDATE OF "%2 ref" ON "Ord*/ers; --""x"" %1" FOR EACH ROW
WHEN (NEW."%2 ref" IS NOT OLD."%2 ref") AND NEW."ref; %10" IS OLD."ref; %10"
BEGIN
    UPDATE "Ord*/ers; --""x"" %1" SET "ref; %10" = NEW."%2 ref" WHERE "Ord*/ers; --""x"" %1".rowid = NEW.rowid;
END')), 0));
DROP TRIGGER IF EXISTS "tideline_sync_Ord*/ers; --""x"" %1_ref; %10_insert";
DROP TRIGGER IF EXISTS "tideline_sync_Ord*/ers; --""x"" %1_ref; %10_update";
DROP TABLE temp."tideline_check";
COMMIT;
