-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring full-name (merge_columns), step expand, phase pre
-- add the merged column (nullable); relax NOT NULL on the old ones
-- Re-runnable: running it again changes nothing.
ALTER TABLE "customer" ADD COLUMN "full_name" varchar(256);
