-- Tideline · plan "Hostile identifiers" · release r1 · SQL Server
-- Refactoring add-naive (add_column), step expand, phase pre
-- add the column (nullable, or NOT NULL with its constant default)
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[Robert''); DROP TABLE x;--]', N'naïve $$ column') IS NULL
BEGIN
    ALTER TABLE [dbo].[Robert'); DROP TABLE x;--] ADD [naïve $$ column] nvarchar(20) NULL;
END;
GO
