-- Tideline · plan "Every kind" · release r2 · PostgreSQL
-- Refactoring email-parts (split_column), step backfill, phase backfill
-- compute the new columns where still NULL
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = 0;
DO $tideline$
DECLARE
    tideline_from_key integer;
    tideline_to_key integer;
BEGIN
    SELECT min("id") INTO tideline_from_key FROM "customer" WHERE "email_lower" IS NULL;
    WHILE tideline_from_key IS NOT NULL LOOP
        SELECT max(batch.key) INTO tideline_to_key
          FROM (SELECT "id" AS key FROM "customer" WHERE "email_lower" IS NULL AND "id" >= tideline_from_key ORDER BY "id" LIMIT 1000) AS batch;
        UPDATE "customer" SET "email_lower" = (lower(email))
         WHERE "email_lower" IS NULL AND "id" BETWEEN tideline_from_key AND tideline_to_key;
        -- Each batch is its own transaction: locks are short and a rerun resumes.
        COMMIT;
        SELECT min("id") INTO tideline_from_key FROM "customer" WHERE "email_lower" IS NULL AND "id" > tideline_to_key;
    END LOOP;
END
$tideline$;
