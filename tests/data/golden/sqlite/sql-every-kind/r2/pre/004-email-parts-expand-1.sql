-- Tideline · plan "Every kind" · release r2 · SQLite
-- Refactoring email-parts (split_column), step expand, phase pre
-- add the new columns (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
ALTER TABLE "customer" ADD COLUMN "email_head" varchar(3);
