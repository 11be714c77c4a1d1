-- Tideline · plan "Attribute kinds (SQLite)" · release r1 · SQLite
-- Refactoring empty-entries (raw_sql), step expand, phase pre
-- the SQL, before the switch
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again, now or after later releases, changes nothing.
PRAGMA busy_timeout = 5000;
-- user SQL (raw_sql), as the plan gives it. It has no guard: a second run runs it again, so it is re-runnable only as far as the SQL itself is.
BEGIN IMMEDIATE;
DELETE FROM audit_log WHERE entry = '';
COMMIT;
