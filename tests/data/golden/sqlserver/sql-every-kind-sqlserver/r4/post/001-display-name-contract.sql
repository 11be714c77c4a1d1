-- Tideline · plan "Every kind (SQL Server)" · release r4 · SQL Server
-- Refactoring display-name (rename_column), step contract, phase post
-- drop the trigger and the old column with its indexes
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DROP TRIGGER IF EXISTS [dbo].[tideline_sync_e6ab08eedca4];
GO

DECLARE @tideline_sql nvarchar(max);
IF COL_LENGTH(N'[dbo].[customer]', N'nickname') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    SET @tideline_sql = NULL;
    SELECT @tideline_sql = N'ALTER TABLE [dbo].[customer] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[customer]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[customer]'), N'nickname', 'ColumnId');
    IF @tideline_sql IS NOT NULL
        EXEC sys.sp_executesql @tideline_sql;
    ALTER TABLE [dbo].[customer] DROP COLUMN [nickname];
    COMMIT;
END;
GO
