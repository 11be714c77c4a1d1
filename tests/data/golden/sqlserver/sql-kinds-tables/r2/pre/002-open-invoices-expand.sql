-- Tideline · plan "Table and view kinds" · release r2 · SQL Server
-- Refactoring open-invoices (create_view), step expand, phase pre
-- create the view
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF OBJECT_ID(N'[dbo].[open_invoices]') IS NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE VIEW [dbo].[open_invoices] ([invoice], [customer], [total]) AS
SELECT id, customer_id, amount FROM invoice WHERE status = ''open''';
END;
GO
