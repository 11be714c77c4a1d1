-- Tideline · plan "Carry (SQL Server)" · release r2 · SQL Server
-- Refactoring ticket-kind (rename_column), step constraint, phase pre
-- give the new column what the old one has: NOT NULL, the default, indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other tables that reference it; then drop those constraints of the old column, which versions that stop writing it must not meet
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[ticket]', N'kind') IS NOT NULL AND OBJECT_ID(N'[dbo].[kind_known]') IS NULL
BEGIN
    ALTER TABLE [dbo].[ticket] WITH NOCHECK ADD CONSTRAINT [kind_known] CHECK (kind IN ('paper', 'mobile'));
END;
GO

IF EXISTS (SELECT 1 FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(N'[dbo].[ticket]') AND name = N'kind_known' AND is_not_trusted = 1)
BEGIN
    EXEC sys.sp_executesql N'IF EXISTS (SELECT 1 FROM [dbo].[ticket] WHERE NOT (kind IN (''paper'', ''mobile'')))
BEGIN
    THROW 50000, N''rows of ticket break constraint kind_known; fix them and run this file again'', 1;
END;';
END;
GO

IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = OBJECT_ID(N'[dbo].[ticket_label]') AND name = N'label_ticket_type_fkey')
    ALTER TABLE [dbo].[ticket_label] DROP CONSTRAINT [label_ticket_type_fkey];
GO

IF COL_LENGTH(N'[dbo].[ticket_label]', N'ticket_type') IS NOT NULL AND OBJECT_ID(N'[dbo].[label_kind_fkey]') IS NULL
BEGIN
    ALTER TABLE [dbo].[ticket_label] WITH NOCHECK ADD CONSTRAINT [label_kind_fkey] FOREIGN KEY ([ticket_type]) REFERENCES [dbo].[ticket] ([kind]);
END;
GO

IF EXISTS (SELECT 1 FROM sys.foreign_keys WHERE parent_object_id = OBJECT_ID(N'[dbo].[ticket_label]') AND name = N'label_kind_fkey' AND is_not_trusted = 1)
BEGIN
    EXEC sys.sp_executesql N'IF EXISTS (SELECT 1 FROM [dbo].[ticket_label] AS tideline_child WHERE tideline_child.[ticket_type] IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM [dbo].[ticket] AS tideline_parent WHERE tideline_parent.[kind] = tideline_child.[ticket_type]))
BEGIN
    THROW 50000, N''rows of ticket_label break constraint label_kind_fkey; fix them and run this file again'', 1;
END;';
END;
GO

IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = OBJECT_ID(N'[dbo].[ticket]') AND name = N'ticket_type_key')
    ALTER TABLE [dbo].[ticket] DROP CONSTRAINT [ticket_type_key];
GO

IF EXISTS (SELECT 1 FROM sys.objects WHERE parent_object_id = OBJECT_ID(N'[dbo].[ticket]') AND name = N'ticket_type_known')
    ALTER TABLE [dbo].[ticket] DROP CONSTRAINT [ticket_type_known];
GO
