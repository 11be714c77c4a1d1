-- Tideline · plan "Table and view kinds" · release r1 · SQL Server
-- Refactoring emails-with-name (replace_view), step expand, phase pre
-- replace the definition (CREATE OR REPLACE VIEW)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

CREATE OR ALTER VIEW [dbo].[customer_emails] ([id], [email], [name]) AS
SELECT id, email, name FROM customer;
GO
