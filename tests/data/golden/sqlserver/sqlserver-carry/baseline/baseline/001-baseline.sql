-- Tideline · plan "Carry (SQL Server)" · release baseline · SQL Server
-- Baseline schema S_0
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF OBJECT_ID(N'[dbo].[invoice_number_seq]', N'SO') IS NULL
BEGIN
    CREATE SEQUENCE [dbo].[invoice_number_seq] AS bigint START WITH 1000 INCREMENT BY 5;
END;
GO

DECLARE @tideline_comment nvarchar(4000);
IF OBJECT_ID(N'[dbo].[invoice]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[invoice] (
        [id] int IDENTITY(1,1) NOT NULL,
        [number] bigint NOT NULL CONSTRAINT [DF_invoice_number] DEFAULT (NEXT VALUE FOR [dbo].[invoice_number_seq]),
        [amount] decimal(10,2) NOT NULL CONSTRAINT [DF_invoice_amount] DEFAULT (0),
        [memo] nvarchar(max) NULL,
        [status] nvarchar(4) NULL CONSTRAINT [DF_invoice_status] DEFAULT ('open') CONSTRAINT [invoice_status_enum] CHECK ([status] IN (N'open', N'paid', N'void')),
        CONSTRAINT [PK_invoice] PRIMARY KEY CLUSTERED ([id]),
        CONSTRAINT [amount_positive] CHECK (amount >= 0)
    );
    SET @tideline_comment = N'in euros';
    IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[dbo].[invoice]') AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[invoice]'), N'amount', 'ColumnId') AND name = N'MS_Description')
        EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'invoice', @level2type = N'COLUMN', @level2name = N'amount';
    ELSE
        EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'invoice', @level2type = N'COLUMN', @level2name = N'amount';
END;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[invoice]') AND name = N'invoice_amount_idx')
BEGIN
    CREATE INDEX [invoice_amount_idx] ON [dbo].[invoice] ([amount]);
END;
GO

IF OBJECT_ID(N'[dbo].[legacy]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[legacy] (
        [id] int IDENTITY(1,1) NOT NULL,
        [payload] nvarchar(max) NULL,
        CONSTRAINT [PK_legacy] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO

DECLARE @tideline_comment nvarchar(4000);
IF OBJECT_ID(N'[dbo].[ticket]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[ticket] (
        [id] int IDENTITY(1,1) NOT NULL,
        [ticket_type] nvarchar(255) COLLATE Latin1_General_CS_AS NOT NULL CONSTRAINT [DF_ticket_ticket_type] DEFAULT ('paper'),
        [price] decimal(10,2) NOT NULL CONSTRAINT [DF_ticket_price] DEFAULT (0),
        [price_with_tax] AS (price * 1.2) PERSISTED,
        [note] nvarchar(max) NULL,
        CONSTRAINT [PK_ticket] PRIMARY KEY CLUSTERED ([id]),
        CONSTRAINT [ticket_type_key] UNIQUE NONCLUSTERED ([ticket_type]),
        CONSTRAINT [ticket_type_known] CHECK (ticket_type IN ('paper', 'mobile')),
        CONSTRAINT [price_positive] CHECK (price >= 0)
    );
    SET @tideline_comment = N'Tickets sold' + NCHAR(10) + N'GO' + NCHAR(10) + N'at the gate';
    IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[dbo].[ticket]') AND minor_id = 0 AND name = N'MS_Description')
        EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'ticket';
    ELSE
        EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'ticket';
    SET @tideline_comment = N'how the ticket was issued';
    IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[dbo].[ticket]') AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[ticket]'), N'ticket_type', 'ColumnId') AND name = N'MS_Description')
        EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'ticket', @level2type = N'COLUMN', @level2name = N'ticket_type';
    ELSE
        EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'ticket', @level2type = N'COLUMN', @level2name = N'ticket_type';
END;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[ticket]') AND name = N'ticket_type_recent_idx')
BEGIN
    CREATE INDEX [ticket_type_recent_idx] ON [dbo].[ticket] ([ticket_type], [id] DESC) INCLUDE ([price]) WHERE note IS NOT NULL;
END;
GO

IF OBJECT_ID(N'[dbo].[ticket_label]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[ticket_label] (
        [id] int IDENTITY(1,1) NOT NULL,
        [ticket_type] nvarchar(255) COLLATE Latin1_General_CS_AS NOT NULL,
        [label] nvarchar(max) NULL,
        CONSTRAINT [PK_ticket_label] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO

IF OBJECT_ID(N'[dbo].[ticket_scan]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[ticket_scan] (
        [id] bigint IDENTITY(1,1) NOT NULL,
        [ticket_id] int NOT NULL,
        [scanned_at] datetimeoffset NOT NULL CONSTRAINT [DF_ticket_scan_scanned_at] DEFAULT (SYSDATETIMEOFFSET()),
        CONSTRAINT [PK_ticket_scan] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO

IF OBJECT_ID(N'[dbo].[label_ticket_type_fkey]') IS NULL
BEGIN
    ALTER TABLE [dbo].[ticket_label] ADD CONSTRAINT [label_ticket_type_fkey] FOREIGN KEY ([ticket_type]) REFERENCES [dbo].[ticket] ([ticket_type]);
END;
GO

IF OBJECT_ID(N'[dbo].[tideline_c_b9b2ea763c4a]') IS NULL
BEGIN
    ALTER TABLE [dbo].[ticket_scan] ADD CONSTRAINT [tideline_c_b9b2ea763c4a] FOREIGN KEY ([ticket_id]) REFERENCES [dbo].[ticket] ON DELETE CASCADE;
END;
GO

IF OBJECT_ID(N'[dbo].[legacy_touch]', N'TR') IS NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE TRIGGER [dbo].[legacy_touch] ON [dbo].[legacy]
AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    PRINT N''it''''s touched'';
END;';
END;
GO
