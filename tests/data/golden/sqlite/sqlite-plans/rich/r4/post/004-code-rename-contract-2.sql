-- Tideline · plan "SQLite rich schema" · release r4 · SQLite
-- Refactoring code-rename (rename_column), step contract, phase post
-- drop the trigger and the old column with its indexes
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: index ""parent_name_idx"" is not the one this file drops: a later release has made another under its name. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'parent_name_idx' COLLATE NOCASE) OR (SELECT group_concat(quote(coalesce(name, '')), ',') FROM (SELECT name FROM pragma_index_info('parent_name_idx') ORDER BY seqno)) = '''name''', 0));
DROP INDEX IF EXISTS "parent_name_idx";
DROP TABLE temp."tideline_check";
COMMIT;
