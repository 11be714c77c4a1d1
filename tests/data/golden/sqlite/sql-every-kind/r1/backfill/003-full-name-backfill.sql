-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring full-name (merge_columns), step backfill, phase backfill
-- compute the merged column where still NULL
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Re-runnable: running it again changes nothing.
-- One UPDATE, not batches: SQLite locks the whole database for any write,
-- so batches would not let other writers in any sooner.
UPDATE "customer" SET "full_name" = (first_name || ' ' || last_name)
    WHERE "full_name" IS NULL;
