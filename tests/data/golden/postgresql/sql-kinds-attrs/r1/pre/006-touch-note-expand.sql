-- Tideline · plan "Attribute kinds (PostgreSQL)" · release r1 · PostgreSQL
-- Refactoring touch-note (add_procedure_parameter), step expand, phase pre
-- replace the procedure by the one with the new, defaulted parameter (PostgreSQL: the old signature is dropped in the same transaction)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- user SQL: the procedure's definition is the plan's own
DO $tideline$
BEGIN
    IF pg_catalog.to_regprocedure('"touch_account"(integer)') IS NOT NULL OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc WHERE proname = 'touch_account' AND pronamespace = pg_catalog.to_regnamespace(current_schema())::oid) THEN
        DROP ROUTINE IF EXISTS "touch_account"(integer);
        EXECUTE 'CREATE OR REPLACE PROCEDURE touch_account(p_id integer, p_note text DEFAULT NULL)
LANGUAGE sql
AS $$
    UPDATE accounts SET note = coalesce(p_note, note) WHERE id = p_id;
$$';
    END IF;
END
$tideline$;
