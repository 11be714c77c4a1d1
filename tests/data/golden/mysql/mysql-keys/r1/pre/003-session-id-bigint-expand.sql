-- Tideline · plan "MySQL keys and text" · release r1 · MySQL/MariaDB
-- Refactoring session-id-bigint (change_type), step expand, phase pre
-- add the shadow column <column>_new and a trigger that converts every write into it
-- Run it as it stands with the client: mariadb DATABASE < FILE (or mysql DATABASE < FILE);
-- the DELIMITER lines are for that client. MySQL commits each statement on its own, so a
-- file stopped by an error keeps what ran before it; run the whole file again once the
-- cause is fixed.
-- Re-runnable: every statement checks the catalog first, so running it again changes nothing.
-- Run again after a later release dropped a column its sync trigger reads, it stops at that
-- CREATE TRIGGER (MySQL checks a trigger's columns when it is created, and cannot create one
-- conditionally) before changing anything.
SET SESSION lock_wait_timeout = 10;

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'sessions' AND column_name = 'id_new' UNION ALL SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'sessions' AND column_name = 'id' AND data_type = 'bigint'),
    'ALTER TABLE `sessions` ADD COLUMN `id_new` BIGINT NULL COMMENT ''session number'', ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

DELIMITER $$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_aba06f606132_ins` BEFORE INSERT ON `sessions` FOR EACH ROW
BEGIN
    IF NEW.`id_new` IS NULL AND NEW.`id` IS NOT NULL AND NEW.`id` <> 0 THEN
        SET NEW.`id_new` = NEW.`id`;
    END IF;
END$$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_aba06f606132_upd` BEFORE UPDATE ON `sessions` FOR EACH ROW
BEGIN
    IF CAST(NEW.`id_new` AS BINARY) <=> CAST(OLD.`id_new` AS BINARY) AND NOT (CAST(NEW.`id` AS BINARY) <=> CAST(OLD.`id` AS BINARY)) THEN
        SET NEW.`id_new` = NEW.`id`;
    END IF;
END$$
DELIMITER ;
