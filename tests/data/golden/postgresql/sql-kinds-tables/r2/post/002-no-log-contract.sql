-- Tideline · plan "Table and view kinds" · release r2 · PostgreSQL
-- Refactoring no-log (drop_table), step contract, phase post
-- drop the foreign keys that reference it (dropReferencingKeys), then the table
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- Only while legacy_log is the table this file drops (it has its columns).
DO $tideline$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"legacy_log"') AND attname IN ('id', 'event_id', 'message') AND NOT attisdropped) = 3 THEN
        DROP TABLE "legacy_log";
    END IF;
END
$tideline$;
