-- Tideline · plan "Every kind (SQL Server)" · release r2 · SQL Server
-- Refactoring order-code (add_column), step contract, phase pre
-- set NOT NULL once every running version writes the column
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'code' AND is_nullable = 1)
BEGIN
    ALTER TABLE [dbo].[orders] ALTER COLUMN [code] nvarchar(20) NOT NULL WITH (ONLINE = ON);
END;
GO
