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
-- Only while the column is still nullable: a rerun after SET NOT NULL adds nothing.
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"ledger"') AND conname = 'ledger_entry_not_null')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"ledger"') AND attname = 'entry'
                   AND NOT attisdropped AND NOT attnotnull) THEN
        ALTER TABLE "ledger" ADD CONSTRAINT "ledger_entry_not_null" CHECK ("entry" IS NOT NULL) NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"ledger"') AND conname = 'ledger_entry_not_null' AND NOT convalidated) THEN
        ALTER TABLE "ledger" VALIDATE CONSTRAINT "ledger_entry_not_null";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
-- The validated check proves there is no NULL, so SET NOT NULL skips its scan (PostgreSQL 12+).
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"ledger"') AND attname = 'entry' AND NOT attisdropped AND NOT attnotnull) THEN
        ALTER TABLE "ledger" ALTER COLUMN "entry" SET NOT NULL;
    END IF;
END
$tideline$;
ALTER TABLE IF EXISTS "ledger" DROP CONSTRAINT IF EXISTS "ledger_entry_not_null";
