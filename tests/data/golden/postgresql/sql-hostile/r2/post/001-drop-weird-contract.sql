-- Tideline · plan "Hostile identifiers" · release r2 · PostgreSQL
-- Refactoring drop-weird (drop_column), step contract, phase post
-- drop the column
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "Robert'); DROP TABLE x;--" DROP COLUMN IF EXISTS "we""ird`]";
