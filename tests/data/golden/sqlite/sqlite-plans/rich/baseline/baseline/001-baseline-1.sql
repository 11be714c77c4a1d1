-- Tideline · plan "SQLite rich schema" · release baseline · SQLite
-- Baseline schema S_0
-- Runs as it stands: sqlite3 -bail DATABASE < FILE. It holds its own transaction: do not wrap it in another.
-- Running it again changes nothing. Once a later release has changed what it touches, it changes nothing either, or stops at its check ("CHECK constraint failed: tideline: ...") before changing anything; tideline-cli apply then skips it (its guard in manifest.json) if its ledger shows the file applied before.
PRAGMA busy_timeout = 5000;
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
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: table ""audit"" exists and is not as the baseline makes it: later releases have changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'audit' COLLATE NOCASE), '') IN ('', 'c''at''''text''0NULL,c''what''''text''0NULL'), 0));
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: table ""child"" exists and is not as the baseline makes it: later releases have changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'child' COLLATE NOCASE), '') IN ('', 'c''id''''integer''NULL,c''parent_id''''integer''1NULL,c''parent_code''''text''0NULL,c''note''''text''0NULL,f''parent''''''''parent_code''''''''''''code''''''''NO ACTION''''SET NULL'',f''parent''''''''parent_id''''''''''''id''''''''CASCADE''''CASCADE'',i''child_parent_idx'',t''child_touches_parent'''), 0));
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: table ""kv"" exists and is not as the baseline makes it: later releases have changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'kv' COLLATE NOCASE), '') IN ('', 'c''k''''text''NULL,c''v''''text''1NULL,c''extra''''text''0NULL,p''k'''), 0));
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: table ""parent"" exists and is not as the baseline makes it: later releases have changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'parent' COLLATE NOCASE), '') IN ('', 'c''id''''integer''NULL,c''name''''text''1NULL,c''code''''text''0NULL,c''kind''''varchar(20)''1''''''paper'''''',c''score''''integer''0NULL,c''doubled''''integer''0NULL,c''name_length''''integer''0NULL,i''parent_lower_idx'',i''parent_name_idx'',t''parent_audit'',u''code'''), 0));
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: table ""plain"" exists and is not as the baseline makes it: later releases have changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'plain' COLLATE NOCASE), '') IN ('', 'c''label''''text''0NULL,c''amount''''integer''0NULL'), 0));
CREATE TABLE IF NOT EXISTS "audit" (
    "at" TEXT,
    "what" TEXT
);
CREATE TABLE IF NOT EXISTS "child" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "parent_id" INTEGER NOT NULL,
    "parent_code" TEXT,
    "note" TEXT,
    FOREIGN KEY ("parent_id") REFERENCES "parent" ("id") ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT "child_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "parent" ("code") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "child_parent_idx" ON "child" ("parent_id");
DROP TRIGGER IF EXISTS "child_touches_parent";
CREATE TRIGGER child_touches_parent AFTER INSERT ON child
BEGIN
  UPDATE parent SET score = coalesce(score, 0) WHERE id = NEW.parent_id AND score IS NULL;
END;
CREATE TABLE IF NOT EXISTS "kv" (
    "k" TEXT NOT NULL,
    "v" TEXT NOT NULL,
    "extra" TEXT,
    PRIMARY KEY ("k")
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS "parent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL COLLATE NOCASE,
    "code" TEXT,
    "kind" VARCHAR(20) NOT NULL DEFAULT 'paper',
    "score" INTEGER,
    "doubled" INTEGER GENERATED ALWAYS AS (score * 2) VIRTUAL,
    "name_length" INTEGER GENERATED ALWAYS AS (length(name)) STORED,
    CONSTRAINT "parent_code_key" UNIQUE ("code"),
    CHECK (kind IN ('paper', 'digital'))
);
CREATE INDEX IF NOT EXISTS "parent_name_idx" ON "parent" ("name" DESC)
    WHERE code IS NOT NULL;
CREATE INDEX IF NOT EXISTS "parent_lower_idx" ON "parent" ((lower(name)));
DROP TRIGGER IF EXISTS "parent_audit";
CREATE TRIGGER parent_audit AFTER UPDATE OF name ON parent
BEGIN
  INSERT INTO audit (at, what) VALUES (CURRENT_TIMESTAMP, 'renamed ' || NEW.id);
END;
CREATE TABLE IF NOT EXISTS "plain" (
    "label" TEXT,
    "amount" INTEGER
);
CREATE VIEW IF NOT EXISTS "parent_names" AS
SELECT id, name FROM parent;
DROP VIEW temp."tideline_shape";
DROP TABLE temp."tideline_check";
COMMIT;
