-- Tideline · plan "Attribute kinds (SQL Server)" · release r1 · SQL Server
-- Refactoring email-comment (set_comment), step expand, phase pre
-- set the comment (metadata only)
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

DECLARE @tideline_comment nvarchar(4000);
IF COL_LENGTH(N'[dbo].[accounts]', N'email') IS NOT NULL
BEGIN
    SET @tideline_comment = N'Where we write.' + NCHAR(10) + N'It''s the "primary" address; 100% ours';
    IF EXISTS (SELECT 1 FROM sys.extended_properties WHERE class = 1 AND major_id = OBJECT_ID(N'[dbo].[accounts]') AND minor_id = COLUMNPROPERTY(OBJECT_ID(N'[dbo].[accounts]'), N'email', 'ColumnId') AND name = N'MS_Description')
        EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'accounts', @level2type = N'COLUMN', @level2name = N'email';
    ELSE
        EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = @tideline_comment, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'accounts', @level2type = N'COLUMN', @level2name = N'email';
END;
GO
