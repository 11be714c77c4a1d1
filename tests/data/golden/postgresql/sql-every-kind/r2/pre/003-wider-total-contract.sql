-- Tideline · plan "Every kind" · release r2 · PostgreSQL
-- Refactoring wider-total (change_type), step contract, phase pre
-- swap: drop the old column, rename the shadow column to its name, drop the trigger
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- One statement, one transaction: the old column and the shadow trade places at once; a rerun finds no shadow and does nothing.
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname = 'total_new' AND NOT attisdropped) THEN
        DROP TRIGGER IF EXISTS "tideline_sync_orders_total_new" ON "orders";
        ALTER TABLE "orders" DROP COLUMN "total";
        ALTER TABLE "orders" RENAME COLUMN "total_new" TO "total";
    END IF;
END
$tideline$;
DROP FUNCTION IF EXISTS "tideline_sync_orders_total_new"();
