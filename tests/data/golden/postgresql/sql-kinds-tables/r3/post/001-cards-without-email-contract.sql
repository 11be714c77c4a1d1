-- Tideline · plan "Table and view kinds" · release r3 · PostgreSQL
-- Refactoring cards-without-email (replace_view), step contract, phase post
-- replace the definition, without the dropped columns
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- The columns change their order, which CREATE OR REPLACE VIEW refuses: the view is made again,
-- in one transaction.
DO $tideline$
BEGIN
    IF (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer_cards"') AND attnum > 0 AND NOT attisdropped) IN (ARRAY['id', 'name', 'email']::text[], ARRAY['id', 'name']::text[]) THEN
        DROP VIEW "customer_cards";
        CREATE VIEW "customer_cards" ("id", "name") AS
        SELECT id, name FROM customer;
    END IF;
END
$tideline$;
