-- Tideline · plan "Table and view kinds" · release r3 · SQL Server
-- Refactoring no-tags (drop_table), step contract, phase post
-- drop the foreign keys that reference it (dropReferencingKeys), then the table
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'customer_tag_fkey')
    ALTER TABLE [dbo].[customer] DROP CONSTRAINT [customer_tag_fkey];
GO

IF OBJECT_ID(N'[dbo].[legacy_tag]', N'U') IS NOT NULL AND COL_LENGTH(N'[dbo].[legacy_tag]', N'id') IS NOT NULL AND COL_LENGTH(N'[dbo].[legacy_tag]', N'label') IS NOT NULL
BEGIN
    DROP TABLE [dbo].[legacy_tag];
END;
GO
