-- Tideline · plan "Key kinds" · release r2 · PostgreSQL
-- Refactoring ledger-key (add_primary_key), step contract, phase pre
-- make the key columns NOT NULL and add the key online (replacing the old one in the same statement where the engine can)
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
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"ledger_pkey"') AND NOT indisvalid) THEN
        DROP INDEX "ledger_pkey";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    -- Once a later release has dropped a column this index needs, the build below goes to an empty
    -- temporary stand-in (pg_temp comes first on the search path) and changes nothing.
    IF NOT (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"ledger"') AND attname IN ('entry', 'account') AND NOT attisdropped) = 2 THEN
        CREATE TEMPORARY TABLE "ledger" ("entry" integer, "account" varchar(20), "amount" integer);
    END IF;
END
$tideline$;
SET statement_timeout = 0;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "ledger_pkey" ON "ledger" ("entry", "account");
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF pg_catalog.to_regclass('pg_temp."ledger"') IS NOT NULL THEN
        DROP TABLE pg_temp."ledger";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"ledger"') AND conname = 'ledger_pkey') AND pg_catalog.to_regclass('"ledger_pkey"') IS NOT NULL THEN
        ALTER TABLE "ledger" ADD CONSTRAINT "ledger_pkey" PRIMARY KEY USING INDEX "ledger_pkey";
    END IF;
END
$tideline$;
