-- Tideline · plan "Attribute kinds (SQL Server)" · release r1 · SQL Server
-- Refactoring status-default (set_default), step expand, phase pre
-- set the default (metadata only; existing rows keep their values)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DECLARE @tideline_sql nvarchar(max);
IF COL_LENGTH(N'[dbo].[accounts]', N'status') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    SET @tideline_sql = NULL;
    SELECT @tideline_sql = N'ALTER TABLE [dbo].[accounts] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[accounts]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[accounts]'), N'status', 'ColumnId');
    IF @tideline_sql IS NOT NULL
        EXEC sys.sp_executesql @tideline_sql;
    ALTER TABLE [dbo].[accounts] ADD CONSTRAINT [DF_accounts_status] DEFAULT ('pending') FOR [status];
    COMMIT;
END;
GO
