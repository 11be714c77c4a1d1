-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring wider-total (change_type), step backfill, phase backfill
-- convert existing rows into the shadow column
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = 0;
DO $tideline$
DECLARE
    tideline_from_key integer;
    tideline_to_key integer;
BEGIN
    SELECT min("id") INTO tideline_from_key FROM "orders" WHERE "total_new" IS NULL;
    WHILE tideline_from_key IS NOT NULL LOOP
        SELECT max(batch.key) INTO tideline_to_key
          FROM (SELECT "id" AS key FROM "orders" WHERE "total_new" IS NULL AND "id" >= tideline_from_key ORDER BY "id" LIMIT 1000) AS batch;
        UPDATE "orders" SET "total_new" = CAST("total" AS numeric(12,2))
         WHERE "total_new" IS NULL AND "id" BETWEEN tideline_from_key AND tideline_to_key;
        -- Each batch is its own transaction: locks are short and a rerun resumes.
        COMMIT;
        SELECT min("id") INTO tideline_from_key FROM "orders" WHERE "total_new" IS NULL AND "id" > tideline_to_key;
    END LOOP;
END
$tideline$;
