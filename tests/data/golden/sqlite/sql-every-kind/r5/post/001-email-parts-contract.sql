-- Tideline · plan "Every kind" · release r5 · SQLite
-- Refactoring email-parts (split_column), step contract, phase post
-- drop the old column
-- Re-runnable: running it again changes nothing.
ALTER TABLE "customer" DROP COLUMN "email";
