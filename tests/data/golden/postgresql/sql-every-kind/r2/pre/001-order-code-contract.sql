-- Tideline · plan "Every kind" · release r2 · PostgreSQL
-- Refactoring order-code (add_column), step contract, phase pre
-- set NOT NULL once every running version writes the column
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    -- Only while the column is still nullable: a rerun after SET NOT NULL adds nothing.
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_code_not_null')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname = 'code'
                   AND NOT attisdropped AND NOT attnotnull) THEN
        ALTER TABLE "orders" ADD CONSTRAINT "orders_code_not_null" CHECK ("code" IS NOT NULL) NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_code_not_null' AND NOT convalidated) THEN
        ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_code_not_null";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
-- The validated check proves there is no NULL, so SET NOT NULL skips its scan (PostgreSQL 12+).
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname = 'code' AND NOT attisdropped AND NOT attnotnull) THEN
        ALTER TABLE "orders" ALTER COLUMN "code" SET NOT NULL;
    END IF;
END
$tideline$;
ALTER TABLE "orders" DROP CONSTRAINT IF EXISTS "orders_code_not_null";
