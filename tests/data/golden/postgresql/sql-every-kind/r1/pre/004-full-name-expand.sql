-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring full-name (merge_columns), step expand, phase pre
-- add the merged column (nullable); relax NOT NULL on the old ones
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "customer" ADD COLUMN IF NOT EXISTS "full_name" varchar(256);

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
