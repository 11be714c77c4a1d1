-- Tideline · plan "Carry (SQL Server)" · release r1 · SQL Server
-- Refactoring shorter-note (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[ticket]', N'note_new') IS NULL
BEGIN
    ALTER TABLE [dbo].[ticket] ADD [note_new] nvarchar(2000) NULL;
END;
GO

IF COL_LENGTH(N'[dbo].[ticket]', N'note_new') IS NOT NULL AND COL_LENGTH(N'[dbo].[ticket]', N'note') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER TRIGGER [dbo].[tideline_sync_ff4e84031347] ON [dbo].[ticket]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Tideline sync: fills note_new on inserts that leave it NULL, and on updates that change note but not note_new.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([note]))
        RETURN;
    UPDATE [dbo].[ticket] SET [note_new] = CAST([note] AS nvarchar(2000))
    WHERE EXISTS (
        SELECT 1 FROM inserted AS tideline_new
        LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]
        WHERE tideline_new.[id] = [dbo].[ticket].[id]
          AND ((tideline_old.[id] IS NULL AND tideline_new.[note_new] IS NULL)
            OR (tideline_old.[id] IS NOT NULL AND (CAST(tideline_new.[note_new] AS varbinary(max)) = CAST(tideline_old.[note_new] AS varbinary(max)) OR (tideline_new.[note_new] IS NULL AND tideline_old.[note_new] IS NULL))
                AND NOT ((CAST(tideline_new.[note] AS varbinary(max)) = CAST(tideline_old.[note] AS varbinary(max)) OR (tideline_new.[note] IS NULL AND tideline_old.[note] IS NULL))))));
END;';
END;
GO
