-- Tideline · plan "Attribute kinds (SQL Server)" · release r1 · SQL Server
-- Refactoring touch-note (add_procedure_parameter), step expand, phase pre
-- replace the procedure by the one with the new, defaulted parameter (PostgreSQL: the old signature is dropped in the same transaction)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

-- user SQL: the procedure's definition is the plan's own
IF OBJECT_ID(N'[dbo].[touch_account]', N'P') IS NULL OR NOT EXISTS (SELECT 1 FROM sys.parameters WHERE object_id = OBJECT_ID(N'[dbo].[touch_account]', N'P') AND name = N'@p_note')
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER PROCEDURE dbo.touch_account @p_id integer, @p_note nvarchar(max) = NULL
AS
    UPDATE dbo.accounts SET note = coalesce(@p_note, note) WHERE id = @p_id;';
END;
GO
