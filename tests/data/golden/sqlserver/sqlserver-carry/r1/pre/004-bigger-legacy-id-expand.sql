-- Tideline · plan "Carry (SQL Server)" · release r1 · SQL Server
-- Refactoring bigger-legacy-id (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[legacy]', N'id_new') IS NULL
BEGIN
    ALTER TABLE [dbo].[legacy] ADD [id_new] bigint NULL;
END;
GO

IF COL_LENGTH(N'[dbo].[legacy]', N'id_new') IS NOT NULL AND COL_LENGTH(N'[dbo].[legacy]', N'id') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER TRIGGER [dbo].[tideline_sync_bcea7bdc7f91] ON [dbo].[legacy]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Tideline sync: fills id_new on inserts that leave it NULL, and on updates that change id but not id_new.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([id]))
        RETURN;
    UPDATE [dbo].[legacy] SET [id_new] = CAST([id] AS bigint)
    WHERE EXISTS (
        SELECT 1 FROM inserted AS tideline_new
        LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]
        WHERE tideline_new.[id] = [dbo].[legacy].[id]
          AND ((tideline_old.[id] IS NULL AND tideline_new.[id_new] IS NULL)
            OR (tideline_old.[id] IS NOT NULL AND (tideline_new.[id_new] = tideline_old.[id_new] OR (tideline_new.[id_new] IS NULL AND tideline_old.[id_new] IS NULL))
                AND NOT ((tideline_new.[id] = tideline_old.[id] OR (tideline_new.[id] IS NULL AND tideline_old.[id] IS NULL))))));
END;';
END;
GO
