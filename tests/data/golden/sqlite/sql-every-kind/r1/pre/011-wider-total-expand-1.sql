-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring wider-total (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Re-runnable: running it again changes nothing.
ALTER TABLE "orders" ADD COLUMN "total_new" numeric(12,2);
