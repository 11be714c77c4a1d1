-- Tideline · plan "Every kind (SQL Server)" · release r2 · SQL Server
-- Refactoring display-name (rename_column), step constraint, phase pre
-- set NOT NULL on the new column
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'display_name' AND is_nullable = 1)
BEGIN
    ALTER TABLE [dbo].[customer] ALTER COLUMN [display_name] nvarchar(100) NOT NULL WITH (ONLINE = ON);
END;
GO
