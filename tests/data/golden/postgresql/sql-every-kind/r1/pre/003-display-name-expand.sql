-- Tideline · plan "Every kind" · release r1 · PostgreSQL
-- Refactoring display-name (rename_column), step expand, phase pre
-- add the new column (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "customer" ADD COLUMN IF NOT EXISTS "display_name" varchar(100);

DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname = 'nickname' AND NOT attisdropped AND attnotnull) THEN
        ALTER TABLE "customer" ALTER COLUMN "nickname" DROP NOT NULL;
    END IF;
END
$tideline$;
