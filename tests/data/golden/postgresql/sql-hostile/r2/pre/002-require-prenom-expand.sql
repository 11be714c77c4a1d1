-- Tideline · plan "Hostile identifiers" · release r2 · PostgreSQL
-- Refactoring require-prenom (rename_column), step expand, phase pre
-- add the new column (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE "Robert'); DROP TABLE x;--" ADD COLUMN IF NOT EXISTS "given name" varchar(50);

DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"Robert''); DROP TABLE x;--"') AND attname = 'prénom' AND NOT attisdropped AND attnotnull) THEN
        ALTER TABLE "Robert'); DROP TABLE x;--" ALTER COLUMN "prénom" DROP NOT NULL;
    END IF;
END
$tideline$;
