-- Tideline · plan "Attribute kinds (SQLite)" · release r2 · SQLite
-- Refactoring lower-email (raw_sql), step backfill, phase backfill
-- the SQL, with the backfills (run twice: before and after the switch)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again, now or after later releases, changes nothing.
PRAGMA busy_timeout = 5000;
-- user SQL (raw_sql), as the plan gives it. It has no guard: a second run runs it again, so it is re-runnable only as far as the SQL itself is.
BEGIN IMMEDIATE;
UPDATE accounts SET email = lower(email) WHERE email <> lower(email);
COMMIT;
