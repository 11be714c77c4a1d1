-- Tideline · plan "SQLite rich schema" · release r2 · SQLite
-- Refactoring plain-category (add_column), step contract, phase pre
-- once every running version writes the column: fill rows an older version left NULL, then set the default and NOT NULL
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
-- One UPDATE, not batches: SQLite locks the whole database for any write,
-- so batches would not let other writers in any sooner.
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: ""plain"".""category"" is gone: a later release has dropped or replaced it, so there is nothing left to fill. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(EXISTS (SELECT 1 FROM pragma_table_xinfo('plain') WHERE name = 'category'), 0));
-- The columns the value reads are looked up per row, so the statement still runs,
-- and fills nothing, once a later release has dropped them.
UPDATE "plain" SET "category" = "tideline_fill"."tideline_value"
    FROM (SELECT "tideline_rows"."tideline_key" AS "tideline_key",
            (SELECT (CASE WHEN amount > 10 THEN 'big' ELSE 'small' END) FROM "plain" WHERE "plain".rowid = "tideline_rows"."tideline_key") AS "tideline_value"
          FROM (SELECT "plain".rowid AS "tideline_key", NULL AS "amount" FROM "plain" WHERE "plain"."category" IS NULL) AS "tideline_rows") AS "tideline_fill"
    WHERE "plain".rowid = "tideline_fill"."tideline_key" AND "tideline_fill"."tideline_value" IS NOT NULL;
DROP TABLE temp."tideline_check";
COMMIT;
