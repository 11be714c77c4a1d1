-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring authors (move_columns), step expand, phase pre
-- create the new table; add the nullable key column with its foreign key
-- Re-runnable: running it again changes nothing.
PRAGMA defer_foreign_keys = ON;
DROP TABLE IF EXISTS temp."tideline_old_posts";
CREATE TABLE temp."tideline_old_posts" AS SELECT * FROM "posts";
DROP TABLE "posts";
CREATE TABLE "posts" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "title" varchar(255) NOT NULL,
    "author_name" varchar(255),
    "author_email" varchar(255),
    "author_id" integer,
    CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors" ("id")
);
INSERT INTO "posts" ("id", "title", "author_name", "author_email", "author_id")
    SELECT "id", "title", "author_name", "author_email", "author_id" FROM temp."tideline_old_posts";
DROP TABLE temp."tideline_old_posts";
