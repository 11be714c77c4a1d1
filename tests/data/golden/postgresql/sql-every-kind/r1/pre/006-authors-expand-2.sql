-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring authors (move_columns), step expand, phase pre
-- create the new table; add the nullable key column with its foreign key
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"posts"') AND conname = 'posts_author_id_fkey') THEN
        ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"posts"') AND conname = 'posts_author_id_fkey' AND NOT convalidated) THEN
        ALTER TABLE "posts" VALIDATE CONSTRAINT "posts_author_id_fkey";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
