-- Tideline · plan "Every kind" · release r3 · SQLite
-- Refactoring note-required (set_not_null), step contract, phase pre
-- set NOT NULL (online: CHECK NOT VALID, VALIDATE, SET NOT NULL where the engine has them)
-- Re-runnable: running it again changes nothing.
PRAGMA defer_foreign_keys = ON;
DROP TABLE IF EXISTS temp."tideline_old_orders";
CREATE TABLE temp."tideline_old_orders" AS SELECT * FROM "orders";
DROP TABLE "orders";
CREATE TABLE "orders" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "customer_id" integer NOT NULL,
    "total" numeric(12,2),
    "note" text NOT NULL,
    "code" varchar(20) NOT NULL
);
INSERT INTO "orders" ("id", "customer_id", "total", "note", "code")
    SELECT "id", "customer_id", "total", "note", "code" FROM temp."tideline_old_orders";
DROP TABLE temp."tideline_old_orders";
