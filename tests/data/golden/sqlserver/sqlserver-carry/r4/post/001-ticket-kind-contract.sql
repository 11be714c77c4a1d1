-- Tideline · plan "Carry (SQL Server)" · release r4 · SQL Server
-- Refactoring ticket-kind (rename_column), step contract, phase post
-- drop the trigger and the old column with its indexes
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DROP TRIGGER IF EXISTS [dbo].[tideline_sync_3cd4924ac75b];
GO

IF EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[ticket]') AND name = N'ticket_type_recent_idx')
    DROP INDEX [ticket_type_recent_idx] ON [dbo].[ticket];
GO

DECLARE @tideline_sql nvarchar(max);
IF COL_LENGTH(N'[dbo].[ticket]', N'ticket_type') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    SET @tideline_sql = NULL;
    SELECT @tideline_sql = N'ALTER TABLE [dbo].[ticket] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[ticket]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[ticket]'), N'ticket_type', 'ColumnId');
    IF @tideline_sql IS NOT NULL
        EXEC sys.sp_executesql @tideline_sql;
    ALTER TABLE [dbo].[ticket] DROP COLUMN [ticket_type];
    COMMIT;
END;
GO
