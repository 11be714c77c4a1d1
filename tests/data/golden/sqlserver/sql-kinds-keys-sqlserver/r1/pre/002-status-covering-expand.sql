-- Tideline · plan "Key kinds (SQL Server)" · release r1 · SQL Server
-- Refactoring status-covering (add_index), step expand, phase pre
-- build the index online, outside a transaction
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Do not wrap it in a transaction: its batches commit on their own (a batched backfill, or an online index build). Re-runnable: a second run, or a run after one stopped midway, does only what is still missing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[orders]', N'status') IS NOT NULL AND COL_LENGTH(N'[dbo].[orders]', N'total') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'orders_status_total_idx')
BEGIN
    CREATE INDEX [orders_status_total_idx] ON [dbo].[orders] ([status]) INCLUDE ([total]) WHERE status IS NOT NULL WITH (ONLINE = ON);
END;
GO
