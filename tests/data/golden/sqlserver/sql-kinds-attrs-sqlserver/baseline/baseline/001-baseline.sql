-- Tideline · plan "Attribute kinds (SQL Server)" · release baseline · SQL Server
-- Baseline schema S_0
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF OBJECT_ID(N'[dbo].[accounts]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[accounts] (
        [id] int IDENTITY(1,1) NOT NULL,
        [name] nvarchar(100) NOT NULL,
        [email] nvarchar(255) NULL,
        [status] nvarchar(20) NOT NULL CONSTRAINT [DF_accounts_status] DEFAULT ('active'),
        [score] int NOT NULL CONSTRAINT [DF_accounts_score] DEFAULT (0),
        [note] nvarchar(max) NULL,
        CONSTRAINT [PK_accounts] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO

IF OBJECT_ID(N'[dbo].[audit_log]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[audit_log] (
        [id] int IDENTITY(1,1) NOT NULL,
        [entry] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_audit_log] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO
