-- Tideline · plan "Every kind (SQL Server)" · release r2 · SQL Server
-- Refactoring note-required (set_not_null), step backfill, phase backfill
-- fill existing NULLs, in batches
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

-- user SQL: the backfill expression is the plan's own
SET NOCOUNT ON;
DECLARE @tideline_last int = NULL, @tideline_next int;
WHILE 1 = 1
BEGIN
    SET @tideline_next = NULL;
    SELECT @tideline_next = MAX(tideline_batch.tideline_key)
    FROM (SELECT TOP (1000) [id] AS tideline_key FROM [dbo].[orders]
          WHERE [note] IS NULL AND (@tideline_last IS NULL OR [id] > @tideline_last)
          ORDER BY [id]) AS tideline_batch
    OPTION (RECOMPILE);
    IF @tideline_next IS NULL
        BREAK;
    UPDATE [dbo].[orders] SET [note] = ('')
    WHERE [note] IS NULL AND (@tideline_last IS NULL OR [id] > @tideline_last) AND [id] <= @tideline_next
    OPTION (RECOMPILE);
    SET @tideline_last = @tideline_next;
END;
GO
