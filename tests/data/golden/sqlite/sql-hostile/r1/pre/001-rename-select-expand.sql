-- Tideline · plan "Hostile identifiers" · release r1 · SQLite
-- Refactoring rename-select (rename_column), step expand, phase pre
-- add the new column (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
ALTER TABLE "Robert'); DROP TABLE x;--" ADD COLUMN "from" text;
