-- Tideline · plan "Table and view kinds" · release r1 · SQL Server
-- Refactoring invoices (create_table), step expand, phase pre
-- create the table with its keys, constraints and foreign keys
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DECLARE @tideline_comment nvarchar(4000);
IF OBJECT_ID(N'[dbo].[invoice]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[invoice] (
        [id] bigint IDENTITY(1,1) NOT NULL,
        [customer_id] int NOT NULL,
        [code] nvarchar(20) NOT NULL,
        [amount] decimal(12,2) NOT NULL CONSTRAINT [DF_invoice_amount] DEFAULT (0.00),
        [status] nvarchar(10) NOT NULL CONSTRAINT [DF_invoice_status] DEFAULT ('open'),
        [note] nvarchar(max) NULL,
        CONSTRAINT [invoice_pkey] PRIMARY KEY CLUSTERED ([id]),
        CONSTRAINT [invoice_code_key] UNIQUE NONCLUSTERED ([code]),
        CONSTRAINT [invoice_amount_check] CHECK (amount >= 0),
        CONSTRAINT [invoice_customer_id_fkey] FOREIGN KEY ([customer_id]) REFERENCES [dbo].[customer] ([id]) ON DELETE CASCADE
    );
    SET @tideline_comment = N'free text';
    IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[dbo].[invoice]') AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[invoice]'), N'note', 'ColumnId') AND name = N'MS_Description')
        EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'invoice', @level2type = N'COLUMN', @level2name = N'note';
    ELSE
        EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'invoice', @level2type = N'COLUMN', @level2name = N'note';
END;
GO
