-- Tideline · plan "PostgreSQL swaps" · release r2 · PostgreSQL
-- Refactoring code-number (change_type), step contract, phase pre
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
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_code_new_not_null')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'code_new' AND NOT attisdropped) THEN
        ALTER TABLE "accounts" ADD CONSTRAINT "accounts_code_new_not_null" CHECK ("code_new" IS NOT NULL) NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_code_new_not_null' AND NOT convalidated) THEN
        ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_code_new_not_null";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
-- One statement, one transaction: the old column and the shadow trade places at once;
-- a rerun finds no shadow and does nothing.
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'code_new' AND NOT attisdropped) THEN
        DROP TRIGGER IF EXISTS "tideline_sync_accounts_code_new" ON "accounts";
        DROP VIEW IF EXISTS "account_codes", "top_codes";
        ALTER TABLE "accounts" DROP COLUMN "code";
        ALTER TABLE "accounts" RENAME COLUMN "code_new" TO "code";
        CREATE VIEW "account_codes" AS SELECT id, code, score FROM accounts WHERE score >= 0;
        CREATE VIEW "top_codes" AS SELECT code FROM account_codes WHERE id < 100;
        ALTER TABLE "accounts" ALTER COLUMN "code" SET NOT NULL;
        ALTER TABLE "accounts" DROP CONSTRAINT IF EXISTS "accounts_code_new_not_null";
        ALTER TABLE "accounts" ALTER COLUMN "code" SET DEFAULT '0';
    END IF;
END
$tideline$;
DROP FUNCTION IF EXISTS "tideline_sync_accounts_code_new_f2718edc"();
