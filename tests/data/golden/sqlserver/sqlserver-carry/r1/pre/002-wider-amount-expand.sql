-- Tideline · plan "Carry (SQL Server)" · release r1 · SQL Server
-- Refactoring wider-amount (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DECLARE @tideline_comment nvarchar(4000);
IF COL_LENGTH(N'[dbo].[invoice]', N'amount_new') IS NULL
BEGIN
    ALTER TABLE [dbo].[invoice] ADD [amount_new] decimal(14,2) NULL;
    SET @tideline_comment = N'in euros';
    IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[dbo].[invoice]') AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[invoice]'), N'amount_new', 'ColumnId') AND name = N'MS_Description')
        EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'invoice', @level2type = N'COLUMN', @level2name = N'amount_new';
    ELSE
        EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'invoice', @level2type = N'COLUMN', @level2name = N'amount_new';
END;
GO

IF COL_LENGTH(N'[dbo].[invoice]', N'amount_new') IS NOT NULL AND COL_LENGTH(N'[dbo].[invoice]', N'amount') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER TRIGGER [dbo].[tideline_sync_5653d235d4e1] ON [dbo].[invoice]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Tideline sync: fills amount_new on inserts that leave it NULL, and on updates that change amount but not amount_new.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([amount]))
        RETURN;
    UPDATE [dbo].[invoice] SET [amount_new] = CAST([amount] AS decimal(14,2))
    WHERE EXISTS (
        SELECT 1 FROM inserted AS tideline_new
        LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]
        WHERE tideline_new.[id] = [dbo].[invoice].[id]
          AND ((tideline_old.[id] IS NULL AND tideline_new.[amount_new] IS NULL)
            OR (tideline_old.[id] IS NOT NULL AND (tideline_new.[amount_new] = tideline_old.[amount_new] OR (tideline_new.[amount_new] IS NULL AND tideline_old.[amount_new] IS NULL))
                AND NOT ((tideline_new.[amount] = tideline_old.[amount] OR (tideline_new.[amount] IS NULL AND tideline_old.[amount] IS NULL))))));
END;';
END;
GO
