-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring authors (move_columns), step backfill, phase backfill
-- create the missing rows of the new table and set the key where still NULL
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again, now or after later releases, changes nothing.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
WITH "tideline_moved" AS (
    SELECT "tideline_rows"."tideline_key" AS "tideline_key",
        (SELECT "author_email" FROM "posts" WHERE "posts".rowid = "tideline_rows"."tideline_key") AS "tideline_value1",
        (SELECT "author_name" FROM "posts" WHERE "posts".rowid = "tideline_rows"."tideline_key") AS "tideline_value2"
    FROM (SELECT "posts".rowid AS "tideline_key", NULL AS "author_email", NULL AS "author_name" FROM "posts" WHERE "posts"."author_id" IS NULL) AS "tideline_rows")
INSERT INTO "authors" ("email", "name")
    SELECT DISTINCT "tideline_value1", "tideline_value2" FROM "tideline_moved"
    WHERE ("tideline_moved"."tideline_value1" IS NOT NULL OR "tideline_moved"."tideline_value2" IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM "authors" AS "tideline_existing" WHERE "tideline_existing"."email" IS "tideline_moved"."tideline_value1" AND "tideline_existing"."name" IS "tideline_moved"."tideline_value2");
WITH "tideline_moved" AS (
    SELECT "tideline_rows"."tideline_key" AS "tideline_key",
        (SELECT "author_email" FROM "posts" WHERE "posts".rowid = "tideline_rows"."tideline_key") AS "tideline_value1",
        (SELECT "author_name" FROM "posts" WHERE "posts".rowid = "tideline_rows"."tideline_key") AS "tideline_value2"
    FROM (SELECT "posts".rowid AS "tideline_key", NULL AS "author_email", NULL AS "author_name" FROM "posts" WHERE "posts"."author_id" IS NULL) AS "tideline_rows")
UPDATE "posts" SET "author_id" = "tideline_found"."id"
    FROM (SELECT "tideline_moved"."tideline_key", (SELECT min("tideline_existing"."id") FROM "authors" AS "tideline_existing" WHERE "tideline_existing"."email" IS "tideline_moved"."tideline_value1" AND "tideline_existing"."name" IS "tideline_moved"."tideline_value2") AS "id"
          FROM "tideline_moved" WHERE "tideline_moved"."tideline_value1" IS NOT NULL OR "tideline_moved"."tideline_value2" IS NOT NULL) AS "tideline_found"
    WHERE "posts".rowid = "tideline_found"."tideline_key";
COMMIT;
