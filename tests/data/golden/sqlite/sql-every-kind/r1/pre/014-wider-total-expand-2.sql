-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring wider-total (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: a column the sync trigger of ""orders"".""total_new"" needs is gone: a later release has dropped it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce((SELECT count(*) FROM pragma_table_xinfo('orders') WHERE name IN ('total_new', 'total')) = 2, 0));
DROP TRIGGER IF EXISTS "tideline_sync_orders_total_new_insert";
DROP TRIGGER IF EXISTS "tideline_sync_orders_total_new_update";
CREATE TRIGGER "tideline_sync_orders_total_new_insert" AFTER INSERT ON "orders" FOR EACH ROW
WHEN NEW."total_new" IS NULL
BEGIN
    UPDATE "orders" SET "total_new" = CAST(NEW."total" AS numeric(12,2)) WHERE "orders".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_orders_total_new_update" AFTER UPDATE OF "total" ON "orders" FOR EACH ROW
WHEN (NEW."total" IS NOT OLD."total") AND NEW."total_new" IS OLD."total_new"
BEGIN
    UPDATE "orders" SET "total_new" = CAST(NEW."total" AS numeric(12,2)) WHERE "orders".rowid = NEW.rowid;
END;
DROP TABLE temp."tideline_check";
COMMIT;
