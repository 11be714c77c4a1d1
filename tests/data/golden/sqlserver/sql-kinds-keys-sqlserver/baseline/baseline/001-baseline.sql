-- Tideline · plan "Key kinds (SQL Server)" · release baseline · SQL Server
-- Baseline schema S_0
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF OBJECT_ID(N'[dbo].[customer]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[customer] (
        [id] int IDENTITY(1,1) NOT NULL,
        [email] nvarchar(255) NULL,
        [code] nvarchar(20) NOT NULL,
        [score] int NOT NULL CONSTRAINT [DF_customer_score] DEFAULT (0),
        [region_id] int NULL,
        [note] nvarchar(200) NULL,
        CONSTRAINT [customer_pkey] PRIMARY KEY CLUSTERED ([id]),
        CONSTRAINT [customer_code_key] UNIQUE NONCLUSTERED ([code]),
        CONSTRAINT [customer_score_check] CHECK (score >= 0)
    );
END;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'customer_region_idx')
BEGIN
    CREATE INDEX [customer_region_idx] ON [dbo].[customer] ([region_id]);
END;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'customer_note_idx')
BEGIN
    CREATE INDEX [customer_note_idx] ON [dbo].[customer] ([note]);
END;
GO

IF OBJECT_ID(N'[dbo].[ledger]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[ledger] (
        [entry] int NULL,
        [account] nvarchar(20) NOT NULL,
        [amount] int NULL
    );
END;
GO

IF OBJECT_ID(N'[dbo].[orders]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[orders] (
        [id] int IDENTITY(1,1) NOT NULL,
        [customer_id] int NOT NULL,
        [total] decimal(10,2) NULL,
        [status] nvarchar(20) NULL,
        CONSTRAINT [orders_pkey] PRIMARY KEY CLUSTERED ([id]),
        CONSTRAINT [orders_status_check] CHECK (status <> '')
    );
END;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[orders]') AND name = N'orders_status_idx')
BEGIN
    CREATE INDEX [orders_status_idx] ON [dbo].[orders] ([status]);
END;
GO

IF OBJECT_ID(N'[dbo].[region]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[region] (
        [id] int IDENTITY(1,1) NOT NULL,
        [name] nvarchar(100) NOT NULL,
        [code] nvarchar(10) NOT NULL,
        CONSTRAINT [region_pkey] PRIMARY KEY CLUSTERED ([id]),
        CONSTRAINT [region_name_key] UNIQUE NONCLUSTERED ([name])
    );
END;
GO

IF OBJECT_ID(N'[dbo].[customer_region_fkey]') IS NULL
BEGIN
    ALTER TABLE [dbo].[customer] ADD CONSTRAINT [customer_region_fkey] FOREIGN KEY ([region_id]) REFERENCES [dbo].[region] ([id]) ON DELETE SET NULL;
END;
GO
