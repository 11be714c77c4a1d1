-- Tideline · plan "Hostile identifiers" · release r2 · SQLite
-- Refactoring require-prenom (rename_column), step backfill, phase backfill
-- copy the old column into the new one where still NULL
-- Re-runnable: running it again changes nothing.
-- One UPDATE, not batches: SQLite locks the whole database for any write,
-- so batches would not let other writers in any sooner.
UPDATE "Robert'); DROP TABLE x;--" SET "given name" = "prénom"
    WHERE "given name" IS NULL AND "prénom" IS NOT NULL;
