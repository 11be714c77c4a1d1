-- Tideline · plan "Key kinds (SQL Server)" · release r3 · SQL Server
-- Refactoring orders-key (add_primary_key), step contract, phase pre
-- make the key columns NOT NULL and add the key online (replacing the old one in the same statement where the engine can)
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[orders]', N'id') IS NOT NULL AND COL_LENGTH(N'[dbo].[orders]', N'customer_id') IS NOT NULL AND OBJECT_ID(N'[dbo].[orders_id_customer_id_pkey]') IS NULL
BEGIN
    IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'orders_pkey')
        ALTER TABLE [dbo].[orders] DROP CONSTRAINT [orders_pkey] WITH (ONLINE = ON);
    ALTER TABLE [dbo].[orders] ADD CONSTRAINT [orders_id_customer_id_pkey] PRIMARY KEY CLUSTERED ([id], [customer_id]) WITH (ONLINE = ON);
END;
GO
