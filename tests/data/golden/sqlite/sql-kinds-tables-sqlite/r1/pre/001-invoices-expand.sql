-- Tideline · plan "Table and view kinds (SQLite: no rename_table, whose route is offline there)" · release r1 · SQLite
-- Refactoring invoices (create_table), step expand, phase pre
-- create the table with its keys, constraints and foreign keys
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
CREATE TEMP TABLE "tideline_check" ("ok" INTEGER CONSTRAINT "tideline: table ""invoice"" exists and is not as this file makes it: a later release has changed it. Nothing was changed." CHECK ("ok"));
INSERT INTO temp."tideline_check" VALUES (coalesce(coalesce((SELECT shape FROM temp."tideline_shape" WHERE name = 'invoice' COLLATE NOCASE), '') IN ('', 'c''id''''integer''NULL,c''customer_id''''integer''1NULL,c''code''''varchar(20)''1NULL,c''amount''''numeric(12,2)''1''0.00'',c''status''''varchar(10)''1''''''open'''''',c''note''''text''0NULL,f''customer''''''''customer_id''''''''''''id''''''''NO ACTION''''CASCADE'',u''code'''), 0));
CREATE TABLE IF NOT EXISTS "invoice" (
    "id" INTEGER NOT NULL CONSTRAINT "invoice_pkey" PRIMARY KEY,
    "customer_id" integer NOT NULL,
    "code" varchar(20) NOT NULL,
    "amount" numeric(12,2) NOT NULL DEFAULT 0.00,
    "status" varchar(10) NOT NULL DEFAULT 'open',
    "note" text,
    CONSTRAINT "invoice_code_key" UNIQUE ("code"),
    CONSTRAINT "invoice_amount_check" CHECK (amount >= 0),
    CONSTRAINT "invoice_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE
);
DROP VIEW temp."tideline_shape";
DROP TABLE temp."tideline_check";
COMMIT;
