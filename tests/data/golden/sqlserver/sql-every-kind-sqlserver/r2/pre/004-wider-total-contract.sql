-- Tideline · plan "Every kind (SQL Server)" · release r2 · SQL Server
-- Refactoring wider-total (change_type), step contract, phase pre
-- swap: drop the trigger and the old column, rename the shadow column to its name; its NOT NULL, default, identity, indexes, keys and constraints (and foreign keys that reference it) come along
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DECLARE @tideline_sql nvarchar(max);
IF COL_LENGTH(N'[dbo].[orders]', N'total_new') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    DROP TRIGGER IF EXISTS [dbo].[tideline_sync_d443f26ab969];
    SET @tideline_sql = NULL;
    SELECT @tideline_sql = N'ALTER TABLE [dbo].[orders] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[orders]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[orders]'), N'total', 'ColumnId');
    IF @tideline_sql IS NOT NULL
        EXEC sys.sp_executesql @tideline_sql;
    ALTER TABLE [dbo].[orders] DROP COLUMN [total];
    EXEC sys.sp_rename N'[dbo].[orders].[total_new]', N'total', N'COLUMN';
    IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[dbo].[orders]') AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[orders]'), N'total', 'ColumnId') AND name = N'MS_Description')
        EXEC sys.sp_dropextendedproperty @name = N'MS_Description', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'orders', @level2type = N'COLUMN', @level2name = N'total';
    COMMIT;
END;
GO
