-- Tideline · plan "Every kind" · release r3 · SQLite
-- Refactoring authors (move_columns), step contract, phase post
-- drop the old columns
-- Re-runnable: running it again changes nothing.
ALTER TABLE "posts" DROP COLUMN "author_name";
