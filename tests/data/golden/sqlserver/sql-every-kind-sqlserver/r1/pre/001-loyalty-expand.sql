-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring loyalty (add_column), step expand, phase pre
-- add the column (nullable, or NOT NULL with its constant default)
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'loyalty_points') IS NULL
BEGIN
    ALTER TABLE [dbo].[customer] ADD [loyalty_points] int NOT NULL CONSTRAINT [DF_customer_loyalty_points] DEFAULT (0);
END;
GO
