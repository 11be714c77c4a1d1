-- Tideline · plan "Hostile identifiers" · release baseline · SQLite
-- Baseline schema S_0
-- Re-runnable: running it again changes nothing.
CREATE TABLE IF NOT EXISTS "Robert'); DROP TABLE x;--" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "select" text,
    "prénom" varchar(50) NOT NULL,
    "we""ird`]" text
);
