-- Tideline · plan "Every kind (SQL Server)" · release r2 · SQL Server
-- Refactoring wider-total (change_type), step contract, phase pre
-- swap: drop the old column, rename the shadow column to its name, drop the trigger
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[orders]', N'total_new') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    DROP TRIGGER IF EXISTS [dbo].[tideline_sync_d443f26ab969];
    DECLARE @tideline_drop nvarchar(max);
    SELECT @tideline_drop = N'ALTER TABLE [dbo].[orders] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[orders]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[orders]'), N'total', 'ColumnId');
    IF @tideline_drop IS NOT NULL
        EXEC sys.sp_executesql @tideline_drop;
    ALTER TABLE [dbo].[orders] DROP COLUMN [total];
    EXEC sys.sp_rename N'[dbo].[orders].[total_new]', N'total', N'COLUMN';
    ALTER TABLE [dbo].[orders] ALTER COLUMN [total] decimal(12,2) NULL;
    COMMIT;
END;
GO
