-- Tideline · plan "Table and view kinds" · release r1 · SQL Server
-- Refactoring events (rename_table), step expand, phase pre
-- rename the table and, in the same transaction, create a view of all its columns under the old name
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

-- One transaction: the table takes its new name and the old name becomes a view over it
-- (simple views take inserts, updates and deletes), so versions that use the old name
-- keep working. A re-run finds the view, or after the contract nothing, and does nothing.
IF OBJECT_ID(N'[dbo].[old_events]', N'U') IS NOT NULL AND OBJECT_ID(N'[dbo].[events]') IS NULL
BEGIN
    BEGIN TRANSACTION;
    EXEC sys.sp_rename @objname = N'[dbo].[old_events]', @newname = N'events', @objtype = N'OBJECT';
    EXEC sys.sp_executesql N'CREATE VIEW [dbo].[old_events] ([id], [customer_id], [kind], [body]) AS
SELECT [id], [customer_id], [kind], [body] FROM [dbo].[events]';
    COMMIT;
END;
GO
