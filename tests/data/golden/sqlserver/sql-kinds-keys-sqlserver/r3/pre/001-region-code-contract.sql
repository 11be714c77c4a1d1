-- Tideline · plan "Key kinds (SQL Server)" · release r3 · SQL Server
-- Refactoring region-code (add_unique), step contract, phase pre
-- add the UNIQUE constraint online once every running version honours it
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[region]', N'code') IS NOT NULL AND OBJECT_ID(N'[dbo].[region_code_key]') IS NULL
BEGIN
    ALTER TABLE [dbo].[region] ADD CONSTRAINT [region_code_key] UNIQUE NONCLUSTERED ([code]) WITH (ONLINE = ON);
END;
GO
