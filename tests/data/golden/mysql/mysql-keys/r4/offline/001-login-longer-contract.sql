-- Tideline · plan "MySQL keys and text" · release r4 · MySQL/MariaDB
-- Refactoring login-longer (change_type), step contract, phase pre
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

LOCK TABLES `accounts` WRITE, `sessions` WRITE;
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'accounts' AND column_name = 'login_new'),
    'UPDATE `accounts` SET `login_new` = `login` WHERE `login_new` IS NULL',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'accounts' AND column_name = 'login_new') AND EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'sessions' AND constraint_name = 'sessions_login_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `sessions` DROP FOREIGN KEY `sessions_login_fkey`, ALGORITHM=INPLACE, LOCK=NONE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'accounts' AND column_name = 'login_new'),
    'ALTER TABLE `accounts` DROP INDEX `accounts_login_key`, DROP COLUMN `login`, CHANGE COLUMN `login_new` `login` VARCHAR(320) NOT NULL COMMENT ''login name'' AFTER `handle`, ADD CONSTRAINT `accounts_login_key` UNIQUE (`login`)',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
DROP TRIGGER IF EXISTS `tideline_sync_fa66cb0510b6_ins`;
DROP TRIGGER IF EXISTS `tideline_sync_fa66cb0510b6_upd`;
SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = 'sessions' AND constraint_name = 'sessions_login_fkey' AND constraint_type = 'FOREIGN KEY'),
    'ALTER TABLE `sessions` ADD CONSTRAINT `sessions_login_fkey` FOREIGN KEY (`account_email`) REFERENCES `accounts` (`login`) ON DELETE SET NULL ON UPDATE CASCADE',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
UNLOCK TABLES;
