-- Tideline · plan "Every kind (SQL Server)" · release r3 · SQL Server
-- Refactoring note-required (set_not_null), step contract, phase pre
-- set NOT NULL (online: CHECK NOT VALID, VALIDATE, SET NOT NULL where the engine has them)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'note' AND is_nullable = 1)
BEGIN
    ALTER TABLE [dbo].[orders] ALTER COLUMN [note] nvarchar(max) NOT NULL WITH (ONLINE = ON);
END;
GO
