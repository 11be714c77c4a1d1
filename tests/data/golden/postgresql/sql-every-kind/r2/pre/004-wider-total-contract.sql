-- Tideline · plan "Every kind" · release r2 · PostgreSQL
-- Refactoring wider-total (change_type), step contract, phase pre
-- swap: drop the trigger and the old column, rename the shadow column to its name; its NOT NULL, default, identity, indexes, keys and constraints (and foreign keys that reference it) come along
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE, NOT in a transaction (no --single-transaction,
-- no BEGIN around it; runInTransaction/executeInTransaction false in Liquibase/Flyway): its statements
-- commit one by one (CREATE INDEX CONCURRENTLY, COMMIT between batches, a validation that must not
-- hold the lock of the statement before it). If it stops, run it again: it resumes.
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- One statement, one transaction: the old column and the shadow trade places at once;
-- a rerun finds no shadow and does nothing.
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname = 'total_new' AND NOT attisdropped) THEN
        DROP TRIGGER IF EXISTS "tideline_sync_orders_total_new" ON "orders";
        ALTER TABLE "orders" DROP COLUMN "total";
        ALTER TABLE "orders" RENAME COLUMN "total_new" TO "total";
    END IF;
END
$tideline$;
DROP FUNCTION IF EXISTS "tideline_sync_orders_total_new_f7093418"();
