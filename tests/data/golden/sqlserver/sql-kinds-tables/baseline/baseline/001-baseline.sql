-- Tideline · plan "Table and view kinds" · release baseline · SQL Server
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
        [name] nvarchar(100) NOT NULL,
        [email] nvarchar(255) NULL,
        [tag_id] int NULL,
        CONSTRAINT [customer_pkey] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO

IF OBJECT_ID(N'[dbo].[legacy_log]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[legacy_log] (
        [id] int IDENTITY(1,1) NOT NULL,
        [event_id] int NULL,
        [message] nvarchar(max) NULL,
        CONSTRAINT [legacy_log_pkey] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO

IF OBJECT_ID(N'[dbo].[legacy_tag]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[legacy_tag] (
        [id] int IDENTITY(1,1) NOT NULL,
        [label] nvarchar(40) NOT NULL,
        CONSTRAINT [legacy_tag_pkey] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO

IF OBJECT_ID(N'[dbo].[old_events]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[old_events] (
        [id] int IDENTITY(1,1) NOT NULL,
        [customer_id] int NOT NULL,
        [kind] nvarchar(20) NOT NULL CONSTRAINT [DF_old_events_kind] DEFAULT ('info'),
        [body] nvarchar(max) NULL,
        CONSTRAINT [old_events_pkey] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[old_events]') AND name = N'old_events_customer_idx')
BEGIN
    CREATE INDEX [old_events_customer_idx] ON [dbo].[old_events] ([customer_id]);
END;
GO

IF OBJECT_ID(N'[dbo].[customer_tag_fkey]') IS NULL
BEGIN
    ALTER TABLE [dbo].[customer] ADD CONSTRAINT [customer_tag_fkey] FOREIGN KEY ([tag_id]) REFERENCES [dbo].[legacy_tag] ([id]);
END;
GO

IF OBJECT_ID(N'[dbo].[legacy_log_event_fkey]') IS NULL
BEGIN
    ALTER TABLE [dbo].[legacy_log] ADD CONSTRAINT [legacy_log_event_fkey] FOREIGN KEY ([event_id]) REFERENCES [dbo].[old_events] ([id]);
END;
GO

IF OBJECT_ID(N'[dbo].[old_events_customer_fkey]') IS NULL
BEGIN
    ALTER TABLE [dbo].[old_events] ADD CONSTRAINT [old_events_customer_fkey] FOREIGN KEY ([customer_id]) REFERENCES [dbo].[customer] ([id]) ON DELETE CASCADE;
END;
GO

CREATE OR ALTER VIEW [dbo].[customer_cards] AS
SELECT id, name, email FROM customer;
GO

CREATE OR ALTER VIEW [dbo].[customer_emails] AS
SELECT id, email FROM customer;
GO
