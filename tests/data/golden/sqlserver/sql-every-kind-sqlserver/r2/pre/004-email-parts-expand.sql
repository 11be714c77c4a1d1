-- Tideline · plan "Every kind (SQL Server)" · release r2 · SQL Server
-- Refactoring email-parts (split_column), step expand, phase pre
-- add the new columns (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'email_head') IS NULL
BEGIN
    ALTER TABLE [dbo].[customer] ADD [email_head] nvarchar(3) NULL;
END;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'email_lower') IS NULL
BEGIN
    ALTER TABLE [dbo].[customer] ADD [email_lower] nvarchar(255) NULL;
END;
GO
