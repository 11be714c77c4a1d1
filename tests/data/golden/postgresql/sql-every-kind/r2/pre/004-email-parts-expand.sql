-- Tideline · plan "Every kind" · release r2 · PostgreSQL
-- Refactoring email-parts (split_column), step expand, phase pre
-- add the new columns (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "customer" ADD COLUMN IF NOT EXISTS "email_head" varchar(3);

ALTER TABLE "customer" ADD COLUMN IF NOT EXISTS "email_lower" varchar(255);
