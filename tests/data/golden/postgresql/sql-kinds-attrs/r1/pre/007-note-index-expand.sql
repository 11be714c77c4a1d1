-- Tideline · plan "Attribute kinds (PostgreSQL)" · release r1 · PostgreSQL
-- Refactoring note-index (raw_sql), step expand, phase pre
-- the SQL, before the switch
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE, NOT in a transaction (no --single-transaction,
-- no BEGIN around it; runInTransaction/executeInTransaction false in Liquibase/Flyway): its statements
-- commit one by one (CREATE INDEX CONCURRENTLY, COMMIT between batches, a validation that must not
-- hold the lock of the statement before it). If it stops, run it again: it resumes.
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- user SQL (raw_sql), as the plan gives it. It has no guard: a second run runs it again, so it is re-runnable only as far as the SQL itself is.
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_note_idx ON accounts (note);
