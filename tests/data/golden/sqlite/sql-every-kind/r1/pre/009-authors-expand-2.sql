-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring authors (move_columns), step expand, phase pre
-- create the new table; add the nullable key column with its foreign key
-- Re-runnable: running it again changes nothing.
ALTER TABLE "posts" ADD COLUMN "author_id" integer;
