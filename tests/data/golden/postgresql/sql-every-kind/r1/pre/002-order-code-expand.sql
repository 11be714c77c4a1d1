-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring order-code (add_column), step expand, phase pre
-- add the column: bare when a backfill is given (a default would hide it), else nullable or NOT NULL with its constant default
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "orders" ADD COLUMN IF NOT EXISTS "code" varchar(20);
