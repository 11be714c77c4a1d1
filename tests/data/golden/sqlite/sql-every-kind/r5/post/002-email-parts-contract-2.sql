-- Tideline · plan "Every kind" · release r5 · SQLite
-- Refactoring email-parts (split_column), step contract, phase post
-- drop the triggers and the old column
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: the sync trigger of ""customer"".""email_lower"" is not the one this file drops: a later release has made another. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name IN ('tideline_sync_customer_email_lower_insert', 'tideline_sync_customer_email_lower_update') AND sql NOT IN ('CREATE TRIGGER "tideline_sync_customer_email_lower_insert" AFTER INSERT ON "customer" FOR EACH ROW
WHEN NEW."email_lower" IS NULL
BEGIN
    UPDATE "customer" SET "email_lower" = (lower(email)) WHERE "customer".rowid = NEW.rowid;
END', 'CREATE TRIGGER "tideline_sync_customer_email_lower_update" AFTER UPDATE OF "email" ON "customer" FOR EACH ROW
WHEN (NEW."email" IS NOT OLD."email") AND NEW."email_lower" IS OLD."email_lower"
BEGIN
    UPDATE "customer" SET "email_lower" = (lower(email)) WHERE "customer".rowid = NEW.rowid;
END')), 0));
DROP TRIGGER IF EXISTS "tideline_sync_customer_email_lower_insert";
DROP TRIGGER IF EXISTS "tideline_sync_customer_email_lower_update";
DROP TABLE temp."tideline_check";
COMMIT;
