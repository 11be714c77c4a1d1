-- Tideline · plan "Table and view kinds (SQLite: no rename_table, whose route is offline there)" · release r3 · SQLite
-- Refactoring no-tags (drop_table), step contract, phase post
-- drop the foreign keys that reference it (dropReferencingKeys), then the table
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
-- sqlite.org's procedure for changes ALTER TABLE cannot make: foreign keys off for this session (with them on, DROP TABLE would delete the rows of ON DELETE CASCADE children),
-- legacy_alter_table so that the rename leaves views and triggers that name the table alone.
PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
BEGIN IMMEDIATE;
DROP VIEW IF EXISTS temp."tideline_shape";
CREATE TEMP VIEW "tideline_shape" (name, shape) AS
    SELECT m.name, (SELECT group_concat(e, ',') FROM (
        SELECT 0 AS k, cid AS o, 'c' || quote(name) || quote(lower(replace(type, ' ', ''))) || CASE WHEN pk > 0 THEN '' ELSE "notnull" END || quote(dflt_value) AS e FROM pragma_table_xinfo(m.name) WHERE hidden <> 1
        UNION ALL SELECT 1, e, e FROM (
          SELECT 'i' || quote(name) AS e FROM pragma_index_list(m.name) WHERE origin = 'c'
          UNION ALL SELECT CASE origin WHEN 'pk' THEN 'p' ELSE 'u' END || (SELECT group_concat(quote(name), ',') FROM (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno)) FROM pragma_index_list(m.name) AS l WHERE origin IN ('pk', 'u')
          UNION ALL SELECT 't' || quote(name) FROM sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower(m.name)
          UNION ALL SELECT 'f' || quote(lower(f."table")) || quote(group_concat(quote(f."from"), ',')) || quote(group_concat(quote(coalesce(f."to", (SELECT p.name FROM pragma_table_info(f."table") AS p WHERE p.pk = f.seq + 1))), ',')) || quote(f.on_update) || quote(f.on_delete) AS e FROM (SELECT * FROM pragma_foreign_key_list(m.name) ORDER BY id, seq) AS f GROUP BY f.id)
        ORDER BY 1, 2))
    FROM sqlite_master AS m WHERE m.type = 'table';
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: ""customer"" is neither as this file expects it before its change nor after it: a later release has changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'customer' COLLATE NOCASE), '') IN ('c''id''''integer''NULL,c''name''''varchar(100)''1NULL,c''email''''varchar(255)''0NULL,c''tag_id''''integer''0NULL,f''legacy_tag''''''''tag_id''''''''''''id''''''''NO ACTION''''NO ACTION''', 'c''id''''integer''NULL,c''name''''varchar(100)''1NULL,c''email''''varchar(255)''0NULL,c''tag_id''''integer''0NULL'), 0));
DROP TABLE IF EXISTS temp."tideline_fk";
CREATE TEMP TABLE "tideline_fk" AS SELECT (SELECT count(*) FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND (lower(name) IN (lower('customer')) OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(name) AS f WHERE lower(f."table") IN (lower('customer'))))) AS m, pragma_foreign_key_check(m.name) AS v) AS "n";
CREATE TABLE "tideline_new_customer" (
    "id" INTEGER NOT NULL CONSTRAINT "customer_pkey" PRIMARY KEY,
    "name" varchar(100) NOT NULL,
    "email" varchar(255),
    "tag_id" integer
);
INSERT INTO "tideline_new_customer" ("id", "name", "email", "tag_id")
    SELECT "customer"."id", "customer"."name", "customer"."email", "customer"."tag_id"
    FROM "customer";
DROP TABLE "customer";
ALTER TABLE "tideline_new_customer" RENAME TO "customer";
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: the change would leave rows that break a foreign key of ""customer"" or of a table referencing it (PRAGMA foreign_key_check lists them). Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce((SELECT count(*) FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND (lower(name) IN (lower('customer')) OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(name) AS f WHERE lower(f."table") IN (lower('customer'))))) AS m, pragma_foreign_key_check(m.name) AS v) <= (SELECT "n" FROM temp."tideline_fk"), 0));
DROP TABLE temp."tideline_fk";
DROP VIEW temp."tideline_shape";
DROP TABLE temp."tideline_check";
COMMIT;
PRAGMA legacy_alter_table = OFF;
