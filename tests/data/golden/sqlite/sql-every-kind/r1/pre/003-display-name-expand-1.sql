-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring display-name (rename_column), step expand, phase pre
-- add the new column (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
ALTER TABLE "customer" ADD COLUMN "display_name" varchar(100);
