-- Tideline · plan "SQLite rich schema" · release r4 · SQLite
-- Refactoring code-rename (rename_column), step contract, phase post
-- drop the trigger and the old column with its indexes
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
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: ""parent"" is neither as this file expects it before its change nor after it: a later release has changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'parent' COLLATE NOCASE), '') IN ('c''id''''integer''NULL,c''name''''text''1NULL,c''code''''text''0NULL,c''score''''bigint''0NULL,c''doubled''''integer''0NULL,c''name_length''''integer''0NULL,c''ticket_kind''''varchar(20)''1''''''paper'''''',c''ref_code''''text''0NULL,i''parent_lower_idx'',i''parent_name_idx_ref_code'',t''parent_audit'',u''ref_code''', 'c''id''''integer''NULL,c''name''''text''1NULL,c''score''''bigint''0NULL,c''doubled''''integer''0NULL,c''name_length''''integer''0NULL,c''ticket_kind''''varchar(20)''1''''''paper'''''',c''ref_code''''text''0NULL,i''parent_lower_idx'',i''parent_name_idx_ref_code'',t''parent_audit'',u''ref_code'''), 0));
DROP TABLE IF EXISTS temp."tideline_fk";
CREATE TEMP TABLE "tideline_fk" AS SELECT (SELECT count(*) FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND (lower(name) IN (lower('parent')) OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(name) AS f WHERE lower(f."table") IN (lower('parent'))))) AS m, pragma_foreign_key_check(m.name) AS v) AS "n";
CREATE TABLE "tideline_new_parent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL COLLATE NOCASE,
    "score" bigint,
    "doubled" INTEGER GENERATED ALWAYS AS (score * 2) VIRTUAL,
    "name_length" INTEGER GENERATED ALWAYS AS (length(name)) STORED,
    "ticket_kind" VARCHAR(20) NOT NULL DEFAULT 'paper',
    "ref_code" TEXT,
    CONSTRAINT "parent_ticket_kind_check" CHECK (ticket_kind IN ('paper', 'digital')),
    CONSTRAINT "parent_ref_code_key" UNIQUE ("ref_code")
);
INSERT INTO "tideline_new_parent" ("id", "name", "score", "ticket_kind", "ref_code")
    SELECT "parent"."id", "parent"."name", "parent"."score", "parent"."ticket_kind", "parent"."ref_code"
    FROM "parent";
INSERT INTO sqlite_sequence (name, seq) SELECT 'tideline_new_parent', seq FROM sqlite_sequence WHERE name = 'parent' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'tideline_new_parent');
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(seq) FROM sqlite_sequence WHERE name = 'parent'), 0)) WHERE name = 'tideline_new_parent';
DROP TABLE "parent";
ALTER TABLE "tideline_new_parent" RENAME TO "parent";
CREATE INDEX IF NOT EXISTS "parent_lower_idx" ON "parent" ((lower(name)));
CREATE INDEX IF NOT EXISTS "parent_name_idx_ref_code" ON "parent" ("name" DESC)
    WHERE ref_code IS NOT NULL;
DROP TRIGGER IF EXISTS "parent_audit";
CREATE TRIGGER parent_audit AFTER UPDATE OF name ON parent
BEGIN
  INSERT INTO audit (at, what) VALUES (CURRENT_TIMESTAMP, 'renamed ' || NEW.id);
END;
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: the change would leave rows that break a foreign key of ""parent"" or of a table referencing it (PRAGMA foreign_key_check lists them). Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce((SELECT count(*) FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND (lower(name) IN (lower('parent')) OR EXISTS (SELECT 1 FROM pragma_foreign_key_list(name) AS f WHERE lower(f."table") IN (lower('parent'))))) AS m, pragma_foreign_key_check(m.name) AS v) <= (SELECT "n" FROM temp."tideline_fk"), 0));
DROP TABLE temp."tideline_fk";
DROP VIEW temp."tideline_shape";
DROP TABLE temp."tideline_check";
COMMIT;
PRAGMA legacy_alter_table = OFF;
