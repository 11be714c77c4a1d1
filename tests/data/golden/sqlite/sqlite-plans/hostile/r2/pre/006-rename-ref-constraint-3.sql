-- Tideline · plan "SQLite hostile names" · release r2 · SQLite
-- Refactoring rename-ref (rename_column), step constraint, phase pre
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
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: ""Ord*/ers; --""""x"""" %1"" is neither as this file expects it before its change nor after it: a later release has changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'Ord*/ers; --"x" %1' COLLATE NOCASE), '') IN ('c''id''''integer''NULL,c''sel"ect''''text''1''''''--not a comment */'''''',c''%2 ref''''text''0NULL,c''naïve ☃''''varchar(40)''0NULL,c''amount; DROP TABLE canary''''integer''0NULL,c''from */ x''''text''1''''''--not a comment */'''''',c''ref; %10''''text''0NULL,c''naïve ☃_new''''text''0NULL,c''li''''teral''''text''0NULL,i''idx */ --'',i''idx */ --_from */ x'',i''idx */ --_ref; %10'',t''tideline_sync_Ord*/ers; --"x" %1_from */ x_insert'',t''tideline_sync_Ord*/ers; --"x" %1_from */ x_update'',t''tideline_sync_Ord*/ers; --"x" %1_naïve ☃_new_insert'',t''tideline_sync_Ord*/ers; --"x" %1_naïve ☃_new_update'',t''tideline_sync_Ord*/ers; --"x" %1_ref; %10_insert'',t''tideline_sync_Ord*/ers; --"x" %1_ref; %10_update''', 'c''id''''integer''NULL,c''sel"ect''''text''1''''''--not a comment */'''''',c''%2 ref''''text''0NULL,c''naïve ☃''''varchar(40)''0NULL,c''amount; DROP TABLE canary''''integer''0NULL,c''from */ x''''text''1''''''--not a comment */'''''',c''ref; %10''''text''0NULL,c''naïve ☃_new''''text''0NULL,c''li''''teral''''text''0NULL,f''pa''''rent [ü] `%10`''''''''ref; %10''''''''''''na;me''''''''NO ACTION''''SET NULL'',i''idx */ --'',i''idx */ --_from */ x'',i''idx */ --_ref; %10'',t''tideline_sync_Ord*/ers; --"x" %1_from */ x_insert'',t''tideline_sync_Ord*/ers; --"x" %1_from */ x_update'',t''tideline_sync_Ord*/ers; --"x" %1_naïve ☃_new_insert'',t''tideline_sync_Ord*/ers; --"x" %1_naïve ☃_new_update'',t''tideline_sync_Ord*/ers; --"x" %1_ref; %10_insert'',t''tideline_sync_Ord*/ers; --"x" %1_ref; %10_update'''), 0));
DROP TABLE IF EXISTS temp."tideline_fk";
CREATE TEMP TABLE "tideline_fk" AS SELECT (SELECT count(*) FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND (lower(name) IN (lower('Ord*/ers; --"x" %1')) OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(name) AS f WHERE lower(f."table") IN (lower('Ord*/ers; --"x" %1'))))) AS m, pragma_foreign_key_check(m.name) AS v) AS "n";
CREATE TABLE "tideline_new_Ord*/ers; --""x"" %1" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "sel""ect" text NOT NULL DEFAULT '--not a comment */',
    "%2 ref" text,
    "naïve ☃" varchar(40),
    "amount; DROP TABLE canary" integer,
    "from */ x" text NOT NULL DEFAULT '--not a comment */',
    "ref; %10" text,
    "naïve ☃_new" text,
    "li'teral" text,
    CONSTRAINT "fk; --_ref; %10" FOREIGN KEY ("ref; %10") REFERENCES "pa'rent [ü] `%10`" ("na;me") ON DELETE SET NULL
);
INSERT INTO "tideline_new_Ord*/ers; --""x"" %1" ("id", "sel""ect", "%2 ref", "naïve ☃", "amount; DROP TABLE canary", "from */ x", "ref; %10", "naïve ☃_new", "li'teral")
    SELECT "Ord*/ers; --""x"" %1"."id", "Ord*/ers; --""x"" %1"."sel""ect", "Ord*/ers; --""x"" %1"."%2 ref", "Ord*/ers; --""x"" %1"."naïve ☃", "Ord*/ers; --""x"" %1"."amount; DROP TABLE canary", "Ord*/ers; --""x"" %1"."from */ x", "Ord*/ers; --""x"" %1"."ref; %10", "Ord*/ers; --""x"" %1"."naïve ☃_new", "Ord*/ers; --""x"" %1"."li'teral"
    FROM "Ord*/ers; --""x"" %1";
DROP TABLE "Ord*/ers; --""x"" %1";
ALTER TABLE "tideline_new_Ord*/ers; --""x"" %1" RENAME TO "Ord*/ers; --""x"" %1";
CREATE INDEX IF NOT EXISTS "idx */ --" ON "Ord*/ers; --""x"" %1" ("sel""ect")
    WHERE "%2 ref" IS NOT NULL;
CREATE INDEX IF NOT EXISTS "idx */ --_from */ x" ON "Ord*/ers; --""x"" %1" ("from */ x")
    WHERE "%2 ref" IS NOT NULL;
CREATE INDEX IF NOT EXISTS "idx */ --_ref; %10" ON "Ord*/ers; --""x"" %1" ("sel""ect")
    WHERE "ref; %10" IS NOT NULL;
DROP TRIGGER IF EXISTS "tideline_sync_Ord*/ers; --""x"" %1_from */ x_insert";
DROP TRIGGER IF EXISTS "tideline_sync_Ord*/ers; --""x"" %1_from */ x_update";
CREATE TRIGGER "tideline_sync_Ord*/ers; --""x"" %1_from */ x_insert" AFTER INSERT ON "Ord*/ers; --""x"" %1" FOR EACH ROW
WHEN NEW."from */ x" IS NULL
BEGIN
    UPDATE "Ord*/ers; --""x"" %1" SET "from */ x" = NEW."sel""ect" WHERE "Ord*/ers; --""x"" %1".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_Ord*/ers; --""x"" %1_from */ x_update" AFTER UPDATE OF "sel""ect" ON "Ord*/ers; --""x"" %1" FOR EACH ROW
WHEN (NEW."sel""ect" IS NOT OLD."sel""ect") AND NEW."from */ x" IS OLD."from */ x"
BEGIN
    UPDATE "Ord*/ers; --""x"" %1" SET "from */ x" = NEW."sel""ect" WHERE "Ord*/ers; --""x"" %1".rowid = NEW.rowid;
END;
DROP TRIGGER IF EXISTS "tideline_sync_Ord*/ers; --""x"" %1_ref; %10_insert";
DROP TRIGGER IF EXISTS "tideline_sync_Ord*/ers; --""x"" %1_ref; %10_update";
CREATE TRIGGER "tideline_sync_Ord*/ers; --""x"" %1_ref; %10_insert" AFTER INSERT ON "Ord*/ers; --""x"" %1" FOR EACH ROW
WHEN NEW."ref; %10" IS NULL
BEGIN
    UPDATE "Ord*/ers; --""x"" %1" SET "ref; %10" = NEW."%2 ref" WHERE "Ord*/ers; --""x"" %1".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_Ord*/ers; --""x"" %1_ref; %10_update" AFTER UPDATE OF "%2 ref" ON "Ord*/ers; --""x"" %1" FOR EACH ROW
WHEN (NEW."%2 ref" IS NOT OLD."%2 ref") AND NEW."ref; %10" IS OLD."ref; %10"
BEGIN
    UPDATE "Ord*/ers; --""x"" %1" SET "ref; %10" = NEW."%2 ref" WHERE "Ord*/ers; --""x"" %1".rowid = NEW.rowid;
END;
DROP TRIGGER IF EXISTS "tideline_sync_Ord*/ers; --""x"" %1_naïve ☃_new_insert";
DROP TRIGGER IF EXISTS "tideline_sync_Ord*/ers; --""x"" %1_naïve ☃_new_update";
CREATE TRIGGER "tideline_sync_Ord*/ers; --""x"" %1_naïve ☃_new_insert" AFTER INSERT ON "Ord*/ers; --""x"" %1" FOR EACH ROW
WHEN NEW."naïve ☃_new" IS NULL
BEGIN
    UPDATE "Ord*/ers; --""x"" %1" SET "naïve ☃_new" = CAST(NEW."naïve ☃" AS text) WHERE "Ord*/ers; --""x"" %1".rowid = NEW.rowid;
END;
CREATE TRIGGER "tideline_sync_Ord*/ers; --""x"" %1_naïve ☃_new_update" AFTER UPDATE OF "naïve ☃" ON "Ord*/ers; --""x"" %1" FOR EACH ROW
WHEN (NEW."naïve ☃" IS NOT OLD."naïve ☃") AND NEW."naïve ☃_new" IS OLD."naïve ☃_new"
BEGIN
    UPDATE "Ord*/ers; --""x"" %1" SET "naïve ☃_new" = CAST(NEW."naïve ☃" AS text) WHERE "Ord*/ers; --""x"" %1".rowid = NEW.rowid;
END;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: the change would leave rows that break a foreign key of ""Ord*/ers; --""""x"""" %1"" or of a table referencing it (PRAGMA foreign_key_check lists them). Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce((SELECT count(*) FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND (lower(name) IN (lower('Ord*/ers; --"x" %1')) OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(name) AS f WHERE lower(f."table") IN (lower('Ord*/ers; --"x" %1'))))) AS m, pragma_foreign_key_check(m.name) AS v) <= (SELECT "n" FROM temp."tideline_fk"), 0));
DROP TABLE temp."tideline_fk";
DROP VIEW temp."tideline_shape";
DROP TABLE temp."tideline_check";
COMMIT;
PRAGMA legacy_alter_table = OFF;
