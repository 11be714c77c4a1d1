-- Tideline · plan "MySQL hostile names" · release r2 · MySQL/MariaDB
-- Refactoring widen-long (change_type), step contract, phase pre
-- swap: drop the trigger and the old column, rename the shadow column to its name; its NOT NULL, default, identity, indexes, keys and constraints (and foreign keys that reference it) come along
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
-- OFFLINE: the swap holds LOCK TABLES … WRITE so that no write is lost, and NOT NULL and AUTO_INCREMENT are restated by rebuilding (AUTO_INCREMENT: copying) the table, and the keys, indexes and constraints of the column are built again, so writes wait that long (MySQL manual, Online DDL Operations: column operations)
SET SESSION lock_wait_timeout = 10;

LOCK TABLES `DELIMITER $$\``x'*/` WRITE;
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'DELIMITER $$\\`x''*/' AND column_name = 'cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new'),
    'UPDATE `DELIMITER $$\\``x''*/` SET `cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new` = `cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc` WHERE `cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new` IS NULL',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'DELIMITER $$\\`x''*/' AND column_name = 'cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new'),
    'ALTER TABLE `DELIMITER $$\\``x''*/` DROP INDEX `i*/``\\`, DROP INDEX `i*/``\\_new */ name`, DROP COLUMN `cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc`, CHANGE COLUMN `cccccccccccccccccccccccccccccccccccccccccccccccccc_ec5230b3_new` `cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc` VARCHAR(40) NOT NULL AFTER `a\\b``c`, ADD INDEX `i*/``\\` (`a\\b``c`, `cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc`), ADD INDEX `i*/``\\_new */ name` (`new */ name`, `cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc`)',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
DROP TRIGGER IF EXISTS `tideline_sync_728c81fb4396_ins`;
DROP TRIGGER IF EXISTS `tideline_sync_728c81fb4396_upd`;
UNLOCK TABLES;
