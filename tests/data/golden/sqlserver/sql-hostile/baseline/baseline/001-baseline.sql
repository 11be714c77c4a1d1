-- Tideline · plan "Hostile identifiers" · release baseline · SQL Server
-- Baseline schema S_0
-- Re-runnable: running it again changes nothing.
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
