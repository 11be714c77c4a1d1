-- Tideline · plan "Hostile identifiers" · release r2 · SQL Server
-- Refactoring require-prenom (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[Robert''); DROP TABLE x;--]', N'given name') IS NULL
BEGIN
    ALTER TABLE [dbo].[Robert'); DROP TABLE x;--] ADD [given name] nvarchar(50) NULL;
END;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[Robert''); DROP TABLE x;--]') AND name = N'prénom' AND is_nullable = 0)
BEGIN
    ALTER TABLE [dbo].[Robert'); DROP TABLE x;--] ALTER COLUMN [prénom] nvarchar(50) NULL;
END;
GO

IF COL_LENGTH(N'[dbo].[Robert''); DROP TABLE x;--]', N'given name') IS NOT NULL AND COL_LENGTH(N'[dbo].[Robert''); DROP TABLE x;--]', N'prénom') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER TRIGGER [dbo].[tideline_sync_16b9ffcc19f0] ON [dbo].[Robert''); DROP TABLE x;--]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Tideline sync: fills given name on inserts that leave it NULL, and on updates that change prénom but not given name.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([prénom]))
        RETURN;
    UPDATE [dbo].[Robert''); DROP TABLE x;--] SET [given name] = [prénom]
    WHERE EXISTS (
        SELECT 1 FROM inserted AS tideline_new
        LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]
        WHERE tideline_new.[id] = [dbo].[Robert''); DROP TABLE x;--].[id]
          AND ((tideline_old.[id] IS NULL AND tideline_new.[given name] IS NULL)
            OR (tideline_old.[id] IS NOT NULL AND (CAST(tideline_new.[given name] AS varbinary(max)) = CAST(tideline_old.[given name] AS varbinary(max)) OR (tideline_new.[given name] IS NULL AND tideline_old.[given name] IS NULL))
                AND NOT ((CAST(tideline_new.[prénom] AS varbinary(max)) = CAST(tideline_old.[prénom] AS varbinary(max)) OR (tideline_new.[prénom] IS NULL AND tideline_old.[prénom] IS NULL))))));
END;';
END;
GO
