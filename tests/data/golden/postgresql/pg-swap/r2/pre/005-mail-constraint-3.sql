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
DO $tideline$
BEGIN
    -- An earlier concurrent build failed half-way; IF NOT EXISTS would keep it.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"accounts_mail_lower_idx"') AND NOT indisvalid) THEN
        DROP INDEX "accounts_mail_lower_idx";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    -- Once a later release has dropped a column this index needs, the build below goes to an empty
    -- temporary stand-in (pg_temp comes first on the search path) and changes nothing.
    IF NOT (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname IN ('score', 'mail') AND NOT attisdropped) = 2 THEN
        CREATE TEMPORARY TABLE "accounts" ("id" bigint, "code" integer, "email" varchar(200), "score" integer, "legacy_no" integer, "mail" varchar(200));
    END IF;
END
$tideline$;
SET statement_timeout = 0;
CREATE INDEX CONCURRENTLY IF NOT EXISTS "accounts_mail_lower_idx" ON "accounts" ((lower(mail))) WHERE score > 0;
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF pg_catalog.to_regclass('pg_temp."accounts"') IS NOT NULL THEN
        DROP TABLE pg_temp."accounts";
    END IF;
END
$tideline$;
