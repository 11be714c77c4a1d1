-- Tideline · plan "Table and view kinds" · release r1 · PostgreSQL
-- Refactoring events (rename_table), step expand, phase pre
-- rename the table and, in the same transaction, create a view of all its columns under the old name
-- Run it as it stands: psql -X -v ON_ERROR_STOP=1 -f FILE (it may also run in one transaction,
-- e.g. psql --single-transaction).
-- Re-runnable: every statement asks the catalog first, so a second run changes nothing; run again after
-- later releases, it skips what they removed instead of failing.
SET lock_timeout = '1s';
SET statement_timeout = '5s';
-- One transaction: the table takes its new name and the old name becomes a view over it
-- (simple views take inserts, updates and deletes), so versions that use the old name
-- keep working. A re-run finds the view, or after the contract nothing, and does nothing.
DO $tideline$
BEGIN
    IF (SELECT relkind FROM pg_catalog.pg_class WHERE oid = pg_catalog.to_regclass('"old_events"')) IN ('r', 'p')
       AND pg_catalog.to_regclass('"events"') IS NULL THEN
        ALTER TABLE "old_events" RENAME TO "events";
        CREATE VIEW "old_events" ("id", "customer_id", "kind", "body") AS
        SELECT "id", "customer_id", "kind", "body" FROM "events";
    END IF;
END
$tideline$;
