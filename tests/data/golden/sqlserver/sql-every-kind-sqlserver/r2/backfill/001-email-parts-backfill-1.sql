-- Tideline · plan "Every kind (SQL Server)" · release r2 · SQL Server
-- Refactoring email-parts (split_column), step backfill, phase backfill
-- compute the new columns where still NULL
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Do not wrap it in a transaction: its batches commit on their own (a batched backfill, or an online index build). Re-runnable: a second run, or a run after one stopped midway, does only what is still missing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

-- user SQL: the backfill expression is the plan's own
IF COL_LENGTH(N'[dbo].[customer]', N'email_head') IS NOT NULL AND COL_LENGTH(N'[dbo].[customer]', N'email') IS NOT NULL AND COL_LENGTH(N'[dbo].[customer]', N'id') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'SET NOCOUNT ON;
DECLARE @tideline_last int = NULL, @tideline_next int;
WHILE 1 = 1
BEGIN
    SET @tideline_next = NULL;
    SELECT @tideline_next = MAX(tideline_batch.tideline_key)
    FROM (SELECT TOP (1000) tideline_row.[id] AS tideline_key FROM [dbo].[customer] AS tideline_row
          WHERE tideline_row.[email_head] IS NULL AND (@tideline_last IS NULL OR tideline_row.[id] > @tideline_last)
          ORDER BY tideline_row.[id]) AS tideline_batch
    OPTION (RECOMPILE);
    IF @tideline_next IS NULL
        BREAK;
    UPDATE tideline_row SET [email_head] = (SUBSTRING(email, 1, 3))
    FROM [dbo].[customer] AS tideline_row
    WHERE tideline_row.[email_head] IS NULL AND (@tideline_last IS NULL OR tideline_row.[id] > @tideline_last) AND tideline_row.[id] <= @tideline_next
    OPTION (RECOMPILE);
    SET @tideline_last = @tideline_next;
END;';
END;
GO
