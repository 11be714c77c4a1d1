-- Tideline · plan "PostgreSQL hostile names */ $tideline$ %1" · release r2 · PostgreSQL
-- Refactoring wider-n (change_type), step contract, phase pre
-- swap: drop the trigger and the old column, rename the shadow column to its name; its NOT NULL, default, identity, indexes, keys and constraints (and foreign keys that reference it) come along
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE, NOT in a transaction (no --single-transaction,
-- no BEGIN around it; runInTransaction/executeInTransaction false in Liquibase/Flyway): its statements
-- commit one by one (CREATE INDEX CONCURRENTLY, COMMIT between batches, a validation that must not
-- hold the lock of the statement before it). If it stops, run it again: it resumes.
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
DO $tideline1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND conname = E't */ $tideline$ %1 ''q'' \\b_n\\''_new_not_null')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND attname = E'n\\''_new' AND NOT attisdropped) THEN
        ALTER TABLE "t */ $tideline$ %1 'q' \b" ADD CONSTRAINT "t */ $tideline$ %1 'q' \b_n\'_new_not_null" CHECK ("n\'_new" IS NOT NULL) NOT VALID;
    END IF;
END
$tideline1$;
SET statement_timeout = 0;
DO $tideline1$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND conname = E't */ $tideline$ %1 ''q'' \\b_n\\''_new_not_null' AND NOT convalidated) THEN
        ALTER TABLE "t */ $tideline$ %1 'q' \b" VALIDATE CONSTRAINT "t */ $tideline$ %1 'q' \b_n\'_new_not_null";
    END IF;
END
$tideline1$;
SET statement_timeout = '5s';
DO $tideline$
BEGIN
    -- An earlier concurrent build failed half-way; IF NOT EXISTS would keep it.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"ix ""*/"" %1_tlswap"') AND NOT indisvalid) THEN
        DROP INDEX "ix ""*/"" %1_tlswap";
    END IF;
END
$tideline$;
DO $tideline2$
BEGIN
    -- Once a later release has dropped a column this index needs, the build below goes to an empty
    -- temporary stand-in (pg_temp comes first on the search path) and changes nothing.
    IF NOT (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND attname IN ('x*/y', E'n\\''_new') AND NOT attisdropped) = 2 THEN
        CREATE TEMPORARY TABLE "t */ $tideline$ %1 'q' \b" ("id" integer, "a""b" text, "x*/y" varchar(20), "$tideline1$" text, "%2 %1" integer, "éééééééééééééééééééééééééééééééx" text, "n\'" integer, "y/*x" varchar(20), "n\'_new" bigint, "line $tideline$" text);
    END IF;
END
$tideline2$;
SET statement_timeout = 0;
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ix ""*/"" %1_tlswap" ON "t */ $tideline$ %1 'q' \b" ("n\'_new", "x*/y");
SET statement_timeout = '5s';
DO $tideline1$
BEGIN
    IF pg_catalog.to_regclass(E'pg_temp."t */ $tideline$ %1 ''q'' \\b"') IS NOT NULL THEN
        DROP TABLE pg_temp."t */ $tideline$ %1 'q' \b";
    END IF;
END
$tideline1$;
DO $tideline$
BEGIN
    -- An earlier concurrent build failed half-way; IF NOT EXISTS would keep it.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"ix ""*/"" %1_y/*x_tlswap"') AND NOT indisvalid) THEN
        DROP INDEX "ix ""*/"" %1_y/*x_tlswap";
    END IF;
END
$tideline$;
DO $tideline2$
BEGIN
    -- Once a later release has dropped a column this index needs, the build below goes to an empty
    -- temporary stand-in (pg_temp comes first on the search path) and changes nothing.
    IF NOT (SELECT count(*) FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND attname IN ('y/*x', E'n\\''_new') AND NOT attisdropped) = 2 THEN
        CREATE TEMPORARY TABLE "t */ $tideline$ %1 'q' \b" ("id" integer, "a""b" text, "x*/y" varchar(20), "$tideline1$" text, "%2 %1" integer, "éééééééééééééééééééééééééééééééx" text, "n\'" integer, "y/*x" varchar(20), "n\'_new" bigint, "line $tideline$" text);
    END IF;
END
$tideline2$;
SET statement_timeout = 0;
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ix ""*/"" %1_y/*x_tlswap" ON "t */ $tideline$ %1 'q' \b" ("n\'_new", "y/*x");
SET statement_timeout = '5s';
DO $tideline1$
BEGIN
    IF pg_catalog.to_regclass(E'pg_temp."t */ $tideline$ %1 ''q'' \\b"') IS NOT NULL THEN
        DROP TABLE pg_temp."t */ $tideline$ %1 'q' \b";
    END IF;
END
$tideline1$;
DO $tideline1$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND conname = 'ck %1 ''q''_tlswap')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND attname = E'n\\''_new' AND NOT attisdropped) THEN
        ALTER TABLE "t */ $tideline$ %1 'q' \b" ADD CONSTRAINT "ck %1 'q'_tlswap" CHECK ("n\'_new" >= 0) NOT VALID;
    END IF;
END
$tideline1$;
SET statement_timeout = 0;
DO $tideline1$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND conname = 'ck %1 ''q''_tlswap' AND NOT convalidated) THEN
        ALTER TABLE "t */ $tideline$ %1 'q' \b" VALIDATE CONSTRAINT "ck %1 'q'_tlswap";
    END IF;
END
$tideline1$;
SET statement_timeout = '5s';
-- One statement, one transaction: the old column and the shadow trade places at once;
-- a rerun finds no shadow and does nothing.
DO $tideline1$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND attname = E'n\\''_new' AND NOT attisdropped) THEN
        DROP TRIGGER IF EXISTS "tideline_sync_t */ $tideline$ %1 'q' \b_n\'_new" ON "t */ $tideline$ %1 'q' \b";
        ALTER TABLE "t */ $tideline$ %1 'q' \b" DROP COLUMN "n\'";
        ALTER TABLE "t */ $tideline$ %1 'q' \b" RENAME COLUMN "n\'_new" TO "n\'";
        ALTER TABLE "t */ $tideline$ %1 'q' \b" ALTER COLUMN "n\'" SET NOT NULL;
        ALTER TABLE "t */ $tideline$ %1 'q' \b" DROP CONSTRAINT IF EXISTS "t */ $tideline$ %1 'q' \b_n\'_new_not_null";
        IF pg_catalog.to_regclass('"ix ""*/"" %1_tlswap"') IS NOT NULL THEN
            ALTER INDEX "ix ""*/"" %1_tlswap" RENAME TO "ix ""*/"" %1";
        END IF;
        IF pg_catalog.to_regclass('"ix ""*/"" %1_y/*x_tlswap"') IS NOT NULL THEN
            ALTER INDEX "ix ""*/"" %1_y/*x_tlswap" RENAME TO "ix ""*/"" %1_y/*x";
        END IF;
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND conname = 'ck %1 ''q''_tlswap') THEN
            ALTER TABLE "t */ $tideline$ %1 'q' \b" RENAME CONSTRAINT "ck %1 'q'_tlswap" TO "ck %1 'q'";
        END IF;
    END IF;
END
$tideline1$;
DROP FUNCTION IF EXISTS "tideline_sync_t */ $tideline$ %1 'q' \b_n\'_new_df2a3b18"();
