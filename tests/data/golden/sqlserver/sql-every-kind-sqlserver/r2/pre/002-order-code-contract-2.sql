-- Tideline · plan "Every kind (SQL Server)" · release r2 · SQL Server
-- Refactoring order-code (add_column), step contract, phase pre
-- once every running version writes the column: fill rows an older version left NULL, then set the default and NOT NULL
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'code' AND is_nullable = 1)
BEGIN
    ALTER TABLE [dbo].[orders] ALTER COLUMN [code] nvarchar(20) NOT NULL WITH (ONLINE = ON);
END;
GO
