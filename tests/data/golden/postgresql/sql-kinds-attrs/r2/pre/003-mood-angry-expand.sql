-- Tideline · plan "Attribute kinds (PostgreSQL)" · release r2 · PostgreSQL
-- Refactoring mood-angry (add_enum_value), step expand, phase pre
-- add the value (PostgreSQL: outside a transaction; MySQL: in place when it goes last)
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE, NOT in a transaction (no --single-transaction,
-- no BEGIN around it; runInTransaction/executeInTransaction false in Liquibase/Flyway): its statements
-- commit one by one (CREATE INDEX CONCURRENTLY, COMMIT between batches, a validation that must not
-- hold the lock of the statement before it). If it stops, run it again: it resumes.
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'angry' AFTER 'sad';
