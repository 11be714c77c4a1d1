-- Tideline · plan "Every kind" · release r2 · SQLite
-- Refactoring email-parts (split_column), step expand, phase pre
-- add the new columns (nullable) with triggers that compute them on every write of the old one; relax NOT NULL on the old one
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: a column the sync trigger of ""customer"".""email_head"" needs is gone: a later release has dropped it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce((SELECT count(*) FROM pragma_table_xinfo('customer') WHERE name IN ('email_head', 'email')) = 2, 0));
DROP TRIGGER IF EXISTS "tideline_sync_customer_email_head_insert";
DROP TRIGGER IF EXISTS "tideline_sync_customer_email_head_update";
CREATE TRIGGER "tideline_sync_customer_email_head_insert" AFTER INSERT ON "customer" FOR EACH ROW
WHEN NEW."email_head" IS NULL
BEGIN
    UPDATE "customer" SET "email_head" = (substr(email, 1, 3)) WHERE "customer".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_customer_email_head_update" AFTER UPDATE OF "email" ON "customer" FOR EACH ROW
WHEN (NEW."email" IS NOT OLD."email") AND NEW."email_head" IS OLD."email_head"
BEGIN
    UPDATE "customer" SET "email_head" = (substr(email, 1, 3)) WHERE "customer".rowid = NEW.rowid;
END;
DROP TABLE temp."tideline_check";
COMMIT;
