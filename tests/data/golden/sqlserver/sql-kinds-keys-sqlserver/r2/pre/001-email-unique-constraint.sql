-- Tideline · plan "Key kinds (SQL Server)" · release r2 · SQL Server
-- Refactoring email-unique (add_index), step constraint, phase pre
-- build the unique index online once every running version writes no duplicates
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Do not wrap it in a transaction: its batches commit on their own (a batched backfill, or an online index build). Re-runnable: a second run, or a run after one stopped midway, does only what is still missing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'email') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'customer_email_uidx')
BEGIN
    CREATE UNIQUE INDEX [customer_email_uidx] ON [dbo].[customer] ([email]) WHERE email IS NOT NULL WITH (ONLINE = ON);
END;
GO
