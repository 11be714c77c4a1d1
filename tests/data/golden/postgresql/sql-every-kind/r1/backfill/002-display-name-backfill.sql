-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring display-name (rename_column), step backfill, phase backfill
-- copy the old column into the new one where still NULL
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = 0;
DO $tideline$
DECLARE
    tideline_from_key integer;
    tideline_to_key integer;
BEGIN
    SELECT min("id") INTO tideline_from_key FROM "customer" WHERE "display_name" IS NULL;
    WHILE tideline_from_key IS NOT NULL LOOP
        SELECT max(batch.key) INTO tideline_to_key
          FROM (SELECT "id" AS key FROM "customer" WHERE "display_name" IS NULL AND "id" >= tideline_from_key ORDER BY "id" LIMIT 1000) AS batch;
        UPDATE "customer" SET "display_name" = CAST("nickname" AS varchar(100))
         WHERE "display_name" IS NULL AND "id" BETWEEN tideline_from_key AND tideline_to_key;
        -- Each batch is its own transaction: locks are short and a rerun resumes.
        COMMIT;
        SELECT min("id") INTO tideline_from_key FROM "customer" WHERE "display_name" IS NULL AND "id" > tideline_to_key;
    END LOOP;
END
$tideline$;
