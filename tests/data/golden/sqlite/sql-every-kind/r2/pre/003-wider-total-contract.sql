-- Tideline · plan "Every kind" · release r2 · SQLite
-- Refactoring wider-total (change_type), step contract, phase pre
-- swap: drop the old column, rename the shadow column to its name, drop the trigger
-- Re-runnable: running it again changes nothing.
DROP TRIGGER IF EXISTS "tideline_sync_orders_total_new_insert";
DROP TRIGGER IF EXISTS "tideline_sync_orders_total_new_update";
PRAGMA defer_foreign_keys = ON;
DROP TABLE IF EXISTS temp."tideline_old_orders";
CREATE TABLE temp."tideline_old_orders" AS SELECT * FROM "orders";
DROP TABLE "orders";
CREATE TABLE "orders" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "customer_id" integer NOT NULL,
    "total" numeric(12,2),
    "note" text,
    "code" varchar(20) NOT NULL
);
INSERT INTO "orders" ("id", "customer_id", "total", "note", "code")
    SELECT "id", "customer_id", "total_new", "note", "code" FROM temp."tideline_old_orders";
DROP TABLE temp."tideline_old_orders";
