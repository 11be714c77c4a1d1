-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring loyalty (add_column), step expand, phase pre
-- add the column (nullable, or NOT NULL with its constant default)
-- Re-runnable: running it again changes nothing.
ALTER TABLE "customer" ADD COLUMN "loyalty_points" integer NOT NULL DEFAULT 0;
