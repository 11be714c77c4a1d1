-- Tideline · plan "Every kind (SQL Server)" · release r2 · SQL Server
-- Refactoring no-phone (drop_column), step contract, phase post
-- drop the column
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'phone') IS NOT NULL
BEGIN
    DECLARE @tideline_drop nvarchar(max);
    SELECT @tideline_drop = N'ALTER TABLE [dbo].[customer] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[customer]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[customer]'), N'phone', 'ColumnId');
    IF @tideline_drop IS NOT NULL
        EXEC sys.sp_executesql @tideline_drop;
    ALTER TABLE [dbo].[customer] DROP COLUMN [phone];
END;
GO
