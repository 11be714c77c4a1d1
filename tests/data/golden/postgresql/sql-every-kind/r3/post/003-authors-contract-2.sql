-- Tideline · plan "Every kind" · release r3 · PostgreSQL
-- Refactoring authors (move_columns), step contract, phase post
-- move rows an older version wrote since the backfill, then drop the old columns
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "posts" DROP COLUMN IF EXISTS "author_name";

ALTER TABLE IF EXISTS "posts" DROP COLUMN IF EXISTS "author_email";
