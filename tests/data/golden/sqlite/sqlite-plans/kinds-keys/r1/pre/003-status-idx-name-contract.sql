-- Tideline · plan "Key kinds (SQLite)" · release r1 · SQLite
-- Refactoring status-idx-name (rename_index), step contract, phase pre
-- rename the index (nothing when it has the new name already)
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
-- SQLite has no ALTER INDEX … RENAME: "orders_status_idx" is dropped and built again as "orders_by_status".
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: index ""orders_status_idx"" is gone from ""orders"", or a column it needs: a later release has dropped it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'orders_by_status' COLLATE NOCASE) OR (EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'orders_status_idx' COLLATE NOCASE) AND (SELECT count(*) FROM pragma_table_xinfo('orders') WHERE name IN ('status')) = 1), 0));
DROP INDEX IF EXISTS "orders_status_idx";
CREATE INDEX IF NOT EXISTS "orders_by_status" ON "orders" ("status");
DROP TABLE temp."tideline_check";
COMMIT;
