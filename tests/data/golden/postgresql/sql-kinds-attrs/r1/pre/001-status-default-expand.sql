-- Tideline · plan "Attribute kinds (PostgreSQL)" · release r1 · PostgreSQL
-- Refactoring status-default (set_default), step expand, phase pre
-- set the default (metadata only; existing rows keep their values)
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'status' AND NOT attisdropped) THEN
        ALTER TABLE "accounts" ALTER COLUMN "status" SET DEFAULT 'pending';
    END IF;
END
$tideline$;
