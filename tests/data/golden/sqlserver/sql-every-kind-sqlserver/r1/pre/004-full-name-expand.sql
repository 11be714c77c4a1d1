-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring full-name (merge_columns), step expand, phase pre
-- add the merged column (nullable); relax NOT NULL on the old ones
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'full_name') IS NULL
BEGIN
    ALTER TABLE [dbo].[customer] ADD [full_name] nvarchar(256) NULL;
END;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'first_name' AND is_nullable = 0)
BEGIN
    ALTER TABLE [dbo].[customer] ALTER COLUMN [first_name] nvarchar(100) NULL;
END;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'last_name' AND is_nullable = 0)
BEGIN
    ALTER TABLE [dbo].[customer] ALTER COLUMN [last_name] nvarchar(100) NULL;
END;
GO
