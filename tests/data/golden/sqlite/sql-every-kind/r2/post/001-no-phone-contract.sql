-- Tideline · plan "Every kind" · release r2 · SQLite
-- Refactoring no-phone (drop_column), step contract, phase post
-- drop the column
-- Re-runnable: running it again changes nothing.
ALTER TABLE "customer" DROP COLUMN "phone";
