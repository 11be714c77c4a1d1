-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring order-code (add_column), step expand, phase pre
-- add the column (nullable, or NOT NULL with its constant default)
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[orders]', N'code') IS NULL
BEGIN
    ALTER TABLE [dbo].[orders] ADD [code] nvarchar(20) NULL;
END;
GO
