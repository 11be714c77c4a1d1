-- Tideline · plan "PostgreSQL hostile names */ $tideline$ %1" · release r1 · PostgreSQL
-- Refactoring rename-weird (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "t */ $tideline$ %1 'q' \b" ADD COLUMN IF NOT EXISTS "y/*x" varchar(20);

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND attname IN ('y/*x', 'x*/y') AND NOT attisdropped) = 2 THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_t */ $tideline$ %1 'q' \b_y/*x_88381b3b"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."y/*x" IS NULL THEN
                    NEW."y/*x" := CAST(NEW."x*/y" AS varchar);
                END IF;
            ELSIF NEW."y/*x" IS NOT DISTINCT FROM OLD."y/*x"
                  AND (NEW."x*/y" IS DISTINCT FROM OLD."x*/y") THEN
                NEW."y/*x" := CAST(NEW."x*/y" AS varchar);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_t */ $tideline$ %1 'q' \b_y/*x_88381b3b"() IS 'tideline sync {"expression":"","sourceColumn":"x*/y","sources":["x*/y"],"target":"y/*x"}';
        DROP TRIGGER IF EXISTS "tideline_sync_t */ $tideline$ %1 'q' \b_y/*x" ON "t */ $tideline$ %1 'q' \b";
        CREATE TRIGGER "tideline_sync_t */ $tideline$ %1 'q' \b_y/*x" BEFORE INSERT OR UPDATE ON "t */ $tideline$ %1 'q' \b"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_t */ $tideline$ %1 'q' \b_y/*x_88381b3b"();
    END IF;
END
$tideline1$;
