-- Tideline · plan "Attribute kinds (PostgreSQL)" · release r2 · PostgreSQL
-- Refactoring lower-email (raw_sql), step backfill, phase backfill
-- the SQL, with the backfills (run twice: before and after the switch)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = 0;
-- user SQL (raw_sql), as the plan gives it. It has no guard: a second run runs it again, so it is re-runnable only as far as the SQL itself is.
UPDATE accounts SET email = lower(email) WHERE email <> lower(email);
