-- Tideline · plan "Key kinds (SQL Server)" · release r2 · SQL Server
-- Refactoring total-check (add_check), step contract, phase pre
-- add the CHECK once every running version honours it, validating existing rows without blocking writes where the engine can
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[orders]', N'total') IS NOT NULL AND OBJECT_ID(N'[dbo].[orders_total_check]') IS NULL
BEGIN
    ALTER TABLE [dbo].[orders] WITH NOCHECK ADD CONSTRAINT [orders_total_check] CHECK (total >= 0);
END;
GO

IF EXISTS (SELECT 1 FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'orders_total_check' AND is_not_trusted = 1)
BEGIN
    EXEC sys.sp_executesql N'IF EXISTS (SELECT 1 FROM [dbo].[orders] WHERE NOT (total >= 0))
BEGIN
    THROW 50000, N''rows of orders break constraint orders_total_check; fix them and run this file again'', 1;
END;';
END;
GO
