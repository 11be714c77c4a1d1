-- Tideline · plan "PostgreSQL swaps" · release r2 · PostgreSQL
-- Refactoring legacy-big (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- Not once legacy_no has the new type: its swap ran, the shadow is gone for good.
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'legacy_no' AND NOT attisdropped AND atttypid = pg_catalog.to_regtype('bigint') AND atttypmod = -1) THEN
        ALTER TABLE IF EXISTS "accounts" ADD COLUMN IF NOT EXISTS "legacy_no_new" bigint;
    END IF;
END
$tideline$;

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname IN ('legacy_no_new', 'legacy_no') AND NOT attisdropped) = 2
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'legacy_no' AND NOT attisdropped AND atttypid = pg_catalog.to_regtype('bigint') AND atttypmod = -1) THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_accounts_legacy_no_new_d5a26789"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."legacy_no_new" IS NULL THEN
                    NEW."legacy_no_new" := CAST(NEW."legacy_no" AS bigint);
                END IF;
            ELSIF NEW."legacy_no_new" IS NOT DISTINCT FROM OLD."legacy_no_new"
                  AND (NEW."legacy_no" IS DISTINCT FROM OLD."legacy_no") THEN
                NEW."legacy_no_new" := CAST(NEW."legacy_no" AS bigint);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_accounts_legacy_no_new_d5a26789"() IS 'tideline sync {"expression":"","sourceColumn":"legacy_no","sources":["legacy_no"],"target":"legacy_no_new"}';
        DROP TRIGGER IF EXISTS "tideline_sync_accounts_legacy_no_new" ON "accounts";
        CREATE TRIGGER "tideline_sync_accounts_legacy_no_new" BEFORE INSERT OR UPDATE ON "accounts"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_accounts_legacy_no_new_d5a26789"();
    END IF;
END
$tideline1$;
