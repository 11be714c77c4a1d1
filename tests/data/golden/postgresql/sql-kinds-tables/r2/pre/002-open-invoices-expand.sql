-- Tideline · plan "Table and view kinds" · release r2 · PostgreSQL
-- Refactoring open-invoices (create_view), step expand, phase pre
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
    IF pg_catalog.to_regclass('"open_invoices"') IS NULL THEN
        CREATE VIEW "open_invoices" ("invoice", "customer", "total") AS
        SELECT id, customer_id, amount FROM invoice WHERE status = 'open';
    END IF;
END
$tideline$;
