-- Tideline · plan "Table and view kinds" · release r3 · PostgreSQL
-- Refactoring no-tags (drop_table), step contract, phase post
-- drop the foreign keys that reference it (dropReferencingKeys), then the table
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "customer" DROP CONSTRAINT IF EXISTS "customer_tag_fkey";

-- Only while legacy_tag is the table this file drops (it has its columns).
DO $tideline$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"legacy_tag"') AND attname IN ('id', 'label') AND NOT attisdropped) = 2 THEN
        DROP TABLE "legacy_tag";
    END IF;
END
$tideline$;
