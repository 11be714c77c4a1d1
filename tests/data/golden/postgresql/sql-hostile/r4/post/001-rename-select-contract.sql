-- Tideline · plan "Hostile identifiers" · release r4 · PostgreSQL
-- Refactoring rename-select (rename_column), step contract, phase post
-- drop the trigger and the old column with its indexes
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DROP TRIGGER IF EXISTS "tideline_sync_Robert'); DROP TABLE x;--_from" ON "Robert'); DROP TABLE x;--";
DROP FUNCTION IF EXISTS "tideline_sync_Robert'); DROP TABLE x;--_from_e1b5fdab"();

ALTER TABLE IF EXISTS "Robert'); DROP TABLE x;--" DROP COLUMN IF EXISTS "select";
