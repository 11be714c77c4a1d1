-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring wider-total (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- Not once total has the new type: its swap ran, the shadow is gone for good.
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname = 'total' AND NOT attisdropped AND atttypid = pg_catalog.to_regtype('numeric(12,2)') AND atttypmod = 786438) THEN
        ALTER TABLE IF EXISTS "orders" ADD COLUMN IF NOT EXISTS "total_new" numeric(12,2);
    END IF;
END
$tideline$;

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname IN ('total_new', 'total') AND NOT attisdropped) = 2
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname = 'total' AND NOT attisdropped AND atttypid = pg_catalog.to_regtype('numeric(12,2)') AND atttypmod = 786438) THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_orders_total_new_f7093418"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."total_new" IS NULL THEN
                    NEW."total_new" := CAST(NEW."total" AS numeric(12,2));
                END IF;
            ELSIF NEW."total_new" IS NOT DISTINCT FROM OLD."total_new"
                  AND (NEW."total" IS DISTINCT FROM OLD."total") THEN
                NEW."total_new" := CAST(NEW."total" AS numeric(12,2));
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_orders_total_new_f7093418"() IS 'tideline sync {"expression":"","sourceColumn":"total","sources":["total"],"target":"total_new"}';
        DROP TRIGGER IF EXISTS "tideline_sync_orders_total_new" ON "orders";
        CREATE TRIGGER "tideline_sync_orders_total_new" BEFORE INSERT OR UPDATE ON "orders"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_orders_total_new_f7093418"();
    END IF;
END
$tideline1$;
