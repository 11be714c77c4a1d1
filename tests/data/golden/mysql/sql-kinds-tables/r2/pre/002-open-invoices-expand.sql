-- Tideline · plan "Table and view kinds" · release r2 · MySQL/MariaDB
-- Refactoring open-invoices (create_view), step expand, phase pre
-- create the view
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'open_invoices'),
    'CREATE VIEW `open_invoices` (`invoice`, `customer`, `total`) AS
SELECT id, customer_id, amount FROM invoice WHERE status = ''open''',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
