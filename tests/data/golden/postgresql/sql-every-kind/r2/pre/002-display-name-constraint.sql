-- Tideline · plan "Every kind" · release r2 · PostgreSQL
-- Refactoring display-name (rename_column), step constraint, phase pre
-- set NOT NULL on the new column
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    -- Only while the column is still nullable: a rerun after SET NOT NULL adds nothing.
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"customer"') AND conname = 'customer_display_name_not_null')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname = 'display_name'
                   AND NOT attisdropped AND NOT attnotnull) THEN
        ALTER TABLE "customer" ADD CONSTRAINT "customer_display_name_not_null" CHECK ("display_name" IS NOT NULL) NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"customer"') AND conname = 'customer_display_name_not_null' AND NOT convalidated) THEN
        ALTER TABLE "customer" VALIDATE CONSTRAINT "customer_display_name_not_null";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
-- The validated check proves there is no NULL, so SET NOT NULL skips its scan (PostgreSQL 12+).
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname = 'display_name' AND NOT attisdropped AND NOT attnotnull) THEN
        ALTER TABLE "customer" ALTER COLUMN "display_name" SET NOT NULL;
    END IF;
END
$tideline$;
ALTER TABLE "customer" DROP CONSTRAINT IF EXISTS "customer_display_name_not_null";
