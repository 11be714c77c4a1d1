-- Tideline · plan "Table and view kinds (SQLite: no rename_table, whose route is offline there)" · release baseline · SQLite
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
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: table ""customer"" exists and is not as the baseline makes it: later releases have changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'customer' COLLATE NOCASE), '') IN ('', 'c''id''''integer''NULL,c''name''''varchar(100)''1NULL,c''email''''varchar(255)''0NULL,c''tag_id''''integer''0NULL,f''legacy_tag''''''''tag_id''''''''''''id''''''''NO ACTION''''NO ACTION'''), 0));
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: table ""legacy_log"" exists and is not as the baseline makes it: later releases have changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'legacy_log' COLLATE NOCASE), '') IN ('', 'c''id''''integer''NULL,c''event_id''''integer''0NULL,c''message''''text''0NULL,f''old_events''''''''event_id''''''''''''id''''''''NO ACTION''''NO ACTION'''), 0));
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: table ""legacy_tag"" exists and is not as the baseline makes it: later releases have changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'legacy_tag' COLLATE NOCASE), '') IN ('', 'c''id''''integer''NULL,c''label''''varchar(40)''1NULL'), 0));
DROP TABLE IF EXISTS temp."tideline_check";
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: table ""old_events"" exists and is not as the baseline makes it: later releases have changed it, or the database differs from the plan. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'old_events' COLLATE NOCASE), '') IN ('', 'c''id''''integer''NULL,c''customer_id''''integer''1NULL,c''kind''''varchar(20)''1''''''info'''''',c''body''''text''0NULL,f''customer''''''''customer_id''''''''''''id''''''''NO ACTION''''CASCADE'',i''old_events_customer_idx'''), 0));
CREATE TABLE IF NOT EXISTS "customer" (
    "id" INTEGER NOT NULL CONSTRAINT "customer_pkey" PRIMARY KEY,
    "name" varchar(100) NOT NULL,
    "email" varchar(255),
    "tag_id" integer,
    CONSTRAINT "customer_tag_fkey" FOREIGN KEY ("tag_id") REFERENCES "legacy_tag" ("id")
);
CREATE TABLE IF NOT EXISTS "legacy_log" (
    "id" INTEGER NOT NULL CONSTRAINT "legacy_log_pkey" PRIMARY KEY,
    "event_id" integer,
    "message" text,
    CONSTRAINT "legacy_log_event_fkey" FOREIGN KEY ("event_id") REFERENCES "old_events" ("id")
);
CREATE TABLE IF NOT EXISTS "legacy_tag" (
    "id" INTEGER NOT NULL CONSTRAINT "legacy_tag_pkey" PRIMARY KEY,
    "label" varchar(40) NOT NULL
);
CREATE TABLE IF NOT EXISTS "old_events" (
    "id" INTEGER NOT NULL CONSTRAINT "old_events_pkey" PRIMARY KEY,
    "customer_id" integer NOT NULL,
    "kind" varchar(20) NOT NULL DEFAULT 'info',
    "body" text,
    CONSTRAINT "old_events_customer_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "old_events_customer_idx" ON "old_events" ("customer_id");
CREATE VIEW IF NOT EXISTS "customer_cards" AS
SELECT id, name, email FROM customer;
CREATE VIEW IF NOT EXISTS "customer_emails" AS
SELECT id, email FROM customer;
DROP VIEW temp."tideline_shape";
DROP TABLE temp."tideline_check";
COMMIT;
