-- Tideline · plan "Table and view kinds" · release r2 · SQL Server
-- Refactoring events (rename_table), step contract, phase post
-- drop the view under the old name
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DROP VIEW IF EXISTS [dbo].[old_events];
GO
