-- Tideline · plan "Hostile identifiers" · release r2 · PostgreSQL
-- Refactoring require-prenom (rename_column), step backfill, phase backfill
-- copy the old column into the new one where still NULL
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
    IF NOT ((SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"Robert''); DROP TABLE x;--"') AND attname IN ('given name', 'prénom') AND NOT attisdropped) = 2) THEN
        -- A later release dropped what this backfill reads or fills: nothing to do.
        RETURN;
    END IF;
    SELECT min("id") INTO tideline_from_key FROM "Robert'); DROP TABLE x;--" WHERE "given name" IS NULL;
    WHILE tideline_from_key IS NOT NULL LOOP
        SELECT max(batch.key) INTO tideline_to_key
          FROM (SELECT "id" AS key FROM "Robert'); DROP TABLE x;--" WHERE "given name" IS NULL AND "id" >= tideline_from_key ORDER BY "id" LIMIT 2) AS batch;
        UPDATE "Robert'); DROP TABLE x;--" SET "given name" = CAST("prénom" AS varchar)
         WHERE "given name" IS NULL AND "id" BETWEEN tideline_from_key AND tideline_to_key;
        -- Each batch is its own transaction: locks are short and a rerun resumes.
        COMMIT;
        SELECT min("id") INTO tideline_from_key FROM "Robert'); DROP TABLE x;--" WHERE "given name" IS NULL AND "id" > tideline_to_key;
    END LOOP;
END
$tideline$;
SET statement_timeout = '5s';
