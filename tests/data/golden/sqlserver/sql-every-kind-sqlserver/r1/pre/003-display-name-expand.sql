-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring display-name (rename_column), step expand, phase pre
-- add the new column (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'display_name') IS NULL
BEGIN
    ALTER TABLE [dbo].[customer] ADD [display_name] nvarchar(100) NULL;
END;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'nickname' AND is_nullable = 0)
BEGIN
    ALTER TABLE [dbo].[customer] ALTER COLUMN [nickname] nvarchar(100) NULL;
END;
GO
