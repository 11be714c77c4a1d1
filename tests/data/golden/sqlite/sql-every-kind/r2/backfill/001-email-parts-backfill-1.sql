-- Tideline · plan "Every kind" · release r2 · SQLite
-- Refactoring email-parts (split_column), step backfill, phase backfill
-- compute the new columns where still NULL
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Re-runnable: running it again changes nothing.
-- One UPDATE, not batches: SQLite locks the whole database for any write,
-- so batches would not let other writers in any sooner.
UPDATE "customer" SET "email_head" = (substr(email, 1, 3))
    WHERE "email_head" IS NULL;
