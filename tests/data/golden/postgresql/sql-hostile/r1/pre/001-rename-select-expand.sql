-- Tideline · plan "Hostile identifiers" · release r1 · PostgreSQL
-- Refactoring rename-select (rename_column), step expand, phase pre
-- add the new column (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "Robert'); DROP TABLE x;--" ADD COLUMN IF NOT EXISTS "from" text;
