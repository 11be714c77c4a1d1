-- Tideline · plan "Every kind (SQL Server)" · release r3 · SQL Server
-- Refactoring full-name (merge_columns), step contract, phase post
-- drop the old columns
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'first_name') IS NOT NULL
BEGIN
    DECLARE @tideline_drop nvarchar(max);
    SELECT @tideline_drop = N'ALTER TABLE [dbo].[customer] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[customer]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[customer]'), N'first_name', 'ColumnId');
    IF @tideline_drop IS NOT NULL
        EXEC sys.sp_executesql @tideline_drop;
    ALTER TABLE [dbo].[customer] DROP COLUMN [first_name];
END;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'last_name') IS NOT NULL
BEGIN
    DECLARE @tideline_drop nvarchar(max);
    SELECT @tideline_drop = N'ALTER TABLE [dbo].[customer] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[customer]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[customer]'), N'last_name', 'ColumnId');
    IF @tideline_drop IS NOT NULL
        EXEC sys.sp_executesql @tideline_drop;
    ALTER TABLE [dbo].[customer] DROP COLUMN [last_name];
END;
GO
