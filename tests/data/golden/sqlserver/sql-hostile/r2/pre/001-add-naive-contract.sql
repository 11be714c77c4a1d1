-- Tideline · plan "Hostile identifiers" · release r2 · SQL Server
-- Refactoring add-naive (add_column), step contract, phase pre
-- set NOT NULL once every running version writes the column
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[Robert''); DROP TABLE x;--]') AND name = N'naïve $$ column' AND is_nullable = 1)
BEGIN
    ALTER TABLE [dbo].[Robert'); DROP TABLE x;--] ALTER COLUMN [naïve $$ column] nvarchar(20) NOT NULL WITH (ONLINE = ON);
END;
GO
