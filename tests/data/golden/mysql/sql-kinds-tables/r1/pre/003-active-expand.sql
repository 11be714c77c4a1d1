-- Tideline · plan "Table and view kinds" · release r1 · MySQL/MariaDB
-- Refactoring active (create_view), step expand, phase pre
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

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'active_customers'),
    'CREATE VIEW `active_customers` (`id`, `display_name`) AS
SELECT c.id, c.name AS display_name FROM customer c WHERE c.email IS NOT NULL',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
