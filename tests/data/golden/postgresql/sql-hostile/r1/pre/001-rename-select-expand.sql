-- Tideline · plan "Hostile identifiers" · release r1 · PostgreSQL
-- Refactoring rename-select (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "Robert'); DROP TABLE x;--" ADD COLUMN IF NOT EXISTS "from" text;

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"Robert''); DROP TABLE x;--"') AND attname IN ('from', 'select') AND NOT attisdropped) = 2 THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_Robert'); DROP TABLE x;--_from_e1b5fdab"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."from" IS NULL THEN
                    NEW."from" := CAST(NEW."select" AS text);
                END IF;
            ELSIF NEW."from" IS NOT DISTINCT FROM OLD."from"
                  AND (NEW."select" IS DISTINCT FROM OLD."select") THEN
                NEW."from" := CAST(NEW."select" AS text);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_Robert'); DROP TABLE x;--_from_e1b5fdab"() IS 'tideline sync {"expression":"","sourceColumn":"select","sources":["select"],"target":"from"}';
        DROP TRIGGER IF EXISTS "tideline_sync_Robert'); DROP TABLE x;--_from" ON "Robert'); DROP TABLE x;--";
        CREATE TRIGGER "tideline_sync_Robert'); DROP TABLE x;--_from" BEFORE INSERT OR UPDATE ON "Robert'); DROP TABLE x;--"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_Robert'); DROP TABLE x;--_from_e1b5fdab"();
    END IF;
END
$tideline1$;
