-- Tideline · plan "Key kinds" · release r1 · PostgreSQL
-- Refactoring region-fk-name (rename_constraint), step contract, phase pre
-- rename the constraint (nothing when it has the new name already)
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"customer"') AND conname = 'customer_region_fkey')
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"customer"') AND conname = 'customer_region_ref') THEN
        ALTER TABLE "customer" RENAME CONSTRAINT "customer_region_fkey" TO "customer_region_ref";
    END IF;
END
$tideline$;
