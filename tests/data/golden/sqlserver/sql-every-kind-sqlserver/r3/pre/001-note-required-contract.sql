-- Tideline · plan "Every kind (SQL Server)" · release r3 · SQL Server
-- Refactoring note-required (set_not_null), step contract, phase pre
-- set NOT NULL (online: CHECK NOT VALID, VALIDATE, SET NOT NULL where the engine has them)
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'note' AND is_nullable = 1)
BEGIN
    ALTER TABLE [dbo].[orders] ALTER COLUMN [note] nvarchar(max) NOT NULL WITH (ONLINE = ON);
END;
GO
