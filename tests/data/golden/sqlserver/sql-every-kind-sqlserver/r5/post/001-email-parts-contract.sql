-- Tideline · plan "Every kind (SQL Server)" · release r5 · SQL Server
-- Refactoring email-parts (split_column), step contract, phase post
-- drop the triggers and the old column
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DROP TRIGGER IF EXISTS [dbo].[tideline_sync_d9b3ca94f0f9];
GO

DROP TRIGGER IF EXISTS [dbo].[tideline_sync_333af9abd850];
GO

DECLARE @tideline_sql nvarchar(max);
IF COL_LENGTH(N'[dbo].[customer]', N'email') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    SET @tideline_sql = NULL;
    SELECT @tideline_sql = N'ALTER TABLE [dbo].[customer] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[customer]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[customer]'), N'email', 'ColumnId');
    IF @tideline_sql IS NOT NULL
        EXEC sys.sp_executesql @tideline_sql;
    ALTER TABLE [dbo].[customer] DROP COLUMN [email];
    COMMIT;
END;
GO
