-- Tideline · plan "Key kinds (SQL Server)" · release r3 · SQL Server
-- Refactoring status-check-name (rename_constraint), step contract, phase pre
-- rename the constraint (nothing when it has the new name already)
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'orders_status_check')
   AND OBJECT_ID(N'[dbo].[orders_status_given]') IS NULL
BEGIN
    EXEC sys.sp_rename N'[dbo].[orders_status_check]', N'orders_status_given', N'OBJECT';
END;
GO
