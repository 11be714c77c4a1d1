-- Tideline · plan "Every kind (SQL Server)" · release baseline · SQL Server
-- Baseline schema S_0
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF OBJECT_ID(N'[dbo].[customer]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[customer] (
        [id] int IDENTITY(1,1) NOT NULL,
        [first_name] nvarchar(100) NOT NULL,
        [last_name] nvarchar(100) NOT NULL,
        [email] nvarchar(255) NULL,
        [nickname] nvarchar(100) NOT NULL,
        [phone] nvarchar(40) NULL,
        [score] int NOT NULL CONSTRAINT [DF_customer_score] DEFAULT (0),
        CONSTRAINT [PK_customer] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO

IF OBJECT_ID(N'[dbo].[orders]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[orders] (
        [id] int IDENTITY(1,1) NOT NULL,
        [customer_id] int NOT NULL,
        [total] decimal(10,2) NULL,
        [note] nvarchar(max) NULL,
        CONSTRAINT [PK_orders] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO

IF OBJECT_ID(N'[dbo].[posts]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[posts] (
        [id] int IDENTITY(1,1) NOT NULL,
        [title] nvarchar(255) NOT NULL,
        [author_name] nvarchar(255) NULL,
        [author_email] nvarchar(255) NULL,
        CONSTRAINT [PK_posts] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO
