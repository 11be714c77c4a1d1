-- Tideline · plan "SQLite rich schema" · release r2 · SQLite
-- Refactoring code-rename (rename_column), step constraint, phase pre
-- give the new column what the old one has: NOT NULL, the default, indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other tables that reference it; then drop those constraints of the old column, which versions that stop writing it must not meet
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: a column index ""parent_name_idx_ref_code"" needs is gone from ""parent"": a later release has dropped it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'parent_name_idx_ref_code' COLLATE NOCASE) OR (SELECT count(*) FROM pragma_table_xinfo('parent') WHERE name IN ('name', 'ref_code')) = 2, 0));
CREATE INDEX IF NOT EXISTS "parent_name_idx_ref_code" ON "parent" ("name" DESC)
    WHERE ref_code IS NOT NULL;
DROP TABLE temp."tideline_check";
COMMIT;
