-- Tideline · plan "Every kind" · release r5 · PostgreSQL
-- Refactoring email-parts (split_column), step contract, phase post
-- drop the triggers and the old column
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DROP TRIGGER IF EXISTS "tideline_sync_customer_email_head" ON "customer";
DROP FUNCTION IF EXISTS "tideline_sync_customer_email_head_b1c6f54c"();

DROP TRIGGER IF EXISTS "tideline_sync_customer_email_lower" ON "customer";
DROP FUNCTION IF EXISTS "tideline_sync_customer_email_lower_5b649f6d"();

ALTER TABLE IF EXISTS "customer" DROP COLUMN IF EXISTS "email";
