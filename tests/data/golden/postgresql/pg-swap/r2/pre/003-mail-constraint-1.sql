-- Tideline · plan "PostgreSQL swaps" · release r2 · PostgreSQL
-- Refactoring mail (rename_column), step constraint, phase pre
-- give the new column what the old one has: NOT NULL, the default, indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other tables that reference it; then drop those constraints of the old column, which versions that stop writing it must not meet
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE, NOT in a transaction (no --single-transaction,
-- no BEGIN around it; runInTransaction/executeInTransaction false in Liquibase/Flyway): its statements
-- commit one by one (CREATE INDEX CONCURRENTLY, COMMIT between batches, a validation that must not
-- hold the lock of the statement before it). If it stops, run it again: it resumes.
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- Only while the column is still nullable: a rerun after SET NOT NULL adds nothing.
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_mail_not_null')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'mail'
                   AND NOT attisdropped AND NOT attnotnull) THEN
        ALTER TABLE "accounts" ADD CONSTRAINT "accounts_mail_not_null" CHECK ("mail" IS NOT NULL) NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_mail_not_null' AND NOT convalidated) THEN
        ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_mail_not_null";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
-- The validated check proves there is no NULL, so SET NOT NULL skips its scan (PostgreSQL 12+).
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'mail' AND NOT attisdropped AND NOT attnotnull) THEN
        ALTER TABLE "accounts" ALTER COLUMN "mail" SET NOT NULL;
    END IF;
END
$tideline$;
ALTER TABLE IF EXISTS "accounts" DROP CONSTRAINT IF EXISTS "accounts_mail_not_null";
