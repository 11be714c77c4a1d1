-- Tideline · plan "Carry (SQL Server)" · release r2 · SQL Server
-- Refactoring shorter-note (change_type), step contract, phase pre
-- swap: drop the trigger and the old column, rename the shadow column to its name; its NOT NULL, default, identity, indexes, keys and constraints (and foreign keys that reference it) come along
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Do not wrap it in a transaction: its batches commit on their own (a batched backfill, or an online index build). Re-runnable: a second run, or a run after one stopped midway, does only what is still missing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[ticket]', N'note_new') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[ticket]') AND name = N'tideline_swap_99a1c230dd11')
BEGIN
    CREATE INDEX [tideline_swap_99a1c230dd11] ON [dbo].[ticket] ([kind], [id] DESC) INCLUDE ([price]) WHERE note_new IS NOT NULL WITH (ONLINE = ON);
END;
GO
