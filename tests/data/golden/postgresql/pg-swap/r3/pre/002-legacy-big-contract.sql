-- Tideline · plan "PostgreSQL swaps" · release r3 · PostgreSQL
-- Refactoring legacy-big (change_type), step contract, phase pre
-- swap: drop the trigger and the old column, rename the shadow column to its name; its NOT NULL, default, identity, indexes, keys and constraints (and foreign keys that reference it) come along
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE, NOT in a transaction (no --single-transaction,
-- no BEGIN around it; runInTransaction/executeInTransaction false in Liquibase/Flyway): its statements
-- commit one by one (CREATE INDEX CONCURRENTLY, COMMIT between batches, a validation that must not
-- hold the lock of the statement before it). If it stops, run it again: it resumes.
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_legacy_no_new_not_null')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'legacy_no_new' AND NOT attisdropped) THEN
        ALTER TABLE "accounts" ADD CONSTRAINT "accounts_legacy_no_new_not_null" CHECK ("legacy_no_new" IS NOT NULL) NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_legacy_no_new_not_null' AND NOT convalidated) THEN
        ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_legacy_no_new_not_null";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
-- One statement, one transaction: the old column and the shadow trade places at once;
-- a rerun finds no shadow and does nothing.
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'legacy_no_new' AND NOT attisdropped) THEN
        DROP TRIGGER IF EXISTS "tideline_sync_accounts_legacy_no_new" ON "accounts";
        -- The serial's sequence must outlive the old column it belongs to.
        IF pg_catalog.to_regclass('"accounts_legacy_no_seq"') IS NOT NULL THEN
            ALTER SEQUENCE "accounts_legacy_no_seq" OWNED BY NONE;
        END IF;
        ALTER TABLE "accounts" DROP COLUMN "legacy_no";
        ALTER TABLE "accounts" RENAME COLUMN "legacy_no_new" TO "legacy_no";
        ALTER TABLE "accounts" ALTER COLUMN "legacy_no" SET NOT NULL;
        ALTER TABLE "accounts" DROP CONSTRAINT IF EXISTS "accounts_legacy_no_new_not_null";
        ALTER TABLE "accounts" ALTER COLUMN "legacy_no" SET DEFAULT nextval('accounts_legacy_no_seq'::regclass);
        IF pg_catalog.to_regclass('"accounts_legacy_no_seq"') IS NOT NULL THEN
            ALTER SEQUENCE "accounts_legacy_no_seq" AS bigint;
            ALTER SEQUENCE "accounts_legacy_no_seq" OWNED BY "accounts"."legacy_no";
        END IF;
    END IF;
END
$tideline$;
DROP FUNCTION IF EXISTS "tideline_sync_accounts_legacy_no_new_d5a26789"();
