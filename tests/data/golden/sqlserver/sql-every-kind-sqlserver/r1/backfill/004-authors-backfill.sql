-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring authors (move_columns), step backfill, phase backfill
-- create the missing rows of the new table and set the key where still NULL
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

SET NOCOUNT ON;
DECLARE @tideline_last int = NULL, @tideline_next int;
WHILE 1 = 1
BEGIN
    SET @tideline_next = NULL;
    SELECT @tideline_next = MAX(tideline_batch.tideline_key)
    FROM (SELECT TOP (1000) [id] AS tideline_key FROM [dbo].[posts]
          WHERE [author_id] IS NULL AND (@tideline_last IS NULL OR [id] > @tideline_last)
          ORDER BY [id]) AS tideline_batch
    OPTION (RECOMPILE);
    IF @tideline_next IS NULL
        BREAK;
    INSERT INTO [dbo].[authors] ([email], [name])
    SELECT DISTINCT tideline_src.[author_email], tideline_src.[author_name] FROM [dbo].[posts] AS tideline_src
    WHERE tideline_src.[author_id] IS NULL AND (@tideline_last IS NULL OR tideline_src.[id] > @tideline_last) AND tideline_src.[id] <= @tideline_next
      AND (tideline_src.[author_email] IS NOT NULL OR tideline_src.[author_name] IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM [dbo].[authors] AS tideline_dst
                      WHERE (tideline_dst.[email] = tideline_src.[author_email] OR (tideline_dst.[email] IS NULL AND tideline_src.[author_email] IS NULL))
        AND (tideline_dst.[name] = tideline_src.[author_name] OR (tideline_dst.[name] IS NULL AND tideline_src.[author_name] IS NULL)));
    UPDATE tideline_src SET [author_id] = (
        SELECT MIN(tideline_dst.[id]) FROM [dbo].[authors] AS tideline_dst
        WHERE (tideline_dst.[email] = tideline_src.[author_email] OR (tideline_dst.[email] IS NULL AND tideline_src.[author_email] IS NULL))
        AND (tideline_dst.[name] = tideline_src.[author_name] OR (tideline_dst.[name] IS NULL AND tideline_src.[author_name] IS NULL)))
    FROM [dbo].[posts] AS tideline_src
    WHERE tideline_src.[author_id] IS NULL AND (@tideline_last IS NULL OR tideline_src.[id] > @tideline_last) AND tideline_src.[id] <= @tideline_next
    OPTION (RECOMPILE);
    SET @tideline_last = @tideline_next;
END;
GO
