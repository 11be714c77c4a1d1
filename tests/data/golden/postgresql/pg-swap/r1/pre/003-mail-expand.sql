-- Tideline · plan "PostgreSQL swaps" · release r1 · PostgreSQL
-- Refactoring mail (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS "accounts" ADD COLUMN IF NOT EXISTS "mail" varchar(200);

DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'email' AND NOT attisdropped AND attnotnull) THEN
        ALTER TABLE "accounts" ALTER COLUMN "email" DROP NOT NULL;
    END IF;
END
$tideline$;

-- One block, one transaction: no moment where writes go through without the trigger.
DO $tideline1$
BEGIN
    IF (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname IN ('mail', 'email') AND NOT attisdropped) = 2 THEN
        CREATE OR REPLACE FUNCTION "tideline_sync_accounts_mail_c62bab0c"() RETURNS trigger LANGUAGE plpgsql AS $tideline$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW."mail" IS NULL THEN
                    NEW."mail" := CAST(NEW."email" AS varchar);
                END IF;
            ELSIF NEW."mail" IS NOT DISTINCT FROM OLD."mail"
                  AND (NEW."email" IS DISTINCT FROM OLD."email") THEN
                NEW."mail" := CAST(NEW."email" AS varchar);
            END IF;
            RETURN NEW;
        END
        $tideline$;
        COMMENT ON FUNCTION "tideline_sync_accounts_mail_c62bab0c"() IS 'tideline sync {"expression":"","sourceColumn":"email","sources":["email"],"target":"mail"}';
        DROP TRIGGER IF EXISTS "tideline_sync_accounts_mail" ON "accounts";
        CREATE TRIGGER "tideline_sync_accounts_mail" BEFORE INSERT OR UPDATE ON "accounts"
            FOR EACH ROW EXECUTE FUNCTION "tideline_sync_accounts_mail_c62bab0c"();
    END IF;
END
$tideline1$;
