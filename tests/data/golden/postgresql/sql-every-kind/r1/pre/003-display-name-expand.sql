-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring display-name (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "customer" ADD COLUMN IF NOT EXISTS "display_name" varchar(100);

DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname = 'nickname' AND NOT attisdropped AND attnotnull) THEN
        ALTER TABLE "customer" ALTER COLUMN "nickname" DROP NOT NULL;
    END IF;
END
$tideline$;

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname IN ('display_name', 'nickname') AND NOT attisdropped) = 2 THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_customer_display_name_66d96131"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."display_name" IS NULL THEN
                    NEW."display_name" := CAST(NEW."nickname" AS varchar);
                END IF;
            ELSIF NEW."display_name" IS NOT DISTINCT FROM OLD."display_name"
                  AND (NEW."nickname" IS DISTINCT FROM OLD."nickname") THEN
                NEW."display_name" := CAST(NEW."nickname" AS varchar);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_customer_display_name_66d96131"() IS 'tideline sync {"expression":"","sourceColumn":"nickname","sources":["nickname"],"target":"display_name"}';
        DROP TRIGGER IF EXISTS "tideline_sync_customer_display_name" ON "customer";
        CREATE TRIGGER "tideline_sync_customer_display_name" BEFORE INSERT OR UPDATE ON "customer"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_customer_display_name_66d96131"();
    END IF;
END
$tideline1$;
