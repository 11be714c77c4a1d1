-- Tideline · plan "PostgreSQL swaps" · release r3 · PostgreSQL
-- Refactoring score-big (change_type), step contract, phase pre
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
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_score_new_not_null')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'score_new' AND NOT attisdropped) THEN
        ALTER TABLE "accounts" ADD CONSTRAINT "accounts_score_new_not_null" CHECK ("score_new" IS NOT NULL) NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_score_new_not_null' AND NOT convalidated) THEN
        ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_score_new_not_null";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    -- An earlier concurrent build failed half-way; IF NOT EXISTS would keep it.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"accounts_email_lower_idx_tlswap"') AND NOT indisvalid) THEN
        DROP INDEX "accounts_email_lower_idx_tlswap";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    -- Once a later release has dropped a column this index needs, the build below goes to an empty
    -- temporary stand-in (pg_temp comes first on the search path) and changes nothing.
    IF NOT (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname IN ('email', 'score_new') AND NOT attisdropped) = 2 THEN
        CREATE TEMPORARY TABLE "accounts" ("id" bigint, "code" integer, "email" varchar(200), "score" integer, "legacy_no" integer, "mail" varchar(200), "score_new" bigint, "legacy_no_new" bigint);
    END IF;
END
$tideline$;
SET statement_timeout = 0;
CREATE INDEX CONCURRENTLY IF NOT EXISTS "accounts_email_lower_idx_tlswap" ON "accounts" ((lower(email))) WHERE score_new > 0;
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF pg_catalog.to_regclass('pg_temp."accounts"') IS NOT NULL THEN
        DROP TABLE pg_temp."accounts";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    -- An earlier concurrent build failed half-way; IF NOT EXISTS would keep it.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"accounts_mail_lower_idx_tlswap"') AND NOT indisvalid) THEN
        DROP INDEX "accounts_mail_lower_idx_tlswap";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    -- Once a later release has dropped a column this index needs, the build below goes to an empty
    -- temporary stand-in (pg_temp comes first on the search path) and changes nothing.
    IF NOT (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname IN ('mail', 'score_new') AND NOT attisdropped) = 2 THEN
        CREATE TEMPORARY TABLE "accounts" ("id" bigint, "code" integer, "email" varchar(200), "score" integer, "legacy_no" integer, "mail" varchar(200), "score_new" bigint, "legacy_no_new" bigint);
    END IF;
END
$tideline$;
SET statement_timeout = 0;
CREATE INDEX CONCURRENTLY IF NOT EXISTS "accounts_mail_lower_idx_tlswap" ON "accounts" ((lower(mail))) WHERE score_new > 0;
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF pg_catalog.to_regclass('pg_temp."accounts"') IS NOT NULL THEN
        DROP TABLE pg_temp."accounts";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_score_check_tlswap')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'score_new' AND NOT attisdropped) THEN
        ALTER TABLE "accounts" ADD CONSTRAINT "accounts_score_check_tlswap" CHECK (score_new >= 0) NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_score_check_tlswap' AND NOT convalidated) THEN
        ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_score_check_tlswap";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
-- One statement, one transaction: the old column and the shadow trade places at once;
-- a rerun finds no shadow and does nothing.
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'score_new' AND NOT attisdropped) THEN
        DROP TRIGGER IF EXISTS "tideline_sync_accounts_score_new" ON "accounts";
        DROP VIEW IF EXISTS "account_codes", "top_codes";
        ALTER TABLE "accounts" DROP COLUMN "score";
        ALTER TABLE "accounts" RENAME COLUMN "score_new" TO "score";
        CREATE VIEW "account_codes" AS SELECT id, code, score FROM accounts WHERE score >= 0;
        CREATE VIEW "top_codes" AS SELECT code FROM account_codes WHERE id < 100;
        ALTER TABLE "accounts" ALTER COLUMN "score" SET NOT NULL;
        ALTER TABLE "accounts" DROP CONSTRAINT IF EXISTS "accounts_score_new_not_null";
        IF pg_catalog.to_regclass('"accounts_email_lower_idx_tlswap"') IS NOT NULL THEN
            ALTER INDEX "accounts_email_lower_idx_tlswap" RENAME TO "accounts_email_lower_idx";
        END IF;
        IF pg_catalog.to_regclass('"accounts_mail_lower_idx_tlswap"') IS NOT NULL THEN
            ALTER INDEX "accounts_mail_lower_idx_tlswap" RENAME TO "accounts_mail_lower_idx";
        END IF;
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_score_check_tlswap') THEN
            ALTER TABLE "accounts" RENAME CONSTRAINT "accounts_score_check_tlswap" TO "accounts_score_check";
        END IF;
        ALTER TABLE "accounts" ALTER COLUMN "score" SET DEFAULT 0;
    END IF;
END
$tideline$;
DROP FUNCTION IF EXISTS "tideline_sync_accounts_score_new_cfbf6535"();
