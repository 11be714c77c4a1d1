-- Tideline · plan "Hostile identifiers" · release r2 · SQLite
-- Refactoring require-prenom (rename_column), step expand, phase pre
-- add the new column (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
ALTER TABLE "Robert'); DROP TABLE x;--" ADD COLUMN "given name" varchar(50);
