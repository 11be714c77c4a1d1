-- Tideline · plan "PostgreSQL hostile names */ $tideline$ %1" · release r2 · PostgreSQL
-- Refactoring rename-weird (rename_column), step constraint, phase pre
-- give the new column what the old one has: NOT NULL, the default, indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other tables that reference it; then drop those constraints of the old column, which versions that stop writing it must not meet
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
    -- An earlier concurrent build failed half-way; IF NOT EXISTS would keep it.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = pg_catalog.to_regclass('"uq */ $tideline$_y/*x"') AND NOT indisvalid) THEN
        DROP INDEX "uq */ $tideline$_y/*x";
    END IF;
END
$tideline1$;
DO $tideline2$
BEGIN
    -- Once a later release has dropped a column this index needs, the build below goes to an empty
    -- temporary stand-in (pg_temp comes first on the search path) and changes nothing.
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND attname = 'y/*x' AND NOT attisdropped) THEN
        CREATE TEMPORARY TABLE "t */ $tideline$ %1 'q' \b" ("id" integer, "a""b" text, "x*/y" varchar(20), "$tideline1$" text, "%2 %1" integer, "éééééééééééééééééééééééééééééééx" text, "n\'" integer, "y/*x" varchar(20), "n\'_new" bigint, "line $tideline$" text);
    END IF;
END
$tideline2$;
SET statement_timeout = 0;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "uq */ $tideline$_y/*x" ON "t */ $tideline$ %1 'q' \b" ("y/*x");
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
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass(E'"t */ $tideline$ %1 ''q'' \\b"') AND conname = 'uq */ $tideline$_y/*x') AND pg_catalog.to_regclass('"uq */ $tideline$_y/*x"') IS NOT NULL THEN
        ALTER TABLE "t */ $tideline$ %1 'q' \b" ADD CONSTRAINT "uq */ $tideline$_y/*x" UNIQUE USING INDEX "uq */ $tideline$_y/*x";
    END IF;
END
$tideline1$;
