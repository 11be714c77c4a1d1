-- Tideline · plan "Every kind (SQL Server)" · release r2 · SQL Server
-- Refactoring display-name (rename_column), step constraint, phase pre
-- give the new column what the old one has: NOT NULL, the default, indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other tables that reference it; then drop those constraints of the old column, which versions that stop writing it must not meet
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'display_name' AND is_nullable = 1)
BEGIN
    ALTER TABLE [dbo].[customer] ALTER COLUMN [display_name] nvarchar(100) NOT NULL WITH (ONLINE = ON);
END;
GO
