-- Tideline · plan "Key kinds" · release r3 · PostgreSQL
-- Refactoring region-code (add_unique), step contract, phase pre
-- add the UNIQUE constraint online once every running version honours it
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
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"region_code_key"') AND NOT indisvalid) THEN
        DROP INDEX "region_code_key";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    -- Once a later release has dropped a column this index needs, the build below goes to an empty
    -- temporary stand-in (pg_temp comes first on the search path) and changes nothing.
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"region"') AND attname = 'code' AND NOT attisdropped) THEN
        CREATE TEMPORARY TABLE "region" ("id" integer, "name" varchar(100), "code" varchar(10));
    END IF;
END
$tideline$;
SET statement_timeout = 0;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "region_code_key" ON "region" ("code");
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF pg_catalog.to_regclass('pg_temp."region"') IS NOT NULL THEN
        DROP TABLE pg_temp."region";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"region"') AND conname = 'region_code_key') AND pg_catalog.to_regclass('"region_code_key"') IS NOT NULL THEN
        ALTER TABLE "region" ADD CONSTRAINT "region_code_key" UNIQUE USING INDEX "region_code_key";
    END IF;
END
$tideline$;
