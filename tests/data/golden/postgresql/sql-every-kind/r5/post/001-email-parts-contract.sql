-- Tideline · plan "Every kind" · release r5 · PostgreSQL
-- Refactoring email-parts (split_column), step contract, phase post
-- drop the old column
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "customer" DROP COLUMN IF EXISTS "email";
