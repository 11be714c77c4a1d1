-- Tideline · plan "Every kind" · release r3 · PostgreSQL
-- Refactoring authors (move_columns), step contract, phase post
-- drop the old columns
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "posts" DROP COLUMN IF EXISTS "author_name";

ALTER TABLE "posts" DROP COLUMN IF EXISTS "author_email";
