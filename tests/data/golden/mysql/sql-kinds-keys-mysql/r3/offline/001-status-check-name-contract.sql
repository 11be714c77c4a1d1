-- Tideline · plan "Key kinds (MySQL)" · release r3 · MySQL/MariaDB
-- Refactoring status-check-name (rename_constraint), step contract, phase pre
-- rename the constraint (nothing when it has the new name already)
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
-- OFFLINE: MySQL cannot rename a CHECK constraint: it is dropped and added again under the new name, and adding it copies the table with writes blocked while every row is checked (MySQL manual, Online DDL Operations: table constraints)
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'orders' AND constraint_name = 'orders_status_check' AND constraint_type = 'CHECK') AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'orders' AND constraint_name = 'orders_status_given' AND constraint_type = 'CHECK'),
    'ALTER TABLE `orders` DROP CONSTRAINT `orders_status_check`, ADD CONSTRAINT `orders_status_given` CHECK (status <> '''')',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
