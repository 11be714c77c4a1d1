-- Tideline · plan "Key kinds" · release r1 · PostgreSQL
-- Refactoring status-idx-name (rename_index), step contract, phase pre
-- rename the index (nothing when it has the new name already)
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"orders_status_idx"') AND indrelid = pg_catalog.to_regclass('"orders"'))
       AND pg_catalog.to_regclass('"orders_by_status"') IS NULL THEN
        ALTER INDEX "orders_status_idx" RENAME TO "orders_by_status";
    END IF;
END
$tideline$;
