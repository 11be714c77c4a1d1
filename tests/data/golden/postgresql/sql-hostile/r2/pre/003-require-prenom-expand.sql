-- Tideline · plan "Hostile identifiers" · release r2 · PostgreSQL
-- Refactoring require-prenom (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "Robert'); DROP TABLE x;--" ADD COLUMN IF NOT EXISTS "given name" varchar(50);

DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"Robert''); DROP TABLE x;--"') AND attname = 'prénom' AND NOT attisdropped AND attnotnull) THEN
        ALTER TABLE "Robert'); DROP TABLE x;--" ALTER COLUMN "prénom" DROP NOT NULL;
    END IF;
END
$tideline$;

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"Robert''); DROP TABLE x;--"') AND attname IN ('given name', 'prénom') AND NOT attisdropped) = 2 THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_Robert'); DROP TABLE x;--_given name_fe924bcf"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."given name" IS NULL THEN
                    NEW."given name" := CAST(NEW."prénom" AS varchar);
                END IF;
            ELSIF NEW."given name" IS NOT DISTINCT FROM OLD."given name"
                  AND (NEW."prénom" IS DISTINCT FROM OLD."prénom") THEN
                NEW."given name" := CAST(NEW."prénom" AS varchar);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_Robert'); DROP TABLE x;--_given name_fe924bcf"() IS 'tideline sync {"expression":"","sourceColumn":"prénom","sources":["prénom"],"target":"given name"}';
        DROP TRIGGER IF EXISTS "tideline_sync_Robert'); DROP TABLE x;--_given name" ON "Robert'); DROP TABLE x;--";
        CREATE TRIGGER "tideline_sync_Robert'); DROP TABLE x;--_given name" BEFORE INSERT OR UPDATE ON "Robert'); DROP TABLE x;--"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_Robert'); DROP TABLE x;--_given name_fe924bcf"();
    END IF;
END
$tideline1$;
