-- Tideline · plan "Key kinds (SQL Server)" · release r2 · SQL Server
-- Refactoring no-note-idx (drop_index), step contract, phase pre
-- drop the index once no running version (nor a rollback target) relies on it
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'customer_note_idx')
    DROP INDEX [customer_note_idx] ON [dbo].[customer];
GO
