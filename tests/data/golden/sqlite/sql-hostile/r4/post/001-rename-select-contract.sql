-- Tideline · plan "Hostile identifiers" · release r4 · SQLite
-- Refactoring rename-select (rename_column), step contract, phase post
-- drop the old column
-- Re-runnable: running it again changes nothing.
ALTER TABLE "Robert'); DROP TABLE x;--" DROP COLUMN "select";
