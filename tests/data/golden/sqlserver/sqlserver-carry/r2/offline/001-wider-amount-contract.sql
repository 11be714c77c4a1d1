-- Tideline · plan "Carry (SQL Server)" · release r2 · SQL Server
-- Refactoring wider-amount (change_type), step contract, phase pre
-- swap: drop the trigger and the old column, rename the shadow column to its name; its NOT NULL, default, identity, indexes, keys and constraints (and foreign keys that reference it) come along
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
-- OFFLINE: making the swapped column NOT NULL checks every row; invoice_amount_idx is rebuilt, under the schema-modification lock the swap holds: reads and writes of the table wait (ALTER TABLE, ALTER COLUMN; CREATE INDEX)
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DECLARE @tideline_sql nvarchar(max);
DECLARE @tideline_comment nvarchar(4000);
IF COL_LENGTH(N'[dbo].[invoice]', N'amount_new') IS NOT NULL
BEGIN
    BEGIN TRANSACTION;
    DROP TRIGGER IF EXISTS [dbo].[tideline_sync_5653d235d4e1];
    IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = OBJECT_ID(N'[dbo].[invoice]') AND name = N'amount_positive')
        ALTER TABLE [dbo].[invoice] DROP CONSTRAINT [amount_positive];
    IF EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[dbo].[invoice]') AND name = N'invoice_amount_idx')
        DROP INDEX [invoice_amount_idx] ON [dbo].[invoice];
    SET @tideline_sql = NULL;
    SELECT @tideline_sql = N'ALTER TABLE [dbo].[invoice] DROP CONSTRAINT ' + QUOTENAME(dc.name)
    FROM sys.default_constraints AS dc
    WHERE dc.parent_object_id = OBJECT_ID(N'[dbo].[invoice]')
      AND dc.parent_column_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[invoice]'), N'amount', 'ColumnId');
    IF @tideline_sql IS NOT NULL
        EXEC sys.sp_executesql @tideline_sql;
    ALTER TABLE [dbo].[invoice] DROP COLUMN [amount];
    EXEC sys.sp_rename N'[dbo].[invoice].[amount_new]', N'amount', N'COLUMN';
    ALTER TABLE [dbo].[invoice] ALTER COLUMN [amount] decimal(14,2) NOT NULL;
    ALTER TABLE [dbo].[invoice] ADD CONSTRAINT [DF_invoice_amount] DEFAULT (0) FOR [amount];
    SET @tideline_comment = N'in euros';
    IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[dbo].[invoice]') AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[invoice]'), N'amount', 'ColumnId') AND name = N'MS_Description')
        EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'invoice', @level2type = N'COLUMN', @level2name = N'amount';
    ELSE
        EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'invoice', @level2type = N'COLUMN', @level2name = N'amount';
    CREATE INDEX [invoice_amount_idx] ON [dbo].[invoice] ([amount]);
    ALTER TABLE [dbo].[invoice] WITH NOCHECK ADD CONSTRAINT [amount_positive] CHECK (amount >= 0);
    COMMIT;
END;
GO

IF EXISTS (SELECT 1 FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(N'[dbo].[invoice]') AND name = N'amount_positive' AND is_not_trusted = 1)
BEGIN
    EXEC sys.sp_executesql N'IF EXISTS (SELECT 1 FROM [dbo].[invoice] WHERE NOT (amount >= 0))
BEGIN
    THROW 50000, N''rows of invoice break constraint amount_positive; fix them and run this file again'', 1;
END;';
END;
GO
