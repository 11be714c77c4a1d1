-- Tideline · plan "Hostile identifiers" · release r1 · SQLite
-- Refactoring rename-select (rename_column), step backfill, phase backfill
-- copy the old column into the new one where still NULL
-- Re-runnable: running it again changes nothing.
-- One UPDATE, not batches: SQLite locks the whole database for any write,
-- so batches would not let other writers in any sooner.
UPDATE "Robert'); DROP TABLE x;--" SET "from" = "select"
    WHERE "from" IS NULL AND "select" IS NOT NULL;
