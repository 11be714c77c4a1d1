-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring authors (move_columns), step backfill, phase backfill
-- create the missing rows of the new table and set the key where still NULL
-- Re-runnable: running it again changes nothing.
INSERT INTO "authors" ("email", "name")
    SELECT DISTINCT s."author_email", s."author_name" FROM "posts" AS s
    WHERE s."author_id" IS NULL AND (s."author_email" IS NOT NULL OR s."author_name" IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM "authors" AS t WHERE t."email" IS s."author_email" AND t."name" IS s."author_name");
UPDATE "posts" SET "author_id" = (SELECT min(t."id") FROM "authors" AS t WHERE t."email" IS "posts"."author_email" AND t."name" IS "posts"."author_name")
    WHERE "author_id" IS NULL AND ("author_email" IS NOT NULL OR "author_name" IS NOT NULL);
