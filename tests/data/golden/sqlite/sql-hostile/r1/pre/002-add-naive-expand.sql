-- Tideline · plan "Hostile identifiers" · release r1 · SQLite
-- Refactoring add-naive (add_column), step expand, phase pre
-- add the column (nullable, or NOT NULL with its constant default)
-- Re-runnable: running it again changes nothing.
ALTER TABLE "Robert'); DROP TABLE x;--" ADD COLUMN "naïve $$ column" varchar(20);
