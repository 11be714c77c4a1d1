-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring loyalty (add_column), step expand, phase pre
-- add the column (nullable, or NOT NULL with its constant default)
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "customer" ADD COLUMN IF NOT EXISTS "loyalty_points" integer NOT NULL DEFAULT 0;
