-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring full-name (merge_columns), step expand, phase pre
-- add the merged column (nullable); relax NOT NULL on the old ones
-- Re-runnable: running it again changes nothing.
PRAGMA defer_foreign_keys = ON;
DROP TABLE IF EXISTS temp."tideline_old_customer";
CREATE TABLE temp."tideline_old_customer" AS SELECT * FROM "customer";
DROP TABLE "customer";
CREATE TABLE "customer" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "first_name" varchar(100),
    "last_name" varchar(100),
    "email" varchar(255),
    "nickname" varchar(100),
    "phone" varchar(40),
    "score" integer NOT NULL DEFAULT 0,
    "loyalty_points" integer NOT NULL DEFAULT 0,
    "display_name" varchar(100),
    "full_name" varchar(256)
);
INSERT INTO "customer" ("id", "first_name", "last_name", "email", "nickname", "phone", "score", "loyalty_points", "display_name", "full_name")
    SELECT "id", "first_name", "last_name", "email", "nickname", "phone", "score", "loyalty_points", "display_name", "full_name" FROM temp."tideline_old_customer";
DROP TABLE temp."tideline_old_customer";
