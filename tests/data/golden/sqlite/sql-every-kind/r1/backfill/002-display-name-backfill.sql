-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring display-name (rename_column), step backfill, phase backfill
-- copy the old column into the new one where still NULL
-- Re-runnable: running it again changes nothing.
-- One UPDATE, not batches: SQLite locks the whole database for any write,
-- so batches would not let other writers in any sooner.
UPDATE "customer" SET "display_name" = "nickname"
    WHERE "display_name" IS NULL AND "nickname" IS NOT NULL;
