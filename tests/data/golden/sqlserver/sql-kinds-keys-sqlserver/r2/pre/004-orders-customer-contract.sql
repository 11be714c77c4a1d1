-- Tideline · plan "Key kinds (SQL Server)" · release r2 · SQL Server
-- Refactoring orders-customer (add_foreign_key), step contract, phase pre
-- add the foreign key once every running version honours it, validating existing rows without blocking writes where the engine can
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[orders]', N'customer_id') IS NOT NULL AND OBJECT_ID(N'[dbo].[orders_customer_id_fkey]') IS NULL
BEGIN
    ALTER TABLE [dbo].[orders] WITH NOCHECK ADD CONSTRAINT [orders_customer_id_fkey] FOREIGN KEY ([customer_id]) REFERENCES [dbo].[customer] ([id]) ON DELETE CASCADE;
END;
GO

IF EXISTS (SELECT 1 FROM sys.foreign_keys WHERE parent_object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'orders_customer_id_fkey' AND is_not_trusted = 1)
BEGIN
    EXEC sys.sp_executesql N'IF EXISTS (SELECT 1 FROM [dbo].[orders] AS tideline_child WHERE tideline_child.[customer_id] IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM [dbo].[customer] AS tideline_parent WHERE tideline_parent.[id] = tideline_child.[customer_id]))
BEGIN
    THROW 50000, N''rows of orders break constraint orders_customer_id_fkey; fix them and run this file again'', 1;
END;';
END;
GO
