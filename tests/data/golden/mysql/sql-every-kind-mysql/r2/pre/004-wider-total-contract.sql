-- Tideline · plan "Every kind (MySQL)" · release r2 · MySQL/MariaDB
-- Refactoring wider-total (change_type), step contract, phase pre
-- swap: drop the trigger and the old column, rename the shadow column to its name; its NOT NULL, default, identity, indexes, keys and constraints (and foreign keys that reference it) come along
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

LOCK TABLES `orders` WRITE;
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'total_new'),
    'UPDATE `orders` SET `total_new` = `total` WHERE `total_new` IS NULL',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'total_new'),
    'ALTER TABLE `orders` DROP COLUMN `total`, CHANGE COLUMN `total_new` `total` DECIMAL(12,2) NULL AFTER `customer_id`',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
DROP TRIGGER IF EXISTS `tideline_sync_9bacb30db136_ins`;
DROP TRIGGER IF EXISTS `tideline_sync_9bacb30db136_upd`;
UNLOCK TABLES;
