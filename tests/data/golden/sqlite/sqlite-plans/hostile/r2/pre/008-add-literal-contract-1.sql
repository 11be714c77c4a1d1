-- Tideline · plan "SQLite hostile names" · release r2 · SQLite
-- Refactoring add-literal (add_column), step contract, phase pre
-- once every running version writes the column: fill rows an older version left NULL, then set the default and NOT NULL
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
-- One UPDATE, not batches: SQLite locks the whole database for any write,
-- so batches would not let other writers in any sooner.
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: ""Ord*/ers; --""""x"""" %1"".""li'teral"" is gone: a later release has dropped or replaced it, so there is nothing left to fill. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(EXISTS (SELECT 1 FROM pragma_table_xinfo('Ord*/ers; --"x" %1') WHERE name = 'li''teral'), 0));
UPDATE "Ord*/ers; --""x"" %1" SET "li'teral" = ('line1
    line2 %10 -- kept */ "q"')
    WHERE "li'teral" IS NULL;
DROP TABLE temp."tideline_check";
COMMIT;
