-- Tideline · plan "PostgreSQL hostile names */ $tideline$ %1" · release r2 · PostgreSQL
-- Refactoring merge (merge_columns), step expand, phase pre
-- add the merged column (nullable) with a trigger that computes it on every write of the old ones; relax NOT NULL on the old ones
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "t */ $tideline$ %1 'q' \b" ADD COLUMN IF NOT EXISTS "m %1" text;

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline2$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND attname IN ('m %1', 'a"b', '$tideline1$') AND NOT attisdropped) = 3 THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_t */ $tideline$ %1 'q' \b_m %1_cd449cff"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."m %1" IS NULL THEN
                    NEW."m %1" := (SELECT (coalesce("a""b", '') || '
' || coalesce("$tideline1$", '')) FROM (SELECT NEW.*) AS tideline_row);
                END IF;
            ELSIF NEW."m %1" IS NOT DISTINCT FROM OLD."m %1"
                  AND (NEW."a""b" IS DISTINCT FROM OLD."a""b"
                       OR NEW."$tideline1$" IS DISTINCT FROM OLD."$tideline1$") THEN
                NEW."m %1" := (SELECT (coalesce("a""b", '') || '
' || coalesce("$tideline1$", '')) FROM (SELECT NEW.*) AS tideline_row);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_t */ $tideline$ %1 'q' \b_m %1_cd449cff"() IS E'tideline sync {"expression":"coalesce(\\"a\\"\\"b\\", '''') || ''\\n'' || coalesce(\\"$tideline1$\\", '''')","sourceColumn":"","sources":["a\\"b","$tideline1$"],"target":"m %1"}';
        DROP TRIGGER IF EXISTS "tideline_sync_t */ $tideline$ %1 'q' \b_m %1" ON "t */ $tideline$ %1 'q' \b";
        CREATE TRIGGER "tideline_sync_t */ $tideline$ %1 'q' \b_m %1" BEFORE INSERT OR UPDATE ON "t */ $tideline$ %1 'q' \b"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_t */ $tideline$ %1 'q' \b_m %1_cd449cff"();
    END IF;
END
$tideline2$;
