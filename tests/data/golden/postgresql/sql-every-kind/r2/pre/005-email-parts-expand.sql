-- Tideline · plan "Every kind" · release r2 · PostgreSQL
-- Refactoring email-parts (split_column), step expand, phase pre
-- add the new columns (nullable) with triggers that compute them on every write of the old one; relax NOT NULL on the old one
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "customer" ADD COLUMN IF NOT EXISTS "email_head" varchar(3);

ALTER TABLE IF EXISTS "customer" ADD COLUMN IF NOT EXISTS "email_lower" varchar(255);

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname IN ('email_head', 'email') AND NOT attisdropped) = 2 THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_customer_email_head_b1c6f54c"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."email_head" IS NULL THEN
                    NEW."email_head" := (SELECT (substr(email, 1, 3)) FROM (SELECT NEW.*) AS tideline_row);
                END IF;
            ELSIF NEW."email_head" IS NOT DISTINCT FROM OLD."email_head"
                  AND (NEW."email" IS DISTINCT FROM OLD."email") THEN
                NEW."email_head" := (SELECT (substr(email, 1, 3)) FROM (SELECT NEW.*) AS tideline_row);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_customer_email_head_b1c6f54c"() IS 'tideline sync {"expression":"substr(email, 1, 3)","sourceColumn":"","sources":["email"],"target":"email_head"}';
        DROP TRIGGER IF EXISTS "tideline_sync_customer_email_head" ON "customer";
        CREATE TRIGGER "tideline_sync_customer_email_head" BEFORE INSERT OR UPDATE ON "customer"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_customer_email_head_b1c6f54c"();
    END IF;
END
$tideline1$;

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname IN ('email_lower', 'email') AND NOT attisdropped) = 2 THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_customer_email_lower_5b649f6d"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."email_lower" IS NULL THEN
                    NEW."email_lower" := (SELECT (lower(email)) FROM (SELECT NEW.*) AS tideline_row);
                END IF;
            ELSIF NEW."email_lower" IS NOT DISTINCT FROM OLD."email_lower"
                  AND (NEW."email" IS DISTINCT FROM OLD."email") THEN
                NEW."email_lower" := (SELECT (lower(email)) FROM (SELECT NEW.*) AS tideline_row);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_customer_email_lower_5b649f6d"() IS 'tideline sync {"expression":"lower(email)","sourceColumn":"","sources":["email"],"target":"email_lower"}';
        DROP TRIGGER IF EXISTS "tideline_sync_customer_email_lower" ON "customer";
        CREATE TRIGGER "tideline_sync_customer_email_lower" BEFORE INSERT OR UPDATE ON "customer"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_customer_email_lower_5b649f6d"();
    END IF;
END
$tideline1$;
