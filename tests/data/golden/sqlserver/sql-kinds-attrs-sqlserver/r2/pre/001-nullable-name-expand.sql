-- Tideline · plan "Attribute kinds (SQL Server)" · release r2 · SQL Server
-- Refactoring nullable-name (make_nullable), step expand, phase pre
-- drop NOT NULL, once no running version reads the column as always filled
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[accounts]') AND name = N'name' AND is_nullable = 0)
BEGIN
    ALTER TABLE [dbo].[accounts] ALTER COLUMN [name] nvarchar(100) NULL;
END;
GO
