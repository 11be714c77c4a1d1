-- Tideline · plan "Key kinds (SQLite)" · release r2 · SQLite
-- Refactoring no-note-idx (drop_index), step contract, phase pre
-- drop the index once no running version (nor a rollback target) relies on it
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: index ""customer_note_idx"" is not the one this file drops: a later release has made another under its name. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'customer_note_idx' COLLATE NOCASE) OR (SELECT group_concat(quote(coalesce(name, '')), ',') FROM (SELECT name FROM pragma_index_info('customer_note_idx') ORDER BY seqno)) = '''note''', 0));
DROP INDEX IF EXISTS "customer_note_idx";
DROP TABLE temp."tideline_check";
COMMIT;
