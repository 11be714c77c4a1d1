-- Tideline · plan "Hostile identifiers" · release r1 · SQLite
-- Refactoring add-naive (add_column), step backfill, phase backfill
-- fill existing rows, in batches, where the column is still NULL
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Re-runnable: running it again changes nothing.
-- One UPDATE, not batches: SQLite locks the whole database for any write,
-- so batches would not let other writers in any sooner.
UPDATE "Robert'); DROP TABLE x;--" SET "naïve $$ column" = ('it''s')
    WHERE "naïve $$ column" IS NULL;
