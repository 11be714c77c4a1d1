-- Tideline · plan "Every kind" · release r2 · SQLite
-- Refactoring display-name (rename_column), step constraint, phase pre
-- give the new column what the old one has: NOT NULL, the default, indexes, UNIQUE, CHECK and foreign keys, and foreign keys of other tables that reference it; then drop those constraints of the old column, which versions that stop writing it must not meet
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
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'customer' COLLATE NOCASE), '') IN ('c''id''''integer''NULL,c''first_name''''varchar(100)''0NULL,c''last_name''''varchar(100)''0NULL,c''email''''varchar(255)''0NULL,c''nickname''''varchar(100)''0NULL,c''phone''''varchar(40)''0NULL,c''score''''integer''1''0'',c''loyalty_points''''integer''1''0'',c''display_name''''varchar(100)''0NULL,c''full_name''''varchar(256)''0NULL,t''tideline_sync_customer_display_name_insert'',t''tideline_sync_customer_display_name_update'',t''tideline_sync_customer_full_name_insert'',t''tideline_sync_customer_full_name_update''', 'c''id''''integer''NULL,c''first_name''''varchar(100)''0NULL,c''last_name''''varchar(100)''0NULL,c''email''''varchar(255)''0NULL,c''nickname''''varchar(100)''0NULL,c''phone''''varchar(40)''0NULL,c''score''''integer''1''0'',c''loyalty_points''''integer''1''0'',c''display_name''''varchar(100)''1NULL,c''full_name''''varchar(256)''0NULL,t''tideline_sync_customer_display_name_insert'',t''tideline_sync_customer_display_name_update'',t''tideline_sync_customer_full_name_insert'',t''tideline_sync_customer_full_name_update'''), 0));
DROP TABLE IF EXISTS temp."tideline_fk";
CREATE TEMP TABLE "tideline_fk" AS SELECT (SELECT count(*) FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND (lower(name) IN (lower('customer')) OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(name) AS f WHERE lower(f."table") IN (lower('customer'))))) AS m, pragma_foreign_key_check(m.name) AS v) AS "n";
CREATE TABLE "tideline_new_customer" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "first_name" varchar(100),
    "last_name" varchar(100),
    "email" varchar(255),
    "nickname" varchar(100),
    "phone" varchar(40),
    "score" integer NOT NULL DEFAULT 0,
    "loyalty_points" integer NOT NULL DEFAULT 0,
    "display_name" varchar(100) NOT NULL,
    "full_name" varchar(256)
);
INSERT INTO "tideline_new_customer" ("id", "first_name", "last_name", "email", "nickname", "phone", "score", "loyalty_points", "display_name", "full_name")
    SELECT "customer"."id", "customer"."first_name", "customer"."last_name", "customer"."email", "customer"."nickname", "customer"."phone", "customer"."score", "customer"."loyalty_points", "customer"."display_name", "customer"."full_name"
    FROM "customer";
DROP TABLE "customer";
ALTER TABLE "tideline_new_customer" RENAME TO "customer";
DROP TRIGGER IF EXISTS "tideline_sync_customer_display_name_insert";
DROP TRIGGER IF EXISTS "tideline_sync_customer_display_name_update";
CREATE TRIGGER "tideline_sync_customer_display_name_insert" AFTER INSERT ON "customer" FOR EACH ROW
WHEN NEW."display_name" IS NULL
BEGIN
    UPDATE "customer" SET "display_name" = NEW."nickname" WHERE "customer".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_customer_display_name_update" AFTER UPDATE OF "nickname" ON "customer" FOR EACH ROW
WHEN (NEW."nickname" IS NOT OLD."nickname") AND NEW."display_name" IS OLD."display_name"
BEGIN
    UPDATE "customer" SET "display_name" = NEW."nickname" WHERE "customer".rowid = NEW.rowid;
END;
DROP TRIGGER IF EXISTS "tideline_sync_customer_full_name_insert";
DROP TRIGGER IF EXISTS "tideline_sync_customer_full_name_update";
CREATE TRIGGER "tideline_sync_customer_full_name_insert" AFTER INSERT ON "customer" FOR EACH ROW
WHEN NEW."full_name" IS NULL
BEGIN
    UPDATE "customer" SET "full_name" = (first_name || ' ' || last_name) WHERE "customer".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_customer_full_name_update" AFTER UPDATE OF "first_name", "last_name" ON "customer" FOR EACH ROW
WHEN (NEW."first_name" IS NOT OLD."first_name" OR NEW."last_name" IS NOT OLD."last_name") AND NEW."full_name" IS OLD."full_name"
BEGIN
    UPDATE "customer" SET "full_name" = (first_name || ' ' || last_name) WHERE "customer".rowid = NEW.rowid;
END;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: the change would leave rows that break a foreign key of ""customer"" or of a table referencing it (PRAGMA foreign_key_check lists them). Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce((SELECT count(*) FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND (lower(name) IN (lower('customer')) OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(name) AS f WHERE lower(f."table") IN (lower('customer'))))) AS m, pragma_foreign_key_check(m.name) AS v) <= (SELECT "n" FROM temp."tideline_fk"), 0));
DROP TABLE temp."tideline_fk";
DROP VIEW temp."tideline_shape";
DROP TABLE temp."tideline_check";
COMMIT;
PRAGMA legacy_alter_table = OFF;
