-- Tideline · plan "Every kind" · release r2 · SQLite
-- Refactoring order-code (add_column), step contract, phase pre
-- set NOT NULL once every running version writes the column
-- Re-runnable: running it again changes nothing.
PRAGMA defer_foreign_keys = ON;
DROP TABLE IF EXISTS temp."tideline_old_orders";
CREATE TABLE temp."tideline_old_orders" AS SELECT * FROM "orders";
DROP TABLE "orders";
CREATE TABLE "orders" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "customer_id" integer NOT NULL,
    "total" numeric(10,2),
    "note" text,
    "code" varchar(20) NOT NULL,
    "total_new" numeric(12,2)
);
INSERT INTO "orders" ("id", "customer_id", "total", "note", "code", "total_new")
    SELECT "id", "customer_id", "total", "note", "code", "total_new" FROM temp."tideline_old_orders";
DROP TABLE temp."tideline_old_orders";
