-- Tideline · plan "Hostile identifiers" · release baseline · SQL Server
-- Baseline schema S_0
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF OBJECT_ID(N'[dbo].[Robert''); DROP TABLE x;--]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[Robert'); DROP TABLE x;--] (
        [id] int IDENTITY(1,1) NOT NULL,
        [select] nvarchar(max) NULL,
        [prénom] nvarchar(50) NOT NULL,
        [we"ird`]]] nvarchar(max) NULL,
        CONSTRAINT [PK_Robert'); DROP TABLE x;--] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO
