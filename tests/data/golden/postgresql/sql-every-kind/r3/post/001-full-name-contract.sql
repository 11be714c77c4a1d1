-- Tideline · plan "Every kind" · release r3 · PostgreSQL
-- Refactoring full-name (merge_columns), step contract, phase post
-- drop the old columns
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "customer" DROP COLUMN IF EXISTS "first_name";

ALTER TABLE "customer" DROP COLUMN IF EXISTS "last_name";
