-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring wider-total (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Re-runnable: running it again changes nothing.
CREATE TRIGGER IF NOT EXISTS "tideline_sync_orders_total_new_insert" AFTER INSERT ON "orders" FOR EACH ROW
BEGIN
    UPDATE "orders" SET "total_new" = CAST("total" AS numeric(12,2)) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER IF NOT EXISTS "tideline_sync_orders_total_new_update" AFTER UPDATE OF "total" ON "orders" FOR EACH ROW
BEGIN
    UPDATE "orders" SET "total_new" = CAST("total" AS numeric(12,2)) WHERE rowid = NEW.rowid;
END;
