-- Tideline · plan "Every kind (SQL Server)" · release r1 · SQL Server
-- Refactoring authors (move_columns), step expand, phase pre
-- create the new table; add the nullable key column with its foreign key
-- Re-runnable: running it again changes nothing.
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

IF OBJECT_ID(N'[dbo].[posts_author_id_fkey]') IS NULL
BEGIN
    ALTER TABLE [dbo].[posts] WITH NOCHECK ADD CONSTRAINT [posts_author_id_fkey] FOREIGN KEY ([author_id]) REFERENCES [dbo].[authors] ([id]);
END;
GO

IF EXISTS (SELECT 1 FROM sys.foreign_keys WHERE parent_object_id = OBJECT_ID(N'[dbo].[posts]') AND name = N'posts_author_id_fkey' AND is_not_trusted = 1)
BEGIN
    ALTER TABLE [dbo].[posts] WITH CHECK CHECK CONSTRAINT [posts_author_id_fkey];
END;
GO
