-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring authors (move_columns), step backfill, phase backfill
-- create the missing rows of the new table and set the key where still NULL
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Do not wrap it in a transaction: its batches commit on their own (a batched backfill, or an online index build). Re-runnable: a second run, or a run after one stopped midway, does only what is still missing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[posts]', N'author_id') IS NOT NULL AND COL_LENGTH(N'[dbo].[posts]', N'author_email') IS NOT NULL AND COL_LENGTH(N'[dbo].[posts]', N'author_name') IS NOT NULL AND OBJECT_ID(N'[dbo].[authors]', N'U') IS NOT NULL AND COL_LENGTH(N'[dbo].[authors]', N'email') IS NOT NULL AND COL_LENGTH(N'[dbo].[authors]', N'name') IS NOT NULL AND COL_LENGTH(N'[dbo].[posts]', N'id') IS NOT NULL
BEGIN
    EXEC sys.sp_executesql N'SET NOCOUNT ON;
DECLARE @tideline_last int = NULL, @tideline_next int;
WHILE 1 = 1
BEGIN
    SET @tideline_next = NULL;
    SELECT @tideline_next = MAX(tideline_batch.tideline_key)
    FROM (SELECT TOP (1000) tideline_row.[id] AS tideline_key FROM [dbo].[posts] AS tideline_row
          WHERE tideline_row.[author_id] IS NULL AND (@tideline_last IS NULL OR tideline_row.[id] > @tideline_last)
          ORDER BY tideline_row.[id]) AS tideline_batch
    OPTION (RECOMPILE);
    IF @tideline_next IS NULL
        BREAK;
    INSERT INTO [dbo].[authors] ([email], [name])
    SELECT DISTINCT tideline_row.[author_email], tideline_row.[author_name] FROM [dbo].[posts] AS tideline_row
    WHERE tideline_row.[author_id] IS NULL AND (@tideline_last IS NULL OR tideline_row.[id] > @tideline_last) AND tideline_row.[id] <= @tideline_next
      AND (tideline_row.[author_email] IS NOT NULL OR tideline_row.[author_name] IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM [dbo].[authors] AS tideline_dst
                      WHERE (tideline_dst.[email] = tideline_row.[author_email] OR (tideline_dst.[email] IS NULL AND tideline_row.[author_email] IS NULL))
        AND (tideline_dst.[name] = tideline_row.[author_name] OR (tideline_dst.[name] IS NULL AND tideline_row.[author_name] IS NULL)));
    UPDATE tideline_row SET [author_id] = (
        SELECT MIN(tideline_dst.[id]) FROM [dbo].[authors] AS tideline_dst
        WHERE (tideline_dst.[email] = tideline_row.[author_email] OR (tideline_dst.[email] IS NULL AND tideline_row.[author_email] IS NULL))
        AND (tideline_dst.[name] = tideline_row.[author_name] OR (tideline_dst.[name] IS NULL AND tideline_row.[author_name] IS NULL)))
    FROM [dbo].[posts] AS tideline_row
    WHERE tideline_row.[author_id] IS NULL AND (@tideline_last IS NULL OR tideline_row.[id] > @tideline_last) AND tideline_row.[id] <= @tideline_next
    OPTION (RECOMPILE);
    SET @tideline_last = @tideline_next;
END;';
END;
GO
