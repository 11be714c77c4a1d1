-- Tideline · plan "Every kind (SQL Server)" · release r2 · SQL Server
-- Refactoring email-parts (split_column), step expand, phase pre
-- add the new columns (nullable) with triggers that compute them on every write of the old one; relax NOT NULL on the old one
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'email_head') IS NULL
BEGIN
    ALTER TABLE [dbo].[customer] ADD [email_head] nvarchar(3) NULL;
END;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'email_lower') IS NULL
BEGIN
    ALTER TABLE [dbo].[customer] ADD [email_lower] nvarchar(255) NULL;
END;
GO

-- user SQL: the conversion expression is the plan's own
IF COL_LENGTH(N'[dbo].[customer]', N'email_head') IS NOT NULL AND COL_LENGTH(N'[dbo].[customer]', N'email') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER TRIGGER [dbo].[tideline_sync_d9b3ca94f0f9] ON [dbo].[customer]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Tideline sync: fills email_head on inserts that leave it NULL, and on updates that change email but not email_head.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([email]))
        RETURN;
    UPDATE [dbo].[customer] SET [email_head] = (SUBSTRING(email, 1, 3))
    WHERE EXISTS (
        SELECT 1 FROM inserted AS tideline_new
        LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]
        WHERE tideline_new.[id] = [dbo].[customer].[id]
          AND ((tideline_old.[id] IS NULL AND tideline_new.[email_head] IS NULL)
            OR (tideline_old.[id] IS NOT NULL AND (CAST(tideline_new.[email_head] AS varbinary(max)) = CAST(tideline_old.[email_head] AS varbinary(max)) OR (tideline_new.[email_head] IS NULL AND tideline_old.[email_head] IS NULL))
                AND NOT ((CAST(tideline_new.[email] AS varbinary(max)) = CAST(tideline_old.[email] AS varbinary(max)) OR (tideline_new.[email] IS NULL AND tideline_old.[email] IS NULL))))));
END;';
END;
GO

-- user SQL: the conversion expression is the plan's own
IF COL_LENGTH(N'[dbo].[customer]', N'email_lower') IS NOT NULL AND COL_LENGTH(N'[dbo].[customer]', N'email') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER TRIGGER [dbo].[tideline_sync_333af9abd850] ON [dbo].[customer]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Tideline sync: fills email_lower on inserts that leave it NULL, and on updates that change email but not email_lower.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([email]))
        RETURN;
    UPDATE [dbo].[customer] SET [email_lower] = (lower(email))
    WHERE EXISTS (
        SELECT 1 FROM inserted AS tideline_new
        LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]
        WHERE tideline_new.[id] = [dbo].[customer].[id]
          AND ((tideline_old.[id] IS NULL AND tideline_new.[email_lower] IS NULL)
            OR (tideline_old.[id] IS NOT NULL AND (CAST(tideline_new.[email_lower] AS varbinary(max)) = CAST(tideline_old.[email_lower] AS varbinary(max)) OR (tideline_new.[email_lower] IS NULL AND tideline_old.[email_lower] IS NULL))
                AND NOT ((CAST(tideline_new.[email] AS varbinary(max)) = CAST(tideline_old.[email] AS varbinary(max)) OR (tideline_new.[email] IS NULL AND tideline_old.[email] IS NULL))))));
END;';
END;
GO
