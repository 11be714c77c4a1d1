-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring authors (move_columns), step backfill, phase backfill
-- create the missing rows of the new table and set the key where still NULL
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE, NOT in a transaction (no --single-transaction,
-- no BEGIN around it; runInTransaction/executeInTransaction false in Liquibase/Flyway): its statements
-- commit one by one (CREATE INDEX CONCURRENTLY, COMMIT between batches, a validation that must not
-- hold the lock of the statement before it). If it stops, run it again: it resumes.
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = 0;
SET statement_timeout = 0;
DO $tideline$
DECLARE
    tideline_from_key integer;
    tideline_to_key integer;
BEGIN
    IF NOT ((SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"posts"') AND attname IN ('author_email', 'author_name', 'author_id') AND NOT attisdropped) = 3 AND (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"authors"') AND attname IN ('email', 'name', 'id') AND NOT attisdropped) = 3) THEN
        -- A later release dropped what this backfill reads or fills: nothing to do.
        RETURN;
    END IF;
    SELECT min("id") INTO tideline_from_key FROM "posts" WHERE "author_id" IS NULL;
    WHILE tideline_from_key IS NOT NULL LOOP
        SELECT max(batch.key) INTO tideline_to_key
          FROM (SELECT "id" AS key FROM "posts" WHERE "author_id" IS NULL AND "id" >= tideline_from_key ORDER BY "id" LIMIT 1000) AS batch;
        -- Create the rows missing in authors (equal values: one row) …
        INSERT INTO "authors" ("email", "name")
        SELECT DISTINCT src."author_email", src."author_name" FROM "posts" AS src
         WHERE src."author_id" IS NULL AND (src."author_email" IS NOT NULL OR src."author_name" IS NOT NULL) AND src."id" BETWEEN tideline_from_key AND tideline_to_key
           AND NOT EXISTS (SELECT 1 FROM "authors" AS found
                            WHERE found."email" IS NOT DISTINCT FROM src."author_email"
           AND found."name" IS NOT DISTINCT FROM src."author_name");
        -- … then point every row at its match.
        UPDATE "posts" AS src SET "author_id" = (SELECT min(found."id") FROM "authors" AS found
                                    WHERE found."email" IS NOT DISTINCT FROM src."author_email"
           AND found."name" IS NOT DISTINCT FROM src."author_name")
         WHERE src."author_id" IS NULL AND (src."author_email" IS NOT NULL OR src."author_name" IS NOT NULL) AND src."id" BETWEEN tideline_from_key AND tideline_to_key;
        -- Each batch is its own transaction: locks are short and a rerun resumes.
        COMMIT;
        SELECT min("id") INTO tideline_from_key FROM "posts" WHERE "author_id" IS NULL AND "id" > tideline_to_key;
    END LOOP;
END
$tideline$;
SET statement_timeout = '5s';
