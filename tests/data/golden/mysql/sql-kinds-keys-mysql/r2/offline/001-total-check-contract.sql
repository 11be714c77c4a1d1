-- Tideline · plan "Key kinds (MySQL)" · release r2 · MySQL/MariaDB
-- Refactoring total-check (add_check), step contract, phase pre
-- add the CHECK once every running version honours it, validating existing rows without blocking writes where the engine can
-- Contains SQL written in the plan (a backfill or conversion expression).
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
-- OFFLINE: MySQL adds a CHECK constraint by copying the table (ALGORITHM=COPY): concurrent writes are blocked while every row is checked (MySQL manual, Online DDL Operations: table constraints)
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'orders' AND constraint_name = 'orders_total_check' AND constraint_type = 'CHECK'),
    'ALTER TABLE `orders` ADD CONSTRAINT `orders_total_check` CHECK (total >= 0)',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
