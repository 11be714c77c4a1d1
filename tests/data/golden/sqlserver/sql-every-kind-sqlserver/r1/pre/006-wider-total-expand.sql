-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring wider-total (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Re-runnable: running it again changes nothing.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF COL_LENGTH(N'[dbo].[orders]', N'total_new') IS NULL
BEGIN
    ALTER TABLE [dbo].[orders] ADD [total_new] decimal(12,2) NULL;
END;
GO

CREATE OR ALTER TRIGGER [dbo].[tideline_sync_d443f26ab969] ON [dbo].[orders]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    -- Only when the source changed, and not for the trigger's own update.
    IF NOT UPDATE([total]) OR TRIGGER_NESTLEVEL(@@PROCID) > 1
        RETURN;
    UPDATE [dbo].[orders] SET [total_new] = CAST([total] AS decimal(12,2))
    WHERE EXISTS (SELECT 1 FROM inserted AS i WHERE i.[id] = [dbo].[orders].[id]);
END;
GO
