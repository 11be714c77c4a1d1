-- Tideline · plan "Key kinds" · release r1 · PostgreSQL
-- Refactoring score-idx (add_index), step expand, phase pre
-- build the index online, outside a transaction
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
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"customer_score_idx"') AND NOT indisvalid) THEN
        DROP INDEX "customer_score_idx";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    -- Once a later release has dropped a column this index needs, the build below goes to an empty
    -- temporary stand-in (pg_temp comes first on the search path) and changes nothing.
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"customer"') AND attname = 'score' AND NOT attisdropped) THEN
        CREATE TEMPORARY TABLE "customer" ("id" integer, "email" varchar(255), "code" varchar(20), "score" integer, "region_id" integer, "note" varchar(200));
    END IF;
END
$tideline$;
SET statement_timeout = 0;
CREATE INDEX CONCURRENTLY IF NOT EXISTS "customer_score_idx" ON "customer" ("score");
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF pg_catalog.to_regclass('pg_temp."customer"') IS NOT NULL THEN
        DROP TABLE pg_temp."customer";
    END IF;
END
$tideline$;
