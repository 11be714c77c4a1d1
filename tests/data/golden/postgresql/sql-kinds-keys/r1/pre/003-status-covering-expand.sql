-- Tideline · plan "Key kinds" · release r1 · PostgreSQL
-- Refactoring status-covering (add_index), step expand, phase pre
-- build the index online, outside a transaction
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE, NOT in a transaction (no --single-transaction,
-- no BEGIN around it; runInTransaction/executeInTransaction false in Liquibase/Flyway): its statements
-- commit one by one (CREATE INDEX CONCURRENTLY, COMMIT between batches, a validation that must not
-- hold the lock of the statement before it). If it stops, run it again: it resumes.
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    -- An earlier concurrent build failed half-way; IF NOT EXISTS would keep it.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"orders_status_total_idx"') AND NOT indisvalid) THEN
        DROP INDEX "orders_status_total_idx";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    -- Once a later release has dropped a column this index needs, the build below goes to an empty
    -- temporary stand-in (pg_temp comes first on the search path) and changes nothing.
    IF NOT (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname IN ('total', 'status') AND NOT attisdropped) = 2 THEN
        CREATE TEMPORARY TABLE "orders" ("id" integer, "customer_id" integer, "total" numeric(10,2), "status" varchar(20));
    END IF;
END
$tideline$;
SET statement_timeout = 0;
CREATE INDEX CONCURRENTLY IF NOT EXISTS "orders_status_total_idx" ON "orders" ("status") INCLUDE ("total");
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF pg_catalog.to_regclass('pg_temp."orders"') IS NOT NULL THEN
        DROP TABLE pg_temp."orders";
    END IF;
END
$tideline$;
