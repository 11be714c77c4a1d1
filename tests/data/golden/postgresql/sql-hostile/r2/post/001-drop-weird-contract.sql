-- Tideline · plan "Hostile identifiers" · release r2 · PostgreSQL
-- Refactoring drop-weird (drop_column), step contract, phase post
-- drop the column
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "Robert'); DROP TABLE x;--" DROP COLUMN IF EXISTS "we""ird`]";
