-- Tideline · plan "Attribute kinds (SQL Server)" · release r2 · SQL Server
-- Refactoring lower-email (raw_sql), step backfill, phase backfill
-- the SQL, with the backfills (run twice: before and after the switch)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

-- user SQL (raw_sql), as the plan gives it. It has no guard: a second run runs it again, so it is re-runnable only as far as the SQL itself is.
UPDATE accounts SET email = lower(email) WHERE email <> lower(email);
GO
