-- Tideline · plan "Hostile identifiers" · release r3 · SQL Server
-- Refactoring require-prenom (rename_column), step constraint, phase pre
-- set NOT NULL on the new column
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[Robert''); DROP TABLE x;--]') AND name = N'given name' AND is_nullable = 1)
BEGIN
    ALTER TABLE [dbo].[Robert'); DROP TABLE x;--] ALTER COLUMN [given name] nvarchar(50) NOT NULL WITH (ONLINE = ON);
END;
GO
