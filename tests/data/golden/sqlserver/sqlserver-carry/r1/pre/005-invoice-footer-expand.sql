-- Tideline · plan "Carry (SQL Server)" · release r1 · SQL Server
-- Refactoring invoice-footer (add_column), step expand, phase pre
-- add the column: bare when a backfill is given (a default would hide it), else nullable or NOT NULL with its constant default
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[invoice]', N'footer') IS NULL
BEGIN
    ALTER TABLE [dbo].[invoice] ADD [footer] nvarchar(max) NULL;
END;
GO
