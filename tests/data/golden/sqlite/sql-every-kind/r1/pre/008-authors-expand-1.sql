-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring authors (move_columns), step expand, phase pre
-- create the new table; add the nullable key column with its foreign key
-- Re-runnable: running it again changes nothing.
CREATE TABLE IF NOT EXISTS "authors" (
    "id" INTEGER NOT NULL CONSTRAINT "authors_pkey" PRIMARY KEY,
    "name" varchar(255),
    "email" varchar(255)
);
