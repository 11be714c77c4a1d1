-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring wider-total (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[orders]', N'total_new') IS NULL
BEGIN
    ALTER TABLE [dbo].[orders] ADD [total_new] decimal(12,2) NULL;
END;
GO

IF COL_LENGTH(N'[dbo].[orders]', N'total_new') IS NOT NULL AND COL_LENGTH(N'[dbo].[orders]', N'total') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER TRIGGER [dbo].[tideline_sync_d443f26ab969] ON [dbo].[orders]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Tideline sync: fills total_new on inserts that leave it NULL, and on updates that change total but not total_new.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([total]))
        RETURN;
    UPDATE [dbo].[orders] SET [total_new] = CAST([total] AS decimal(12,2))
    WHERE EXISTS (
        SELECT 1 FROM inserted AS tideline_new
        LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]
        WHERE tideline_new.[id] = [dbo].[orders].[id]
          AND ((tideline_old.[id] IS NULL AND tideline_new.[total_new] IS NULL)
            OR (tideline_old.[id] IS NOT NULL AND (tideline_new.[total_new] = tideline_old.[total_new] OR (tideline_new.[total_new] IS NULL AND tideline_old.[total_new] IS NULL))
                AND NOT ((tideline_new.[total] = tideline_old.[total] OR (tideline_new.[total] IS NULL AND tideline_old.[total] IS NULL))))));
END;';
END;
GO
