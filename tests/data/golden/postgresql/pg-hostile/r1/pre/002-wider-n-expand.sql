-- Tideline · plan "PostgreSQL hostile names */ $tideline$ %1" · release r1 · PostgreSQL
-- Refactoring wider-n (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- Not once n\' has the new type: its swap ran, the shadow is gone for good.
DO $tideline1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND attname = E'n\\''' AND NOT attisdropped AND atttypid = pg_catalog.to_regtype('bigint') AND atttypmod = -1) THEN
        ALTER TABLE IF EXISTS "t */ $tideline$ %1 'q' \b" ADD COLUMN IF NOT EXISTS "n\'_new" bigint;
    END IF;
END
$tideline1$;

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND attname IN (E'n\\''_new', E'n\\''') AND NOT attisdropped) = 2
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND attname = E'n\\''' AND NOT attisdropped AND atttypid = pg_catalog.to_regtype('bigint') AND atttypmod = -1) THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_t */ $tideline$ %1 'q' \b_n\'_new_df2a3b18"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."n\'_new" IS NULL THEN
                    NEW."n\'_new" := CAST(NEW."n\'" AS bigint);
                END IF;
            ELSIF NEW."n\'_new" IS NOT DISTINCT FROM OLD."n\'_new"
                  AND (NEW."n\'" IS DISTINCT FROM OLD."n\'") THEN
                NEW."n\'_new" := CAST(NEW."n\'" AS bigint);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_t */ $tideline$ %1 'q' \b_n\'_new_df2a3b18"() IS E'tideline sync {"expression":"","sourceColumn":"n\\\\''","sources":["n\\\\''"],"target":"n\\\\''_new"}';
        DROP TRIGGER IF EXISTS "tideline_sync_t */ $tideline$ %1 'q' \b_n\'_new" ON "t */ $tideline$ %1 'q' \b";
        CREATE TRIGGER "tideline_sync_t */ $tideline$ %1 'q' \b_n\'_new" BEFORE INSERT OR UPDATE ON "t */ $tideline$ %1 'q' \b"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_t */ $tideline$ %1 'q' \b_n\'_new_df2a3b18"();
    END IF;
END
$tideline1$;
