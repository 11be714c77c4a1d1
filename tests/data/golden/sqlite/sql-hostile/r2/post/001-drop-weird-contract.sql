-- Tideline · plan "Hostile identifiers" · release r2 · SQLite
-- Refactoring drop-weird (drop_column), step contract, phase post
-- drop the column
-- Re-runnable: running it again changes nothing.
ALTER TABLE "Robert'); DROP TABLE x;--" DROP COLUMN "we""ird`]";
