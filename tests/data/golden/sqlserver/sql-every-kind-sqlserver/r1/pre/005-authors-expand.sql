-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring authors (move_columns), step expand, phase pre
-- create the new table; add the nullable key column with its foreign key
-- Run it with: sqlcmd -b -x -i FILE (-b stops at the first error; -x leaves sqlcmd's variable syntax, a dollar sign and a parenthesis, in names and text as written). Each line holding only GO ends a batch; no other line of the file is an sqlcmd command.
-- Re-runnable: every batch checks the catalog before it changes anything, so running the file again leaves the database as it is.
SET XACT_ABORT ON;
SET LOCK_TIMEOUT 10000;
GO

IF OBJECT_ID(N'[dbo].[authors]', N'U') IS NULL
BEGIN
    CREATE TABLE [dbo].[authors] (
        [id] int IDENTITY(1,1) NOT NULL,
        [name] nvarchar(255) NULL,
        [email] nvarchar(255) NULL,
        CONSTRAINT [authors_pkey] PRIMARY KEY CLUSTERED ([id])
    );
END;
GO

IF COL_LENGTH(N'[dbo].[posts]', N'author_id') IS NULL
BEGIN
    ALTER TABLE [dbo].[posts] ADD [author_id] int NULL;
END;
GO

IF COL_LENGTH(N'[dbo].[posts]', N'author_id') IS NOT NULL AND OBJECT_ID(N'[dbo].[posts_author_id_fkey]') IS NULL
BEGIN
    ALTER TABLE [dbo].[posts] WITH NOCHECK ADD CONSTRAINT [posts_author_id_fkey] FOREIGN KEY ([author_id]) REFERENCES [dbo].[authors] ([id]);
END;
GO

IF EXISTS (SELECT 1 FROM sys.foreign_keys WHERE parent_object_id = OBJECT_ID(N'[dbo].[posts]') AND name = N'posts_author_id_fkey' AND is_not_trusted = 1)
BEGIN
    EXEC sys.sp_executesql N'IF EXISTS (SELECT 1 FROM [dbo].[posts] AS tideline_child WHERE tideline_child.[author_id] IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM [dbo].[authors] AS tideline_parent WHERE tideline_parent.[id] = tideline_child.[author_id]))
BEGIN
    THROW 50000, N''rows of posts break constraint posts_author_id_fkey; fix them and run this file again'', 1;
END;';
END;
GO
