-- Tideline · plan "SQLite rich schema" · release r2 · SQLite
-- Refactoring kv-extra (set_not_null), step contract, phase pre
-- set NOT NULL (online: CHECK NOT VALID, VALIDATE, SET NOT NULL where the engine has them)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
-- One UPDATE, not batches: SQLite locks the whole database for any write,
-- so batches would not let other writers in any sooner.
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: ""kv"".""extra"" is gone: a later release has dropped or replaced it, so there is nothing left to fill. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(EXISTS (SELECT 1 FROM pragma_table_xinfo('kv') WHERE name = 'extra'), 0));
UPDATE "kv" SET "extra" = ('none')
    WHERE "extra" IS NULL;
DROP TABLE temp."tideline_check";
COMMIT;
