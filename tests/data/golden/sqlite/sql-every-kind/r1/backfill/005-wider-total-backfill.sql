-- Tideline · plan "Every kind" · release r1 · SQLite
-- Refactoring wider-total (change_type), step backfill, phase backfill
-- convert existing rows into the shadow column
-- Re-runnable: running it again changes nothing.
-- One UPDATE, not batches: SQLite locks the whole database for any write,
-- so batches would not let other writers in any sooner.
UPDATE "orders" SET "total_new" = CAST("total" AS numeric(12,2))
    WHERE "total_new" IS NULL AND "total" IS NOT NULL;
