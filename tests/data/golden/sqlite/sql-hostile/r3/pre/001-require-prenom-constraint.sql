-- Tideline · plan "Hostile identifiers" · release r3 · SQLite
-- Refactoring require-prenom (rename_column), step constraint, phase pre
-- set NOT NULL on the new column
-- Re-runnable: running it again changes nothing.
PRAGMA defer_foreign_keys = ON;
DROP TABLE IF EXISTS temp."tideline_old_Robert'); DROP TABLE x;--";
CREATE TABLE temp."tideline_old_Robert'); DROP TABLE x;--" AS SELECT * FROM "Robert'); DROP TABLE x;--";
DROP TABLE "Robert'); DROP TABLE x;--";
CREATE TABLE "Robert'); DROP TABLE x;--" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "select" text,
    "prénom" varchar(50),
    "from" text,
    "naïve $$ column" varchar(20) NOT NULL,
    "given name" varchar(50) NOT NULL
);
INSERT INTO "Robert'); DROP TABLE x;--" ("id", "select", "prénom", "from", "naïve $$ column", "given name")
    SELECT "id", "select", "prénom", "from", "naïve $$ column", "given name" FROM temp."tideline_old_Robert'); DROP TABLE x;--";
DROP TABLE temp."tideline_old_Robert'); DROP TABLE x;--";
