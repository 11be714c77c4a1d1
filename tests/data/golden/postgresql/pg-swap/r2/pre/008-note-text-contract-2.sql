-- Tideline · plan "PostgreSQL swaps" · release r2 · PostgreSQL
-- Refactoring note-text (add_column), step contract, phase pre
-- once every running version writes the column: fill rows an older version left NULL, then set the default and NOT NULL
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname = 'memo' AND NOT attisdropped) THEN
        ALTER TABLE "orders" ALTER COLUMN "memo" SET DEFAULT 'line1
line2';
    END IF;
END
$tideline$;
