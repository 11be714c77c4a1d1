-- Tideline · plan "Table and view kinds (SQLite: no rename_table, whose route is offline there)" · release r2 · SQLite
-- Refactoring no-log (drop_table), step contract, phase post
-- drop the foreign keys that reference it (dropReferencingKeys), then the table
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
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: ""legacy_log"" is not the table this file drops: a later release has made another under its name. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'legacy_log' COLLATE NOCASE), '') IN ('', 'c''id''''integer''NULL,c''event_id''''integer''0NULL,c''message''''text''0NULL,f''old_events''''''''event_id''''''''''''id''''''''NO ACTION''''NO ACTION'''), 0));
DROP TABLE IF EXISTS "legacy_log";
DROP VIEW temp."tideline_shape";
DROP TABLE temp."tideline_check";
COMMIT;
