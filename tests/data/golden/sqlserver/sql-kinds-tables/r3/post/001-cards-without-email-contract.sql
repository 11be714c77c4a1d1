-- Tideline · plan "Table and view kinds" · release r3 · SQL Server
-- Refactoring cards-without-email (replace_view), step contract, phase post
-- replace the definition, without the dropped columns
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

CREATE OR ALTER VIEW [dbo].[customer_cards] ([id], [name]) AS
SELECT id, name FROM customer;
GO
