-- Tideline · plan "Every kind" · release r2 · PostgreSQL
-- Refactoring no-phone (drop_column), step contract, phase post
-- drop the column
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "customer" DROP COLUMN IF EXISTS "phone";
