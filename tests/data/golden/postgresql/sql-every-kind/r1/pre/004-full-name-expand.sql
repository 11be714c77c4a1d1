-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring full-name (merge_columns), step expand, phase pre
-- add the merged column (nullable) with a trigger that computes it on every write of the old ones; relax NOT NULL on the old ones
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "customer" ADD COLUMN IF NOT EXISTS "full_name" varchar(256);

DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname = 'first_name' AND NOT attisdropped AND attnotnull) THEN
        ALTER TABLE "customer" ALTER COLUMN "first_name" DROP NOT NULL;
    END IF;
END
$tideline$;

DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname = 'last_name' AND NOT attisdropped AND attnotnull) THEN
        ALTER TABLE "customer" ALTER COLUMN "last_name" DROP NOT NULL;
    END IF;
END
$tideline$;

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname IN ('full_name', 'first_name', 'last_name') AND NOT attisdropped) = 3 THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_customer_full_name_7eaee4f5"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."full_name" IS NULL THEN
                    NEW."full_name" := (SELECT (first_name || ' ' || last_name) FROM (SELECT NEW.*) AS tideline_row);
                END IF;
            ELSIF NEW."full_name" IS NOT DISTINCT FROM OLD."full_name"
                  AND (NEW."first_name" IS DISTINCT FROM OLD."first_name"
                       OR NEW."last_name" IS DISTINCT FROM OLD."last_name") THEN
                NEW."full_name" := (SELECT (first_name || ' ' || last_name) FROM (SELECT NEW.*) AS tideline_row);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_customer_full_name_7eaee4f5"() IS 'tideline sync {"expression":"first_name || '' '' || last_name","sourceColumn":"","sources":["first_name","last_name"],"target":"full_name"}';
        DROP TRIGGER IF EXISTS "tideline_sync_customer_full_name" ON "customer";
        CREATE TRIGGER "tideline_sync_customer_full_name" BEFORE INSERT OR UPDATE ON "customer"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_customer_full_name_7eaee4f5"();
    END IF;
END
$tideline1$;
