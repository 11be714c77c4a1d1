-- Tideline · plan "Hostile identifiers" · release r2 · SQL Server
-- Refactoring require-prenom (rename_column), step expand, phase pre
-- add the new column (nullable); relax NOT NULL on the old one
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[Robert''); DROP TABLE x;--]', N'given name') IS NULL
BEGIN
    ALTER TABLE [dbo].[Robert'); DROP TABLE x;--] ADD [given name] nvarchar(50) NULL;
END;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[Robert''); DROP TABLE x;--]') AND name = N'prénom' AND is_nullable = 0)
BEGIN
    ALTER TABLE [dbo].[Robert'); DROP TABLE x;--] ALTER COLUMN [prénom] nvarchar(50) NULL;
END;
GO
