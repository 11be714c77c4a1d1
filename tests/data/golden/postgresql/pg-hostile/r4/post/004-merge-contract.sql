-- Tideline · plan "PostgreSQL hostile names */ $tideline$ %1" · release r4 · PostgreSQL
-- Refactoring merge (merge_columns), step contract, phase post
-- drop the trigger and the old columns
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DROP TRIGGER IF EXISTS "tideline_sync_t */ $tideline$ %1 'q' \b_m %1" ON "t */ $tideline$ %1 'q' \b";
DROP FUNCTION IF EXISTS "tideline_sync_t */ $tideline$ %1 'q' \b_m %1_cd449cff"();

ALTER TABLE IF EXISTS "t */ $tideline$ %1 'q' \b" DROP COLUMN IF EXISTS "a""b";

ALTER TABLE IF EXISTS "t */ $tideline$ %1 'q' \b" DROP COLUMN IF EXISTS "$tideline1$";
