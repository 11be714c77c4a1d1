-- Tideline · plan "MySQL keys and text" · release r2 · MySQL/MariaDB
-- Refactoring session-id-bigint (change_type), step contract, phase pre
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

LOCK TABLES `sessions` WRITE;
SET @tideline_next_id = (SELECT AUTO_INCREMENT FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'sessions');
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'sessions' AND column_name = 'id_new'),
    'UPDATE `sessions` SET `id_new` = `id` WHERE `id_new` IS NULL',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET @tideline_sql = IF(EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'sessions' AND column_name = 'id_new'),
    'ALTER TABLE `sessions` DROP PRIMARY KEY, DROP COLUMN `id`, CHANGE COLUMN `id_new` `id` BIGINT NOT NULL AUTO_INCREMENT COMMENT ''session number'' FIRST, ADD PRIMARY KEY (`id`)',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
SET @tideline_sql = IF(@tideline_next_id IS NULL, 'DO 0', CONCAT('ALTER TABLE `sessions` AUTO_INCREMENT = ', @tideline_next_id));
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;
DROP TRIGGER IF EXISTS `tideline_sync_aba06f606132_ins`;
DROP TRIGGER IF EXISTS `tideline_sync_aba06f606132_upd`;
UNLOCK TABLES;
