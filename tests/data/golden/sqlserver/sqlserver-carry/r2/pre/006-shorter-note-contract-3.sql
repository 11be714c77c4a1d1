-- Tideline · plan "Carry (SQL Server)" · release r2 · SQL Server
-- Refactoring shorter-note (change_type), step contract, phase pre
-- swap: drop the trigger and the old column, rename the shadow column to its name; its NOT NULL, default, identity, indexes, keys and constraints (and foreign keys that reference it) come along
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DECLARE @tideline_sql nvarchar(max);
IF COL_LENGTH(N'[dbo].[ticket]', N'note_new') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    DROP TRIGGER IF EXISTS [dbo].[tideline_sync_ff4e84031347];
    IF EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[ticket]') AND name = N'ticket_type_recent_idx')
        DROP INDEX [ticket_type_recent_idx] ON [dbo].[ticket];
    IF EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[ticket]') AND name = N'kind_recent_idx')
        DROP INDEX [kind_recent_idx] ON [dbo].[ticket];
    SET @tideline_sql = NULL;
    SELECT @tideline_sql = N'ALTER TABLE [dbo].[ticket] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[ticket]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[ticket]'), N'note', 'ColumnId');
    IF @tideline_sql IS NOT NULL
        EXEC sys.sp_executesql @tideline_sql;
    ALTER TABLE [dbo].[ticket] DROP COLUMN [note];
    EXEC sys.sp_rename N'[dbo].[ticket].[note_new]', N'note', N'COLUMN';
    IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[dbo].[ticket]') AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[ticket]'), N'note', 'ColumnId') AND name = N'MS_Description')
        EXEC sys.sp_dropextendedproperty @name = N'MS_Description', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'ticket', @level2type = N'COLUMN', @level2name = N'note';
    EXEC sys.sp_rename N'[dbo].[ticket].[tideline_swap_6ab81fb1d03d]', N'ticket_type_recent_idx', N'INDEX';
    EXEC sys.sp_rename N'[dbo].[ticket].[tideline_swap_99a1c230dd11]', N'kind_recent_idx', N'INDEX';
    COMMIT;
END;
GO
