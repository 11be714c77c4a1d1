-- Tideline · plan "Carry (SQL Server)" · release r2 · SQL Server
-- Refactoring bigger-legacy-id (change_type), step contract, phase pre
-- swap: drop the trigger and the old column, rename the shadow column to its name; its NOT NULL, default, identity, indexes, keys and constraints (and foreign keys that reference it) come along
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
-- OFFLINE: IDENTITY cannot be added to an existing column, so id changes type in place (ALTER COLUMN rewrites every row); PK_legacy is rebuilt, under the schema-modification lock the swap holds: reads and writes of the table wait (ALTER TABLE, ALTER COLUMN; CREATE INDEX)
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DECLARE @tideline_sql nvarchar(max);
IF COL_LENGTH(N'[dbo].[legacy]', N'id_new') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    DROP TRIGGER IF EXISTS [dbo].[tideline_sync_bcea7bdc7f91];
    IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = OBJECT_ID(N'[dbo].[legacy]') AND name = N'PK_legacy')
        ALTER TABLE [dbo].[legacy] DROP CONSTRAINT [PK_legacy];
    SET @tideline_sql = NULL;
    SELECT @tideline_sql = N'ALTER TABLE [dbo].[legacy] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[legacy]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[legacy]'), N'id', 'ColumnId');
    IF @tideline_sql IS NOT NULL
        EXEC sys.sp_executesql @tideline_sql;
    ALTER TABLE [dbo].[legacy] DROP COLUMN [id_new];
    ALTER TABLE [dbo].[legacy] ALTER COLUMN [id] bigint NOT NULL;
    IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[dbo].[legacy]') AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[legacy]'), N'id', 'ColumnId') AND name = N'MS_Description')
        EXEC sys.sp_dropextendedproperty @name = N'MS_Description', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'legacy', @level2type = N'COLUMN', @level2name = N'id';
    ALTER TABLE [dbo].[legacy] ADD CONSTRAINT [PK_legacy] PRIMARY KEY CLUSTERED ([id]);
    COMMIT;
END;
GO
