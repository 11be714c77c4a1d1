-- Tideline · plan "SQLite hostile names" · release r2 · SQLite
-- Refactoring rename-select (rename_column), step constraint, phase pre
-- give the new column what the old one has: NOT NULL, the default, indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other tables that reference it; then drop those constraints of the old column, which versions that stop writing it must not meet
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: a column index ""idx */ --_from */ x"" needs is gone from ""Ord*/ers; --""""x"""" %1"": a later release has dropped it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'idx */ --_from */ x' COLLATE NOCASE) OR (SELECT count(*) FROM pragma_table_xinfo('Ord*/ers; --"x" %1') WHERE name IN ('%2 ref', 'from */ x')) = 2, 0));
CREATE INDEX IF NOT EXISTS "idx */ --_from */ x" ON "Ord*/ers; --""x"" %1" ("from */ x")
    WHERE "%2 ref" IS NOT NULL;
DROP TABLE temp."tideline_check";
COMMIT;
