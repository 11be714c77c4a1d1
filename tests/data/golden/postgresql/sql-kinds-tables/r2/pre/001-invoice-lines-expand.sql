-- Tideline · plan "Table and view kinds" · release r2 · PostgreSQL
-- Refactoring invoice-lines (create_table), step expand, phase pre
-- create the table with its keys, constraints and foreign keys
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TABLE IF NOT EXISTS "invoice_line" (
    "invoice_id" bigint NOT NULL,
    "line_no" integer NOT NULL,
    "label" varchar(80) NOT NULL,
    "qty" integer NOT NULL DEFAULT 1,
    CONSTRAINT "invoice_line_pkey" PRIMARY KEY ("invoice_id", "line_no"),
    CONSTRAINT "invoice_line_qty_check" CHECK (qty > 0)
);
DO $tideline$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass('"invoice_line"') AND conname = 'invoice_line_invoice_id_fkey')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"invoice_line"') AND attname = 'invoice_id' AND NOT attisdropped)
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('"invoice"') AND attname = 'id' AND NOT attisdropped) THEN
        ALTER TABLE "invoice_line" ADD CONSTRAINT "invoice_line_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoice" ("id") ON DELETE CASCADE;
    END IF;
END
$tideline$;
