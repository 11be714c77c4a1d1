-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring display-name (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'display_name') IS NULL
BEGIN
    ALTER TABLE [dbo].[customer] ADD [display_name] nvarchar(100) NULL;
END;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'nickname' AND is_nullable = 0)
BEGIN
    ALTER TABLE [dbo].[customer] ALTER COLUMN [nickname] nvarchar(100) NULL;
END;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'display_name') IS NOT NULL AND COL_LENGTH(N'[dbo].[customer]', N'nickname') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER TRIGGER [dbo].[tideline_sync_e6ab08eedca4] ON [dbo].[customer]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Tideline sync: fills display_name on inserts that leave it NULL, and on updates that change nickname but not display_name.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([nickname]))
        RETURN;
    UPDATE [dbo].[customer] SET [display_name] = [nickname]
    WHERE EXISTS (
        SELECT 1 FROM inserted AS tideline_new
        LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]
        WHERE tideline_new.[id] = [dbo].[customer].[id]
          AND ((tideline_old.[id] IS NULL AND tideline_new.[display_name] IS NULL)
            OR (tideline_old.[id] IS NOT NULL AND (CAST(tideline_new.[display_name] AS varbinary(max)) = CAST(tideline_old.[display_name] AS varbinary(max)) OR (tideline_new.[display_name] IS NULL AND tideline_old.[display_name] IS NULL))
                AND NOT ((CAST(tideline_new.[nickname] AS varbinary(max)) = CAST(tideline_old.[nickname] AS varbinary(max)) OR (tideline_new.[nickname] IS NULL AND tideline_old.[nickname] IS NULL))))));
END;';
END;
GO
