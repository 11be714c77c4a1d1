-- Tideline · plan "MySQL keys and text" · release r3 · MySQL/MariaDB
-- Refactoring login-longer (change_type), step expand, phase pre
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

SET @tideline_sql = IF(NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'accounts' AND column_name = 'login_new' UNION ALL SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'accounts' AND column_name = 'login' AND data_type = 'varchar' AND character_maximum_length = 320),
    'ALTER TABLE `accounts` ADD COLUMN `login_new` VARCHAR(320) NULL COMMENT ''login name'', ALGORITHM=INSTANT',
    'DO 0');
PREPARE tideline_stmt FROM @tideline_sql;
EXECUTE tideline_stmt;
DEALLOCATE PREPARE tideline_stmt;

DELIMITER $$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_fa66cb0510b6_ins` BEFORE INSERT ON `accounts` FOR EACH ROW
BEGIN
    IF NEW.`login_new` IS NULL THEN
        SET NEW.`login_new` = NEW.`login`;
    END IF;
END$$
CREATE TRIGGER IF NOT EXISTS `tideline_sync_fa66cb0510b6_upd` BEFORE UPDATE ON `accounts` FOR EACH ROW
BEGIN
    IF CAST(NEW.`login_new` AS BINARY) <=> CAST(OLD.`login_new` AS BINARY) AND NOT (CAST(NEW.`login` AS BINARY) <=> CAST(OLD.`login` AS BINARY)) THEN
        SET NEW.`login_new` = NEW.`login`;
    END IF;
END$$
DELIMITER ;
