-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring wider-total (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "orders" ADD COLUMN IF NOT EXISTS "total_new" numeric(12,2);

CREATE OR REPLACE FUNCTION "tideline_sync_orders_total_new"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
BEGIN
    NEW."total_new" := CAST(NEW."total" AS numeric(12,2));
    RETURN NEW;
END
$tideline$;
DROP TRIGGER IF EXISTS "tideline_sync_orders_total_new" ON "orders";
CREATE TRIGGER "tideline_sync_orders_total_new" BEFORE INSERT OR UPDATE ON "orders"
    FOR EACH ROW EXECUTE FUNCTION "tideline_sync_orders_total_new"();
