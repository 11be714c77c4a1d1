-- Tideline · plan "Table and view kinds" · release r1 · PostgreSQL
-- Refactoring active (create_view), step expand, phase pre
-- create the view
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF pg_catalog.to_regclass('"active_customers"') IS NULL THEN
        CREATE VIEW "active_customers" ("id", "display_name") AS
        SELECT c.id, c.name AS display_name FROM customer c WHERE c.email IS NOT NULL;
    END IF;
END
$tideline$;
