-- Tideline · plan "Hostile identifiers" · release r5 · SQLite
-- Refactoring require-prenom (rename_column), step contract, phase post
-- drop the old column
-- Re-runnable: running it again changes nothing.
ALTER TABLE "Robert'); DROP TABLE x;--" DROP COLUMN "prénom";
