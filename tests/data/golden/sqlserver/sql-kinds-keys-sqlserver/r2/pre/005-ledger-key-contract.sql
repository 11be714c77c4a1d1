-- Tideline · plan "Key kinds (SQL Server)" · release r2 · SQL Server
-- Refactoring ledger-key (add_primary_key), step contract, phase pre
-- make the key columns NOT NULL and add the key online (replacing the old one in the same statement where the engine can)
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[ledger]') AND name = N'entry' AND is_nullable = 1)
BEGIN
    ALTER TABLE [dbo].[ledger] ALTER COLUMN [entry] int NOT NULL WITH (ONLINE = ON);
END;
GO

IF COL_LENGTH(N'[dbo].[ledger]', N'entry') IS NOT NULL AND COL_LENGTH(N'[dbo].[ledger]', N'account') IS NOT NULL AND OBJECT_ID(N'[dbo].[ledger_pkey]') IS NULL
BEGIN
    ALTER TABLE [dbo].[ledger] ADD CONSTRAINT [ledger_pkey] PRIMARY KEY CLUSTERED ([entry], [account]) WITH (ONLINE = ON);
END;
GO
