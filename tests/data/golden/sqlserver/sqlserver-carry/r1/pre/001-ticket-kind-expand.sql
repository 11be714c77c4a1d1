-- Tideline · plan "Carry (SQL Server)" · release r1 · SQL Server
-- Refactoring ticket-kind (rename_column), step expand, phase pre
-- add the new column (nullable, no default) with a trigger that copies every write of the old one into it; relax NOT NULL on the old one
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DECLARE @tideline_comment nvarchar(4000);
IF COL_LENGTH(N'[dbo].[ticket]', N'kind') IS NULL
BEGIN
    ALTER TABLE [dbo].[ticket] ADD [kind] nvarchar(255) COLLATE Latin1_General_CS_AS NULL;
    SET @tideline_comment = N'how the ticket was issued';
    IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[dbo].[ticket]') AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[ticket]'), N'kind', 'ColumnId') AND name = N'MS_Description')
        EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'ticket', @level2type = N'COLUMN', @level2name = N'kind';
    ELSE
        EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'ticket', @level2type = N'COLUMN', @level2name = N'kind';
END;
GO

IF COL_LENGTH(N'[dbo].[ticket]', N'kind') IS NOT NULL AND COL_LENGTH(N'[dbo].[ticket]', N'ticket_type') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER TRIGGER [dbo].[tideline_sync_3cd4924ac75b] ON [dbo].[ticket]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Tideline sync: fills kind on inserts that leave it NULL, and on updates that change ticket_type but not kind.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([ticket_type]))
        RETURN;
    UPDATE [dbo].[ticket] SET [kind] = [ticket_type]
    WHERE EXISTS (
        SELECT 1 FROM inserted AS tideline_new
        LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]
        WHERE tideline_new.[id] = [dbo].[ticket].[id]
          AND ((tideline_old.[id] IS NULL AND tideline_new.[kind] IS NULL)
            OR (tideline_old.[id] IS NOT NULL AND (CAST(tideline_new.[kind] AS varbinary(max)) = CAST(tideline_old.[kind] AS varbinary(max)) OR (tideline_new.[kind] IS NULL AND tideline_old.[kind] IS NULL))
                AND NOT ((CAST(tideline_new.[ticket_type] AS varbinary(max)) = CAST(tideline_old.[ticket_type] AS varbinary(max)) OR (tideline_new.[ticket_type] IS NULL AND tideline_old.[ticket_type] IS NULL))))));
END;';
END;
GO
