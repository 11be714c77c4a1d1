-- Tideline · plan "Every kind" · release r2 · SQLite
-- Refactoring note-required (set_not_null), step backfill, phase backfill
-- fill existing NULLs, in batches
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Re-runnable: running it again changes nothing.
-- One UPDATE, not batches: SQLite locks the whole database for any write,
-- so batches would not let other writers in any sooner.
UPDATE "orders" SET "note" = ('')
    WHERE "note" IS NULL;
