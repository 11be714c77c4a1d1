-- Tideline · plan "Carry (SQL Server)" · release r2 · SQL Server
-- Refactoring ticket-kind (rename_column), step constraint, phase pre
-- give the new column what the old one has: NOT NULL, the default, indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other tables that reference it; then drop those constraints of the old column, which versions that stop writing it must not meet
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[ticket]') AND name = N'kind' AND is_nullable = 1)
BEGIN
    ALTER TABLE [dbo].[ticket] ALTER COLUMN [kind] nvarchar(255) COLLATE Latin1_General_CS_AS NOT NULL WITH (ONLINE = ON);
END;
GO

DECLARE @tideline_sql nvarchar(max);
IF COL_LENGTH(N'[dbo].[ticket]', N'kind') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    SET @tideline_sql = NULL;
    SELECT @tideline_sql = N'ALTER TABLE [dbo].[ticket] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[ticket]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[ticket]'), N'kind', 'ColumnId');
    IF @tideline_sql IS NOT NULL
        EXEC sys.sp_executesql @tideline_sql;
    ALTER TABLE [dbo].[ticket] ADD CONSTRAINT [DF_ticket_kind] DEFAULT ('paper') FOR [kind];
    COMMIT;
END;
GO

IF COL_LENGTH(N'[dbo].[ticket]', N'kind') IS NOT NULL AND OBJECT_ID(N'[dbo].[kind_key]') IS NULL
BEGIN
    ALTER TABLE [dbo].[ticket] ADD CONSTRAINT [kind_key] UNIQUE NONCLUSTERED ([kind]) WITH (ONLINE = ON);
END;
GO
