-- Tideline · plan "Every kind (SQL Server)" · release baseline · SQL Server
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
