-- Tideline · plan "Key kinds" · release r3 · PostgreSQL
-- Refactoring status-check-name (rename_constraint), step contract, phase pre
-- rename the constraint (nothing when it has the new name already)
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_status_check')
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_status_given') THEN
        ALTER TABLE "orders" RENAME CONSTRAINT "orders_status_check" TO "orders_status_given";
    END IF;
END
$tideline$;
