-- Tideline · plan "Table and view kinds" · release r2 · PostgreSQL
-- Refactoring events (rename_table), step contract, phase post
-- drop the view under the old name
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DROP VIEW IF EXISTS "old_events";
