-- Tideline · plan "Hostile identifiers" · release r1 · PostgreSQL
-- Refactoring add-naive (add_column), step expand, phase pre
-- add the column (nullable, or NOT NULL with its constant default)
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "Robert'); DROP TABLE x;--" ADD COLUMN IF NOT EXISTS "naïve $$ column" varchar(20);
