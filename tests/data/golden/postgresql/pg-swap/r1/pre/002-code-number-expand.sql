-- Tideline · plan "PostgreSQL swaps" · release r1 · PostgreSQL
-- Refactoring code-number (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- Not once code has the new type: its swap ran, the shadow is gone for good.
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'code' AND NOT attisdropped AND atttypid = pg_catalog.to_regtype('integer') AND atttypmod = -1) THEN
        ALTER TABLE IF EXISTS "accounts" ADD COLUMN IF NOT EXISTS "code_new" integer;
    END IF;
END
$tideline$;

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname IN ('code_new', 'code') AND NOT attisdropped) = 2
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'code' AND NOT attisdropped AND atttypid = pg_catalog.to_regtype('integer') AND atttypmod = -1) THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_accounts_code_new_f2718edc"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."code_new" IS NULL THEN
                    NEW."code_new" := (SELECT (code::integer) FROM (SELECT NEW.*) AS tideline_row);
                END IF;
            ELSIF NEW."code_new" IS NOT DISTINCT FROM OLD."code_new"
                  AND (NEW."code" IS DISTINCT FROM OLD."code") THEN
                NEW."code_new" := (SELECT (code::integer) FROM (SELECT NEW.*) AS tideline_row);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_accounts_code_new_f2718edc"() IS 'tideline sync {"expression":"code::integer","sourceColumn":"","sources":["code"],"target":"code_new"}';
        DROP TRIGGER IF EXISTS "tideline_sync_accounts_code_new" ON "accounts";
        CREATE TRIGGER "tideline_sync_accounts_code_new" BEFORE INSERT OR UPDATE ON "accounts"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_accounts_code_new_f2718edc"();
    END IF;
END
$tideline1$;
