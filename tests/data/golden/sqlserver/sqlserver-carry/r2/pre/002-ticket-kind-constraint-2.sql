-- Tideline · plan "Carry (SQL Server)" · release r2 · SQL Server
-- Refactoring ticket-kind (rename_column), step constraint, phase pre
-- give the new column what the old one has: NOT NULL, the default, indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other tables that reference it; then drop those constraints of the old column, which versions that stop writing it must not meet
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Do not wrap it in a transaction: its batches commit on their own (a batched backfill, or an online index build). Re-runnable: a second run, or a run after one stopped midway, does only what is still missing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[ticket]', N'kind') IS NOT NULL AND COL_LENGTH(N'[dbo].[ticket]', N'id') IS NOT NULL AND COL_LENGTH(N'[dbo].[ticket]', N'price') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[ticket]') AND name = N'kind_recent_idx')
BEGIN
    CREATE INDEX [kind_recent_idx] ON [dbo].[ticket] ([kind], [id] DESC) INCLUDE ([price]) WHERE note IS NOT NULL WITH (ONLINE = ON);
END;
GO
