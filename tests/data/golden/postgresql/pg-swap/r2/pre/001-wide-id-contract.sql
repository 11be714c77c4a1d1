-- Tideline · plan "PostgreSQL swaps" · release r2 · PostgreSQL
-- Refactoring wide-id (change_type), step contract, phase pre
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
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_id_new_not_null')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'id_new' AND NOT attisdropped) THEN
        ALTER TABLE "accounts" ADD CONSTRAINT "accounts_id_new_not_null" CHECK ("id_new" IS NOT NULL) NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"accounts"') AND conname = 'accounts_id_new_not_null' AND NOT convalidated) THEN
        ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_id_new_not_null";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    -- An earlier concurrent build failed half-way; IF NOT EXISTS would keep it.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"accounts_pkey_tlswap"') AND NOT indisvalid) THEN
        DROP INDEX "accounts_pkey_tlswap";
    END IF;
END
$tideline$;
DO $tideline$
BEGIN
    -- Once a later release has dropped a column this index needs, the build below goes to an empty
    -- temporary stand-in (pg_temp comes first on the search path) and changes nothing.
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'id_new' AND NOT attisdropped) THEN
        CREATE TEMPORARY TABLE "accounts" ("id" integer, "code" text, "email" varchar(200), "score" integer, "legacy_no" integer, "id_new" bigint, "code_new" integer, "mail" varchar(200));
    END IF;
END
$tideline$;
SET statement_timeout = 0;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "accounts_pkey_tlswap" ON "accounts" ("id_new");
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
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_account_id_fkey_tlswap')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname = 'account_id' AND NOT attisdropped)
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'id_new' AND NOT attisdropped) THEN
        ALTER TABLE "orders" ADD CONSTRAINT "orders_account_id_fkey_tlswap" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id_new") ON DELETE CASCADE NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_account_id_fkey_tlswap' AND NOT convalidated) THEN
        ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_account_id_fkey_tlswap";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_reviewer_id_fkey_tlswap')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"orders"') AND attname = 'reviewer_id' AND NOT attisdropped)
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'id_new' AND NOT attisdropped) THEN
        ALTER TABLE "orders" ADD CONSTRAINT "orders_reviewer_id_fkey_tlswap" FOREIGN KEY ("reviewer_id") REFERENCES "accounts" ("id_new") ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED NOT VALID;
    END IF;
END
$tideline$;
SET statement_timeout = 0;
DO $tideline$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_reviewer_id_fkey_tlswap' AND NOT convalidated) THEN
        ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_reviewer_id_fkey_tlswap";
    END IF;
END
$tideline$;
SET statement_timeout = '5s';
-- One statement, one transaction: the old column and the shadow trade places at once;
-- a rerun finds no shadow and does nothing.
DO $tideline$
DECLARE
    tideline_next_id bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"accounts"') AND attname = 'id_new' AND NOT attisdropped) THEN
        DROP TRIGGER IF EXISTS "tideline_sync_accounts_id_new" ON "accounts";
        -- The identity continues after the last value the old column's sequence gave.
        tideline_next_id := pg_catalog.pg_sequence_last_value(pg_catalog.pg_get_serial_sequence('"accounts"', 'id')::regclass);
        ALTER TABLE "orders" DROP CONSTRAINT IF EXISTS "orders_account_id_fkey";
        ALTER TABLE "orders" DROP CONSTRAINT IF EXISTS "orders_reviewer_id_fkey";
        DROP VIEW IF EXISTS "account_codes", "top_codes";
        ALTER TABLE "accounts" DROP COLUMN "id";
        ALTER TABLE "accounts" RENAME COLUMN "id_new" TO "id";
        CREATE VIEW "account_codes" AS SELECT id, code, score FROM accounts WHERE score >= 0;
        CREATE VIEW "top_codes" AS SELECT code FROM account_codes WHERE id < 100;
        ALTER TABLE "accounts" ALTER COLUMN "id" SET NOT NULL;
        ALTER TABLE "accounts" DROP CONSTRAINT IF EXISTS "accounts_id_new_not_null";
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_account_id_fkey_tlswap') THEN
            ALTER TABLE "orders" RENAME CONSTRAINT "orders_account_id_fkey_tlswap" TO "orders_account_id_fkey";
        END IF;
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"orders"') AND conname = 'orders_reviewer_id_fkey_tlswap') THEN
            ALTER TABLE "orders" RENAME CONSTRAINT "orders_reviewer_id_fkey_tlswap" TO "orders_reviewer_id_fkey";
        END IF;
        IF pg_catalog.to_regclass('"accounts_pkey_tlswap"') IS NOT NULL THEN
            ALTER TABLE "accounts" ADD CONSTRAINT "accounts_pkey" PRIMARY KEY USING INDEX "accounts_pkey_tlswap";
        END IF;
        ALTER TABLE "accounts" ALTER COLUMN "id" ADD GENERATED ALWAYS AS IDENTITY;
        tideline_next_id := GREATEST(tideline_next_id, (SELECT max("id") FROM "accounts"));
        IF tideline_next_id IS NOT NULL THEN
            PERFORM pg_catalog.setval(pg_catalog.pg_get_serial_sequence('"accounts"', 'id'), tideline_next_id);
        END IF;
        COMMENT ON COLUMN "accounts"."id" IS 'the account';
    END IF;
END
$tideline$;
DROP FUNCTION IF EXISTS "tideline_sync_accounts_id_new_aa176113"();
