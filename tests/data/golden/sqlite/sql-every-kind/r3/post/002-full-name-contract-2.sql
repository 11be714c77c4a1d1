-- Tideline · plan "Every kind" · release r3 · SQLite
-- Refactoring full-name (merge_columns), step contract, phase post
-- drop the old columns
-- Re-runnable: running it again changes nothing.
ALTER TABLE "customer" DROP COLUMN "last_name";
