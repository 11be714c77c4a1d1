-- Tideline · plan "Key kinds (SQL Server)" · release r3 · SQL Server
-- Refactoring no-region-name-key (drop_constraint), step contract, phase pre
-- drop the constraint once no running version (nor a rollback target) relies on it
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = OBJECT_ID(N'[dbo].[region]') AND name = N'region_name_key')
    ALTER TABLE [dbo].[region] DROP CONSTRAINT [region_name_key];
GO
