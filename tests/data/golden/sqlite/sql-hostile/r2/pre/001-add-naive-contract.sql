-- Tideline · plan "Hostile identifiers" · release r2 · SQLite
-- Refactoring add-naive (add_column), step contract, phase pre
-- set NOT NULL once every running version writes the column
-- Re-runnable: running it again changes nothing.
PRAGMA defer_foreign_keys = ON;
DROP TABLE IF EXISTS temp."tideline_old_Robert'); DROP TABLE x;--";
CREATE TABLE temp."tideline_old_Robert'); DROP TABLE x;--" AS SELECT * FROM "Robert'); DROP TABLE x;--";
DROP TABLE "Robert'); DROP TABLE x;--";
CREATE TABLE "Robert'); DROP TABLE x;--" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "select" text,
    "prénom" varchar(50) NOT NULL,
    "we""ird`]" text,
    "from" text,
    "naïve $$ column" varchar(20) NOT NULL
);
INSERT INTO "Robert'); DROP TABLE x;--" ("id", "select", "prénom", "we""ird`]", "from", "naïve $$ column")
    SELECT "id", "select", "prénom", "we""ird`]", "from", "naïve $$ column" FROM temp."tideline_old_Robert'); DROP TABLE x;--";
DROP TABLE temp."tideline_old_Robert'); DROP TABLE x;--";
