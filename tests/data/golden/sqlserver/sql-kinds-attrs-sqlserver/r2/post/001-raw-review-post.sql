-- Tideline · plan "Attribute kinds (SQL Server)" · release r2 · SQL Server
-- Refactoring raw-review (raw_sql), step post, phase post
-- the SQL, after the switch
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

-- user SQL (raw_sql), as the plan gives it; skipped once its guard returns a row.
IF NOT EXISTS (SELECT 1 FROM audit_log WHERE entry LIKE 'accounts reviewed%')
BEGIN
    EXEC sys.sp_executesql N'INSERT INTO audit_log (entry) VALUES (''accounts reviewed'');
UPDATE accounts SET note = ''it''''s reviewed'' WHERE note IS NULL;';
END;
GO
