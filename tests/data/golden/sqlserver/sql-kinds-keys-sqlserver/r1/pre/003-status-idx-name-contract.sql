-- Tideline · plan "Key kinds (SQL Server)" · release r1 · SQL Server
-- Refactoring status-idx-name (rename_index), step contract, phase pre
-- rename the index (nothing when it has the new name already)
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'orders_status_idx')
   AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'orders_by_status')
BEGIN
    EXEC sys.sp_rename N'[dbo].[orders].[orders_status_idx]', N'orders_by_status', N'INDEX';
END;
GO
