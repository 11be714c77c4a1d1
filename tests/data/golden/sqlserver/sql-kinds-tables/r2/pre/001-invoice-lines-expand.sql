-- Tideline · plan "Table and view kinds" · release r2 · SQL Server
-- Refactoring invoice-lines (create_table), step expand, phase pre
-- create the table with its keys, constraints and foreign keys
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF OBJECT_ID(N'[dbo].[invoice_line]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[invoice_line] (
        [invoice_id] bigint NOT NULL,
        [line_no] int NOT NULL,
        [label] nvarchar(80) NOT NULL,
        [qty] int NOT NULL CONSTRAINT [DF_invoice_line_qty] DEFAULT (1),
        CONSTRAINT [invoice_line_pkey] PRIMARY KEY CLUSTERED ([invoice_id], [line_no]),
        CONSTRAINT [invoice_line_qty_check] CHECK (qty > 0),
        CONSTRAINT [invoice_line_invoice_id_fkey] FOREIGN KEY ([invoice_id]) REFERENCES [dbo].[invoice] ([id]) ON DELETE CASCADE
    );
END;
GO
