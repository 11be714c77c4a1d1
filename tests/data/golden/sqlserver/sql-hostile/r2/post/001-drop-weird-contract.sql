-- Tideline · plan "Hostile identifiers" · release r2 · SQL Server
-- Refactoring drop-weird (drop_column), step contract, phase post
-- drop the column
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[Robert''); DROP TABLE x;--]', N'we"ird`]') IS NOT NULL
BEGIN
    DECLARE @tideline_drop nvarchar(max);
    SELECT @tideline_drop = N'ALTER TABLE [dbo].[Robert''); DROP TABLE x;--] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[Robert''); DROP TABLE x;--]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[Robert''); DROP TABLE x;--]'), N'we"ird`]', 'ColumnId');
    IF @tideline_drop IS NOT NULL
        EXEC sys.sp_executesql @tideline_drop;
    ALTER TABLE [dbo].[Robert'); DROP TABLE x;--] DROP COLUMN [we"ird`]]];
END;
GO
