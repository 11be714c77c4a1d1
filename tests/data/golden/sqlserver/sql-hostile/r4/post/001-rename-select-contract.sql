-- Tideline · plan "Hostile identifiers" · release r4 · SQL Server
-- Refactoring rename-select (rename_column), step contract, phase post
-- drop the trigger and the old column with its indexes
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DROP TRIGGER IF EXISTS [dbo].[tideline_sync_b17242581d1a];
GO

DECLARE @tideline_sql nvarchar(max);
IF COL_LENGTH(N'[dbo].[Robert''); DROP TABLE x;--]', N'select') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    SET @tideline_sql = NULL;
    SELECT @tideline_sql = N'ALTER TABLE [dbo].[Robert''); DROP TABLE x;--] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[Robert''); DROP TABLE x;--]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[Robert''); DROP TABLE x;--]'), N'select', 'ColumnId');
    IF @tideline_sql IS NOT NULL
        EXEC sys.sp_executesql @tideline_sql;
    ALTER TABLE [dbo].[Robert'); DROP TABLE x;--] DROP COLUMN [select];
    COMMIT;
END;
GO
