-- Tideline · plan "Hostile identifiers" · release r1 · SQL Server
-- Refactoring rename-select (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[Robert''); DROP TABLE x;--]', N'from') IS NULL
BEGIN
    ALTER TABLE [dbo].[Robert'); DROP TABLE x;--] ADD [from] nvarchar(max) NULL;
END;
GO

IF COL_LENGTH(N'[dbo].[Robert''); DROP TABLE x;--]', N'from') IS NOT NULL AND COL_LENGTH(N'[dbo].[Robert''); DROP TABLE x;--]', N'select') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER TRIGGER [dbo].[tideline_sync_b17242581d1a] ON [dbo].[Robert''); DROP TABLE x;--]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Tideline sync: fills from on inserts that leave it NULL, and on updates that change select but not from.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([select]))
        RETURN;
    UPDATE [dbo].[Robert''); DROP TABLE x;--] SET [from] = [select]
    WHERE EXISTS (
        SELECT 1 FROM inserted AS tideline_new
        LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]
        WHERE tideline_new.[id] = [dbo].[Robert''); DROP TABLE x;--].[id]
          AND ((tideline_old.[id] IS NULL AND tideline_new.[from] IS NULL)
            OR (tideline_old.[id] IS NOT NULL AND (CAST(tideline_new.[from] AS varbinary(max)) = CAST(tideline_old.[from] AS varbinary(max)) OR (tideline_new.[from] IS NULL AND tideline_old.[from] IS NULL))
                AND NOT ((CAST(tideline_new.[select] AS varbinary(max)) = CAST(tideline_old.[select] AS varbinary(max)) OR (tideline_new.[select] IS NULL AND tideline_old.[select] IS NULL))))));
END;';
END;
GO
