-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring order-code (add_column), step expand, phase pre
-- add the column (nullable, or NOT NULL with its constant default)
-- Re-runnable: running it again changes nothing.
ALTER TABLE "orders" ADD COLUMN "code" varchar(20);
