-- Tideline · plan "Hostile identifiers" · release r1 · SQL Server
-- Refactoring rename-select (rename_column), step expand, phase pre
-- add the new column (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[Robert''); DROP TABLE x;--]', N'from') IS NULL
BEGIN
    ALTER TABLE [dbo].[Robert'); DROP TABLE x;--] ADD [from] nvarchar(max) NULL;
END;
GO
