-- Tideline · plan "Hostile identifiers" · release r5 · PostgreSQL
-- Refactoring require-prenom (rename_column), step contract, phase post
-- drop the old column
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "Robert'); DROP TABLE x;--" DROP COLUMN IF EXISTS "prénom";
