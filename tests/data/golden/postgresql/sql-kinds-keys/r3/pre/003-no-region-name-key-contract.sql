-- Tideline · plan "Key kinds" · release r3 · PostgreSQL
-- Refactoring no-region-name-key (drop_constraint), step contract, phase pre
-- drop the constraint once no running version (nor a rollback target) relies on it
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "region" DROP CONSTRAINT IF EXISTS "region_name_key";
