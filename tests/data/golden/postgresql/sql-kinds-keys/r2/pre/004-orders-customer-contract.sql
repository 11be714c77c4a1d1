-- Tideline · plan "Key kinds" · release r2 · PostgreSQL
-- Refactoring orders-customer (add_foreign_key), step contract, phase pre
-- add the foreign key once every running version honours it, validating existing rows without blocking writes where the engine can
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
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_customer_id_fkey')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname = 'customer_id' AND NOT attisdropped)
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname = 'id' AND NOT attisdropped) THEN
        ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_customer_id_fkey' AND NOT convalidated) THEN
        ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_customer_id_fkey";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
