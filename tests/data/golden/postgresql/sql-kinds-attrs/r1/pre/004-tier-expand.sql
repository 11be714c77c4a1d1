-- Tideline · plan "Attribute kinds (PostgreSQL)" · release r1 · PostgreSQL
-- Refactoring tier (create_enum), step expand, phase pre
-- create the type (no table uses it yet)
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF pg_catalog.to_regtype('"tier"') IS NULL THEN
        CREATE TYPE "tier" AS ENUM ('free', 'paid', 'it''s');
    END IF;
END
$tideline$;
