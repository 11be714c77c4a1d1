-- Tideline · plan "Attribute kinds (PostgreSQL)" · release r2 · PostgreSQL
-- Refactoring raw-review (raw_sql), step post, phase post
-- the SQL, after the switch
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- user SQL (raw_sql), as the plan gives it; skipped once its guard returns a row.
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_log WHERE entry LIKE 'accounts reviewed%') THEN
        EXECUTE 'INSERT INTO audit_log (entry) VALUES (''accounts reviewed'');
UPDATE accounts SET note = ''it''''s reviewed'' WHERE note IS NULL;';
    END IF;
END
$tideline$;
