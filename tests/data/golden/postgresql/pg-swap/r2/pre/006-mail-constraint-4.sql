-- Tideline · plan "PostgreSQL swaps" · release r2 · PostgreSQL
-- Refactoring mail (rename_column), step constraint, phase pre
-- give the new column what the old one has: NOT NULL, the default, indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other tables that reference it; then drop those constraints of the old column, which versions that stop writing it must not meet
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "accounts" DROP CONSTRAINT IF EXISTS "accounts_email_key";
