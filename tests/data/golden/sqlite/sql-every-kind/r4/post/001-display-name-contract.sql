-- Tideline · plan "Every kind" · release r4 · SQLite
-- Refactoring display-name (rename_column), step contract, phase post
-- drop the old column
-- Re-runnable: running it again changes nothing.
ALTER TABLE "customer" DROP COLUMN "nickname";
