-- Tideline · plan "Carry (SQL Server)" · release r2 · SQL Server
-- Refactoring invoice-footer (add_column), step contract, phase pre
-- once every running version writes the column: fill rows an older version left NULL, then set the default and NOT NULL
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DECLARE @tideline_sql nvarchar(max);
IF COL_LENGTH(N'[dbo].[invoice]', N'footer') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    SET @tideline_sql = NULL;
    SELECT @tideline_sql = N'ALTER TABLE [dbo].[invoice] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[invoice]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[invoice]'), N'footer', 'ColumnId');
    IF @tideline_sql IS NOT NULL
        EXEC sys.sp_executesql @tideline_sql;
    ALTER TABLE [dbo].[invoice] ADD CONSTRAINT [DF_invoice_footer] DEFAULT (N'thanks') FOR [footer];
    COMMIT;
END;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[invoice]') AND name = N'footer' AND is_nullable = 1)
BEGIN
    ALTER TABLE [dbo].[invoice] ALTER COLUMN [footer] nvarchar(max) NOT NULL WITH (ONLINE = ON);
END;
GO
