-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring full-name (merge_columns), step expand, phase pre
-- add the merged column (nullable) with a trigger that computes it on every write of the old ones; relax NOT NULL on the old ones
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[customer]', N'full_name') IS NULL
BEGIN
    ALTER TABLE [dbo].[customer] ADD [full_name] nvarchar(256) NULL;
END;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'first_name' AND is_nullable = 0)
BEGIN
    ALTER TABLE [dbo].[customer] ALTER COLUMN [first_name] nvarchar(100) NULL;
END;
GO

IF EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'[dbo].[customer]') AND name = N'last_name' AND is_nullable = 0)
BEGIN
    ALTER TABLE [dbo].[customer] ALTER COLUMN [last_name] nvarchar(100) NULL;
END;
GO

-- user SQL: the conversion expression is the plan's own
IF COL_LENGTH(N'[dbo].[customer]', N'full_name') IS NOT NULL AND COL_LENGTH(N'[dbo].[customer]', N'first_name') IS NOT NULL AND COL_LENGTH(N'[dbo].[customer]', N'last_name') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'CREATE OR ALTER TRIGGER [dbo].[tideline_sync_19fd68d04e79] ON [dbo].[customer]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Tideline sync: fills full_name on inserts that leave it NULL, and on updates that change first_name, last_name but not full_name.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1 OR NOT (UPDATE([first_name]) OR UPDATE([last_name]))
        RETURN;
    UPDATE [dbo].[customer] SET [full_name] = (CONCAT(first_name, N'' '', last_name))
    WHERE EXISTS (
        SELECT 1 FROM inserted AS tideline_new
        LEFT JOIN deleted AS tideline_old ON tideline_old.[id] = tideline_new.[id]
        WHERE tideline_new.[id] = [dbo].[customer].[id]
          AND ((tideline_old.[id] IS NULL AND tideline_new.[full_name] IS NULL)
            OR (tideline_old.[id] IS NOT NULL AND (CAST(tideline_new.[full_name] AS varbinary(max)) = CAST(tideline_old.[full_name] AS varbinary(max)) OR (tideline_new.[full_name] IS NULL AND tideline_old.[full_name] IS NULL))
                AND NOT ((CAST(tideline_new.[first_name] AS varbinary(max)) = CAST(tideline_old.[first_name] AS varbinary(max)) OR (tideline_new.[first_name] IS NULL AND tideline_old.[first_name] IS NULL)) AND (CAST(tideline_new.[last_name] AS varbinary(max)) = CAST(tideline_old.[last_name] AS varbinary(max)) OR (tideline_new.[last_name] IS NULL AND tideline_old.[last_name] IS NULL))))));
END;';
END;
GO
