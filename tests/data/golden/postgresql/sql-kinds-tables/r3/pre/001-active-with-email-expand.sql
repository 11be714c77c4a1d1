-- Tideline · plan "Table and view kinds" · release r3 · PostgreSQL
-- Refactoring active-with-email (replace_view), step expand, phase pre
-- replace the definition (CREATE OR REPLACE VIEW)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- The view keeps its columns in their order and adds the new ones at the end: CREATE OR REPLACE.
DO $tideline$
BEGIN
    IF (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"active_customers"') AND attnum > 0 AND NOT attisdropped) IN (ARRAY['id', 'display_name']::text[], ARRAY['id', 'display_name', 'email']::text[]) THEN
        CREATE OR REPLACE VIEW "active_customers" ("id", "display_name", "email") AS
        SELECT c.id, c.name AS display_name, c.email FROM customer c WHERE c.email IS NOT NULL;
    END IF;
END
$tideline$;
